"""`python -m desktop_app` runs the command line (no sub-command opens the window)."""

import sys

from desktop_app.cli import main

sys.exit(main())
