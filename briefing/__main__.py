"""``python -m briefing``: see :mod:`briefing.cli`."""

import sys

from briefing.cli import main

sys.exit(main())
