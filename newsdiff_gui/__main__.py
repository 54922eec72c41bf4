"""`python -m newsdiff_gui` starts the desktop app (the CLI is `newsdiff`)."""

from newsdiff_gui.app import main

raise SystemExit(main())
