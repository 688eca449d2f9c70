"""Imported once by the fork server of tests/runner_fork.py (its preload): pays, before any build
forks from it, what every ``python -m helpers.reports build`` pays before its first report and
keeps in memory unchanged (helpers.reports.worker.warm without the data): the imports of the stack
the notebooks and the in-process kernel use, the compiled templates, the catalogues and CLDR's
data, the Markdown renderer, and matplotlib's fonts and file writers; and, unlike a build's warm-up,
the project's data validated once (``_warm_data``). A build forked from the
server runs the whole warm-up again; it finds these done. With ``RUNNER_FORK_WARM=data``
(``runner_fork.WARM``) only the data and the runner's command line are warmed."""

import os

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # as worker.warm sets it


def _warm() -> None:
    import importlib

    import nbformat

    from helpers.reports import cli, engine, html, runner, worker  # noqa: F401

    for name in (*worker.STACK, *worker.KERNEL_STACK):
        importlib.import_module(name)
    html.collect(nbformat.v4.new_notebook(), "en", False)
    html.markdown("*warm*")
    html.warm()
    worker.warm_drawing()
    _warm_data()
    import gc

    gc.collect()
    gc.freeze()  # as warm does: a build's own collections skip what it inherits from the server


def _warm_data() -> None:
    """The project's data validated once: what the checks keep by content (the published tables'
    text check, the decoded UN tables: helpers.data.folder, contentcache) is then in memory for every
    copy of the same bytes that a forked command validates. A copy with other bytes misses it."""
    from helpers.data.csvio import DataValidationError
    from helpers.data.validate import validate

    try:
        validate()
    except DataValidationError:
        return  # the data tests say what is wrong with it; this only saves time


if os.environ.get("RUNNER_FORK_WARM") == "data":  # runner_fork.WARM: no build is to run
    from helpers.reports import cli  # noqa: F401

    _warm_data()
else:
    _warm()
