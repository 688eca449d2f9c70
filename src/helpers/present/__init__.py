"""The presentation layer: what people see. Modules, lower first:

- ``locale``  everything that depends on ``lang``: labels, number formats, names and units, source
              lines, page chrome (standard library only)
- ``style``   the house chart style, its layout (title, subtitle, source line) and reproducible files
- ``labels``  chart labels placed where they touch no other text, line, marker or edge
- ``charts``  the charts the notebooks draw: a package of rooms (axes, titles, cards, targets, one
              per kind of chart) drawn in its ``__init__``
- ``tables``  tables for people: localized headers and numbers, sources and quotes

Importing this package imports none of them.
"""
