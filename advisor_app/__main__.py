from advisor_app.cli import main

raise SystemExit(main())
