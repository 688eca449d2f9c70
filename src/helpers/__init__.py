"""Helpers for the "Viet Nam's digital government in figures" notebooks.

Modules, each with one job (lower ones never import higher ones):

- ``paths``     where the project's files are, anchored on this package
- ``numbers``   parse and format Vietnamese and English number phrases
- ``csvio``     read CSV files with line numbers; the Problem and DataValidationError types
- ``un``        normalise the raw UN E-Government Survey tables into long form
- ``validate``  check a data folder and report every problem (the four above: standard library only)
- ``params``    read and check notebook parameters (standard library only)
- ``data``      load the figures as one tidy pandas table; sources, dictionary, citations
- ``analysis``  derived numbers: growth, year-end values, positions within a region, ratios
- ``claims``    check the sources' relative claims against the figures
- ``i18n``      English and Vietnamese labels
- ``style``     the house chart style and reproducible files
- ``charts``    the charts the notebooks draw
- ``tables``    tables for people: localized headers and numbers, sources and quotes
- ``reports``   the report runner (``python -m helpers.reports``)

Importing ``helpers`` itself is cheap: it imports no submodule.
"""

__version__ = "0.1.0"
