"""The report runner: ``python -m helpers.reports build|list|params|refresh-notebooks``.

Runs each report of ``reports.yaml`` with papermill in its own process and kernel, publishes it
atomically into ``outputs/``, and rebuilds only what changed. Modules:

- ``config``       ``reports.yaml`` expanded into one Report per notebook run
- ``fingerprint``  hashes of a report's inputs (code, parameters, packages, data per indicator)
- ``plan``         the config checked against notebooks and data; what is stale and why
- ``outputs``      the one object that knows the layout of ``outputs/`` (and a report's staging folder)
- ``publish``      file-system steps: lock, atomic writes, atomic folder swap
- ``changes``      what changed in the data between publications (the manifest's ``data_changes``)
- ``html``         the report page header and the index page
- ``datapage``     the dataset published beside the reports: zip, data page, snapshot
- ``catalogue``    the index pages: every report with its latest value, and the data's changes
- ``engine``       the named papermill engines (in-process and subprocess kernels), which record reads
- ``worker``       one report built in its own process
- ``runner``       orchestration: checks in order, the pool of workers, the summary
- ``cli``          the command line, passing one ``runner.Options``
- ``notebooks``    ``make notebooks``: refresh the committed notebooks' outputs
"""
