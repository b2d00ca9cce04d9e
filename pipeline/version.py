"""The pipeline version stored with every record; bump it when extraction logic changes."""
PIPELINE_VERSION = "0.1.0"
