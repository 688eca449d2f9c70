"""What the table rules share: the tables' columns and enumerations (from ``datapackage.json``, see
``helpers.data.schema``) and the limits the checks apply. Standard library only."""

from __future__ import annotations

import re

from .. import periods, schema

FIGURE_COLUMNS = schema.columns("figures")
INDICATOR_COLUMNS = schema.columns("indicators")
SOURCE_COLUMNS = schema.columns("sources")
CLAIM_COLUMNS = schema.columns("claims")
TARGET_COLUMNS = schema.columns("targets")
RETIRED_COLUMNS = schema.columns("retired_ids")
KINDS = schema.enum("indicators", "kind")
SELECTION_RULES = schema.enum("indicators", "selection_rule")
CADENCES = schema.enum("indicators", "cadence")
SOURCE_KINDS = schema.enum("sources", "kind")
LANGUAGES = schema.enum("sources", "language")
CLAIM_KINDS = schema.enum("claims", "kind")
COMPARISONS = schema.enum("claims", "comparison")
PERIODS = periods.PERIODS
STATUSES = schema.enum("figures", "status")
DATE_BASES = schema.enum("figures", "date_basis")
PRODUCERS = schema.enum("figures", "producer")
DIRECTIONS = schema.enum("targets", "direction")
MAX_TARGET_YEAR = 2100
NEEDS_BASE = {"pct_change", "ratio", "rank_change", "difference"}  # claims comparing two years
NOT_STATED = {"first_above", "external_ranking"}  # claims whose number need not be written in the quote
UN_MEMBER_STATES = 193
ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")  # a source, claim or target id
FIGURE_ID = re.compile(schema.field("figures", "id")["constraints"]["pattern"])  # f0001, p00001
PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")  # a release: YYYY, YYYY-MM or YYYY-MM-DD
