"""The report runner: ``python -m helpers.reports build|merge|list|params|refresh-notebooks``.

Runs each report of ``reports.yaml`` with papermill in its own process and kernel, publishes it
atomically into ``outputs/``, and rebuilds only what changed. Modules, lower first:

- ``config``       ``reports.yaml`` expanded into one Report per notebook run
- ``fingerprint``  hashes of a report's inputs (code, parameters, packages, data per indicator)
- ``shard``        which part of the reports a machine builds (``--shard K/N``)
- ``layout``       the names of ``outputs/``'s files and folders, drawn there; a report's states
- ``publish``      file-system steps: lock, atomic writes, atomic folder swap, the reaper
- ``changes``      what changed in the data between publications (the manifest's ``data_changes``)
- ``project``      the project as ``CITATION.cff`` describes it: authors, keywords, published address
- ``manifest``     ``manifest.json``'s content: last good build and last failure per report
- ``journal``      ``.journal``: the reports published since the manifest was written, read as input
- ``ownership``    which outputs folders are the runner's (its marker); it writes into no other
- ``staging``      one report's staging folder, where its worker builds it
- ``outputs``      the one object that knows where everything in ``outputs/`` is
- ``plan``         the config checked against notebooks and data; what is stale and why
- ``outcome``      a worker's end: publish the report or keep its failure; the data-shrink guard
- ``releases``     every data release kept under its dated, versioned address (``data/versions/``)
- ``metadata``     what pages say to machines and re-users: citations (text, BibTeX), citation and
                   Dublin Core meta tags, the reuse lines of a chart, the data page's JSON-LD Dataset
- ``parts``        the parts of a report's page, from its executed notebook (by each output's role)
- ``html``         the pages from the Jinja2 templates of ``templates/``: a report's page from its
                   executed notebook, the index, the data page, the data changes
- ``nbtemplate``   nbconvert's template of a report page (``jupyter nbconvert --to html --template
                   src/helpers/reports/templates NOTEBOOK`` gives the page the runner published)
- ``datapage``     the dataset published beside the reports: zip, data page, snapshot
- ``filewords``    the data page's description of each file, in the page's language
- ``freshness``    the indicators older than their release cadence allows, judged with the data
- ``catalogue``    the index pages: every report with its latest value, and the data's changes
- ``steps``        the public steps of a build (validate, config, data page, manifest and index),
                   shared by ``runner`` and ``merge``; the command line's Options and exit statuses
- ``engine``       the named papermill engines (in-process and subprocess kernels), which record reads
- ``worker``       one report built in its own process
- ``warmfork``     the warm process the workers fork from: it warms up while the runner plans,
                   then forks each worker on request and says when it ends
- ``progress``     one line per report in a log; tqdm's bar on a terminal
- ``summary``      the table at the end of a build, the runner's own time, ``list``
- ``pool``         the stale reports run ``jobs`` at a time, each in a forked worker
- ``runner``       ``build``: the steps in order, the pool, the summary
- ``merge``        ``merge``: the shards' outputs published as one site, with the same steps
- ``preview``      ``build --watch``: rebuild on change and serve ``outputs/`` with live reload
- ``cli``          the command line, passing one ``steps.Options``
- ``notebooks``    ``make notebooks``: refresh the committed notebooks' outputs
"""
