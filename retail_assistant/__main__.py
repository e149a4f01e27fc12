from retail_assistant.cli import main

raise SystemExit(main())
