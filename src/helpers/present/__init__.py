"""The presentation layer: what people see. Modules, lower first:

- ``locale``  everything that depends on ``lang``: the words (gettext catalogues en.po, vi.po),
              numbers and dates (CLDR, through Babel), names and units, source lines, citations
- ``style``   the house chart style, its layout (title, subtitle, source line) and reproducible files
- ``labels``  chart labels placed where they touch no other text, line, marker or edge
- ``charts``  the charts the notebooks draw: a package of rooms (axes, titles, cards, targets, one
              per kind of chart) drawn in its ``__init__``
- ``tables``  tables for people: localized headers and numbers, sources and quotes

Importing this package imports none of them.
"""
