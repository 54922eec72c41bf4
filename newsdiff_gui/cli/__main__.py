from newsdiff_gui.cli import main

raise SystemExit(main())
