"""data/datapackage.json describes the CSV files as they are (Frictionless Data Package)."""

import csv
import json

from helpers.paths import DEFAULT_DATA_DIR
from helpers.validate import CLAIM_COLUMNS, FIGURE_COLUMNS, INDICATOR_COLUMNS, KINDS, SOURCE_COLUMNS


def test_descriptor_fields_match_the_files_and_the_validator():
    pkg = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    expected = {
        "figures": FIGURE_COLUMNS,
        "indicators": INDICATOR_COLUMNS,
        "sources": SOURCE_COLUMNS,
        "claims": CLAIM_COLUMNS,
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
