"""Helpers for the "Viet Nam's digital government in figures" notebooks.

Modules, each with one job (lower ones never import higher ones):

- ``paths``     where the project's files are, anchored on this package
- ``numbers``   parse and format Vietnamese and English number phrases
- ``catalog``   the data dictionary, sources and countries (standard library only)
- ``validate``  check the data files and report every problem (standard library only)
- ``params``    check notebook parameters (standard library only)
- ``data``      load the figures as one tidy pandas table
- ``claims``    check the sources' relative claims against the figures
- ``i18n``      English and Vietnamese labels
- ``style``     the house chart style, source lines, reproducible files
- ``charts``    the charts the notebooks draw
- ``reports``   the report runner (``python -m helpers.reports``)

Importing ``helpers`` itself is cheap: it imports no submodule.
"""

__version__ = "0.1.0"
