"""The report runner: ``python -m helpers.reports build|list|params|refresh-notebooks``.

Runs each report of ``reports.yaml`` with papermill in its own process and kernel, publishes it
atomically into ``outputs/``, and rebuilds only what changed (see ``runner``).
"""
