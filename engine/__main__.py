"""``python -m engine …``: the command line."""

import sys

from .cli import main

if __name__ == "__main__":  # a worker process of --jobs must not run the command again
    sys.exit(main())
