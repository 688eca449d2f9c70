"""data/datapackage.json describes the CSV files as they are (Frictionless Data Package).

frictionless is a test dependency only: it checks the descriptor and every row the way a reuser's
tools will. helpers.data.validate stays the run-time validator (faster, and it checks what frictionless
cannot, such as a value stated in its quote).
"""

import csv
import json

from helpers.data.un import NORMALISED_COLUMNS
from helpers.data.validate import (
    CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    INDICATOR_COLUMNS,
    KINDS,
    SOURCE_COLUMNS,
    TARGET_COLUMNS,
)
from helpers.paths import DEFAULT_DATA_DIR


def test_descriptor_fields_match_the_files_and_the_validator():
    pkg = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    expected = {
        "figures": FIGURE_COLUMNS,
        "indicators": INDICATOR_COLUMNS,
        "sources": SOURCE_COLUMNS,
        "claims": CLAIM_COLUMNS,
        "targets": TARGET_COLUMNS,
        "un_egdi": list(NORMALISED_COLUMNS),
    }
    for res in pkg["resources"]:
        fields = [f["name"] for f in res["schema"]["fields"]]
        with (DEFAULT_DATA_DIR / res["path"]).open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == fields, res["name"]
        if res["name"] in expected:
            assert fields == expected[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            assert fk["reference"]["resource"] in {r["name"] for r in pkg["resources"]}
    kinds = next(
        f
        for r in pkg["resources"]
        if r["name"] == "indicators"
        for f in r["schema"]["fields"]
        if f["name"] == "kind"
    )
    assert kinds["constraints"]["enum"] == list(KINDS)


def test_data_readme_documents_every_indicator():
    readme = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    with (DEFAULT_DATA_DIR / "indicators.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert f"`{row['id']}`" in readme, row["id"]


def test_every_data_file_is_a_resource_of_the_package():
    pkg = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in pkg["resources"]}
    on_disk = {p.relative_to(DEFAULT_DATA_DIR).as_posix() for p in DEFAULT_DATA_DIR.rglob("*.csv")}
    assert on_disk == paths
    with (DEFAULT_DATA_DIR / "raw" / "un-egdi" / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            res = next(r for r in pkg["resources"] if r["path"] == f"raw/un-egdi/{row['file']}")
            assert res["name"] == row["source_id"]
            assert [f["name"] for f in res["schema"]["fields"]] == row["columns"].split(",")


def test_frictionless_validates_the_package_with_zero_errors():
    from frictionless import validate

    report = validate(DEFAULT_DATA_DIR / "datapackage.json")
    problems = [e.message for e in report.errors] + [
        f"{task.name}: row {getattr(e, 'row_number', '-')}: {e.message}"
        for task in report.tasks
        for e in task.errors
    ]
    assert not problems, "frictionless validate data/datapackage.json:\n" + "\n".join(problems)
    assert report.valid and not report.warnings, report.warnings
    pkg = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert [t.name for t in report.tasks] == [r["name"] for r in pkg["resources"]]  # every resource checked
    rows = {t.name: t.stats.get("rows", 0) for t in report.tasks}  # no "rows" for a header-only file
    for res in pkg["resources"]:
        with (DEFAULT_DATA_DIR / res["path"]).open(encoding="utf-8", newline="") as fh:
            assert rows[res["name"]] == sum(1 for _ in csv.reader(fh)) - 1, res["name"]  # every row read
