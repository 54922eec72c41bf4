"""`python -m newsdiff_gui` starts the desktop app (the CLI is `newsdiff`).

This is also the entry point of the PyInstaller build, where the background
extractor's child process starts as another run of the same executable:
`freeze_support()` turns that run into the child instead of a second window.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from newsdiff_gui.app import main

    raise SystemExit(main())
