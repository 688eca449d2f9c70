import os
import signal
import sys


def _stop(signum, _frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


# SIGTERM stops a run cleanly (status 130) from the first moment, as SIGINT does, not only once the
# build has installed its own handlers after the imports.
signal.signal(signal.SIGTERM, _stop)
try:
    from .cli import main

    code = main()
except KeyboardInterrupt:  # before the build installed its own handlers: nothing was written yet
    print("interrupted: published reports are intact", file=sys.stderr)
    code = 130
except BrokenPipeError:  # `... list | head`: the reader has what it wanted; stop quietly, as a shell does
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more reaches the closed pipe
    code = 128 + signal.SIGPIPE
# Everything is done: workers joined, files fsynced, lock released. Exit at once rather than through
# interpreter finalization, during which a late signal from a terminated worker's kernel machinery
# (after CPython resets signal dispositions) could replace the exit status with a signal death.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
