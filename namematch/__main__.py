"""``python -m namematch``: the ``namematch`` command."""

from namematch.cli import main

raise SystemExit(main())
