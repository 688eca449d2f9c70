"""The malformed variants of the other tables (indicators, sources, claims, the UN tables and their
manifest, targets) and of the data model (periods, dates, status, releases and vintages, preferred
rows); validate_cases_support.py puts them after the variants of figures.csv's shape and cells.
"""

from __future__ import annotations

from validate_support import (
    CCCD_2023,
    CLM,
    DOSSIER_2024,
    EGDI_2024,
    FIG,
    GSO_2022_LATEST,
    IND,
    MANIFEST,
    MONTHLY_2025_06,
    NDXP_2024,
    SRC,
    TGT,
    UN_2024,
    Case,
    duplicate_row,
    edit_cell,
    edit_cells,
)

TABLE_AND_MODEL_CASES = [
    # the other tables
    Case(
        "unknown-kind",
        IND,
        lambda p: edit_cell(p, {"id": "egdi_rank"}, "kind", "ranking"),
        "kind",
        "one of: flow, stock",
    ),
    Case(
        "duplicate-indicator",
        IND,
        lambda p: duplicate_row(p, {"id": "egdi_rank"})[0],
        "id",
        "a unique id (this one is already used)",
    ),
    Case(
        "bad-published-date",
        SRC,
        lambda p: edit_cell(p, {"id": "baonghean-2022-12-25"}, "published", "25/12/2022"),
        "published",
        "an ISO date YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    Case(
        "bad-address",
        SRC,
        lambda p: edit_cell(p, {"id": "baonghean-2022-12-25"}, "address", "www.baonghean.vn"),
        "address",
        "a web address starting with http:// or https://",
    ),
    Case(
        "claim-not-in-quote",
        CLM,
        lambda p: edit_cell(p, {"id": "ndxp-2024-growth"}, "stated", "58"),
        "stated",
        "a number stated in the quote",
    ),
    Case(
        "claim-unknown-kind",
        CLM,
        lambda p: edit_cell(p, {"id": "ndxp-2024-growth"}, "kind", "growth"),
        "kind",
        "one of: pct_change",
    ),
    Case(
        "un-index-above-1",
        UN_2024,
        lambda p: edit_cell(p, {"Country": "Ireland "}, "E_Index", "1.5"),
        "E_Index",
        "an index between 0 and 1",
    ),
    Case(
        "un-unknown-country",
        UN_2024,
        lambda p: edit_cell(p, {"Country": "Ireland "}, "Country", "Atlantis "),
        "Country",
        "a country known from the 2010-2018 tables or country_aliases.csv",
    ),
    Case(
        "manifest-unknown-format",
        MANIFEST,
        lambda p: edit_cell(p, {"file": "EGOV_DATA_2024.csv"}, "format", "xlsx"),
        "format",
        "one of unu",
    ),
    # the model: periods, dates, status, releases; targets
    Case(
        "monthly-figure-in-annual-series",
        FIG,
        lambda p: edit_cells(
            p, DOSSIER_2024, {"period": "month", "date": "2024-12-31", "date_basis": "stated"}
        ),
        "period",
        "a period of online_dossier_full_share's series (year)",
    ),
    Case(
        "unknown-period",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "period", "fortnight"),
        "period",
        "one of: year, half",
    ),
    Case(
        "year-figure-with-a-date",
        FIG,
        lambda p: edit_cells(p, NDXP_2024, {"date": "2024-07-31", "date_basis": "stated"}),
        "date",
        "empty: period 'year' is the whole calendar year",
    ),
    Case(
        "month-figure-without-a-date",
        FIG,
        lambda p: edit_cells(p, MONTHLY_2025_06, {"date": "", "date_basis": ""}),
        "date",
        "period 'month' needs a date",
    ),
    Case(
        "date-without-basis",
        FIG,
        lambda p: edit_cell(p, CCCD_2023, "date_basis", ""),
        "date_basis",
        "stated or inferred",
    ),
    Case(
        "unknown-status", FIG, lambda p: edit_cell(p, NDXP_2024, "status", "guess"), "status", "one of: final"
    ),
    Case(
        "unknown-producer",
        FIG,
        lambda p: edit_cell(p, NDXP_2024, "producer", "a blog"),
        "producer",
        "one of: UN DESA",
    ),
    Case(
        "vintage-older-than-the-one-it-replaces",
        FIG,
        lambda p: edit_cell(p, GSO_2022_LATEST, "revises", "2025-12-31"),
        "revises",
        "a vintage older than the row's own vintage 2025-01-06",
    ),
    Case(
        "revises-a-vintage-not-in-the-data",
        FIG,
        lambda p: edit_cell(p, GSO_2022_LATEST, "revises", "2024-06"),
        "revises",
        "the vintage of another row of the same point",
    ),
    Case(
        "revises-without-vintage",
        FIG,
        lambda p: edit_cells(p, GSO_2022_LATEST, {"vintage": "", "revises": "2023-12-29"}),
        "revises",
        "empty unless the row has a vintage",
    ),
    Case(
        "preferred-without-reason",
        FIG,
        lambda p: edit_cells(p, EGDI_2024, {"preferred": "true", "note": ""}),
        "note",
        "the reason the row is preferred",
    ),
    Case(
        "indicator-unknown-period",
        IND,
        lambda p: edit_cell(p, {"id": "ndxp_transactions"}, "period", "year|decade"),
        "period",
        "one or more of year, half",
    ),
    Case(
        "target-without-direction",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "direction", ""),
        "direction",
        "one of: at_least, at_most, exactly",
    ),
    Case(
        "target-value-not-in-quote",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "value", "60"),
        "value",
        "a number stated in the quote",
    ),
    Case(
        "target-unknown-indicator",
        TGT,
        lambda p: edit_cell(p, {"id": "dx749-egdi-top70-2025"}, "indicator", "egdi_top"),
        "indicator",
        "an indicator id from indicators.csv",
    ),
    Case(
        "claim-ratio-to-without-other-indicator",
        CLM,
        lambda p: edit_cell(p, {"id": "digital-economy-2024-3x-gdp"}, "other_indicator", ""),
        "other_indicator",
        "the indicator the value is divided by",
    ),
]
