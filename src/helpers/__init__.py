"""Helpers for the "Viet Nam's digital government in figures" notebooks.

Three packages are the data flow; a layer imports only the layers beneath it::

    reports/   plan · outputs · steps · pool · runner · merge · cli  python -m helpers.reports
       │         (run notebooks, publish into outputs/)
    notebook   start(): the notebooks' set-up in one call          (+ params: notebook parameters)
       │
    present/   locale · style · charts · tables                    what people see; all of `lang`
       │
    analysis, claims, compare, provinces                           derived numbers, checked claims,
       │                                                           comparability and verdicts,
       │                                                           provinces across the merger
       │
    data/      schema · csvio · numbers · checks · un · validate/  standard library only
               tidy · load                                         the tidy pandas table
       │
    paths      where the project's files are

- ``data``      ``data/`` read against the contract in ``data/datapackage.json`` (``schema``),
                validated (``python -m helpers.data``, no pandas) and loaded (``load_figures``)
- ``analysis``  growth, year-end values, positions within a region, ratios
- ``claims``    the sources' relative claims checked against the figures
- ``compare``   the one function every comparison and verdict goes through (``state``): are the
                figures comparable, and what may be said of them
- ``provinces`` the 63 provinces before 1 July 2025 and the 34 after, ranks among them, rank moves,
                values derived for a new province from its predecessors
- ``params``    read and check notebook parameters (standard library only)
- ``present``   ``locale`` (everything that depends on ``lang``), ``style``, ``charts``, ``tables``
- ``notebook``  ``start``: check the parameters, load the figures, keep the years shown
- ``reports``   the report runner (see ``helpers.reports``)
- ``paths``     where the project's files are (data, notebooks, outputs; their environment variables)

Each package's ``__init__`` draws its own rooms. No module imports another that imports it back,
and none is over 300 lines (``tests/test_architecture.py``). Importing ``helpers`` itself is cheap:
it imports no submodule.
"""

__version__ = "0.1.0"
