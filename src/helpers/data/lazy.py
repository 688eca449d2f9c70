"""The names ``helpers.data`` offers from ``load``, listed once: the package imports ``load`` (and with
it pandas) only when one of them is first used, and ``load`` exports exactly these. A module of its
own, below both, so that neither imports the other for the list. Standard library only."""

LOAD_NAMES = {  # what helpers.data.load provides, imported (with pandas) on first use
    "COLUMNS",
    "ASEAN",
    "load_dataset",
    "load_figures",
    "indicators",
    "sources",
    "places",
    "place_crosswalk",
    "series",
    "latest",
    "higher_is_better",
    "record_reads",
    "targets",
    "un_id",
}
