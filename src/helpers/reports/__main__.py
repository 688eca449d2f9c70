import sys

try:
    from .cli import main

    sys.exit(main())
except KeyboardInterrupt:  # before the build installed its own handlers: nothing was written yet
    print("interrupted: published reports are intact", file=sys.stderr)
    sys.exit(130)
