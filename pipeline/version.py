"""The pipeline version stored with every record; bump it when extraction logic changes
(the config hash covers configs/ and models/ and this version, not the code)."""
PIPELINE_VERSION = "0.6.0"
