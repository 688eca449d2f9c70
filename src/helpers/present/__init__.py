"""The presentation layer: what people see. Modules, lower first:

- ``locale``  everything that depends on ``lang``: the words (gettext catalogues en.po, vi.po),
              numbers and dates (CLDR, through Babel), names and units, source lines, citations
- ``markup``  escaping (``esc``, for Markdown) and HTML fragments from the Jinja2 templates of
              ``templates/`` (a table, a number card, a chart's figure, the sources), autoescaped
- ``drawing``  cheaper matplotlib steps to the same pictures: text widths, tight layout, the PNG
- ``style``   the house chart style, its layout (title, subtitle, source line) and reproducible files
- ``labels``  chart labels placed where they touch no other text, line, marker or edge
- ``charts``  the charts the notebooks draw: a package of rooms (axes, titles, cards, targets, one
              per kind of chart) drawn in its ``__init__``
- ``quotes``  the phrase of a quote that holds a claim's number
- ``tables``  tables for people: localized headers and numbers, sources and quotes
- ``datatable``  the data behind a chart as a table on the page, in its language
- ``datewords``  dates and release cadences in words, without pandas (the runner's index says them)
- ``facts``   key facts about an indicator: producer, dates covered, releases, freshness
- ``know``    what a reader should know: definition breaks, other measures, caveats, estimates
- ``rates``   rates per person for people, the denominator named
- ``blocks``  a page's furniture from templates: key facts, what to know, a chart's key and data
- ``groups``  the index's groups of reports, and those whose entries show a thumbnail
- ``page``    what a notebook puts on its published page (``Page``), block by block
- ``statements``  every comparison, derived number and verdict said in the page's language and
              recorded for the report's ``statements.json`` (from ``helpers.compare``)
- ``verdicts``  targets with their verdicts (met, missed, on track, not yet judged, cannot be judged)
- ``story``   sentences that state facts, computed from the figures shown
- ``provinces``  the provinces page's sentences and tables; ``profile`` a province's profile's

Importing this package imports none of them.
"""
