"""`python -m pipeline.tools.cli` runs the command line."""
import sys

from pipeline.tools.cli import main

sys.exit(main())
