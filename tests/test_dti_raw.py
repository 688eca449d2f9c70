"""The raw DTI tables (data/raw/dti/) as copied from the publisher: manifest, columns and the
package descriptor agree, and the printed ranks follow the publisher's rule (ties share a rank, the
next rank is skipped), checked against the values held."""

import csv
import json

from helpers.paths import DEFAULT_DATA_DIR

RAW = DEFAULT_DATA_DIR / "raw" / "dti"


def _rows(name):
    with (RAW / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _manifest():
    with (RAW / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_manifest_columns_and_descriptor_agree_with_every_raw_file():
    pkg = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in pkg["resources"]}
    with (RAW / "columns.csv").open(encoding="utf-8", newline="") as fh:
        cols = list(csv.DictReader(fh))
    listed = {p.name for p in RAW.glob("*.csv")} - {"manifest.csv", "columns.csv"}
    manifest = _manifest()
    assert {m["file"] for m in manifest} == listed
    for m in manifest:
        rows = _rows(m["file"])
        header, body = rows[0], rows[1:]
        described = [c["column"] for c in cols if c["file"] == m["file"]]
        positions = [int(c["position"]) for c in cols if c["file"] == m["file"]]
        assert described == header, m["file"]
        assert positions == list(range(1, len(header) + 1)), m["file"]
        res = by_path[f"raw/dti/{m['file']}"]
        assert [f["name"] for f in res["schema"]["fields"]] == header, m["file"]
        assert len(body) == int(m["rows_stored"]) <= int(m["rows_published"]), m["file"]


def competition_ranks(values):
    """The publisher's ranks: 1 + the number of higher values (ties share a rank, the next is skipped)."""
    return [1 + sum(1 for w in values if w > v) for v in values]


def test_printed_ranks_follow_the_publishers_rule_and_the_values():
    for m in _manifest():
        body = _rows(m["file"])[1:]
        ranks = [int(r[0]) for r in body]
        # In rank order; a rank repeats only for a tie, and the rank after a tie skips the tied places.
        for i, r in enumerate(ranks):
            assert r == (ranks[i - 1] if i and r == ranks[i - 1] else i + 1), (m["file"], i + 2, r)
        if m["table"] == "detail":
            # The detail lines held are the first ones published, so no unseen province ranks above
            # them: the printed rank is 1 + the provinces held with a higher PDTI.
            pdti = [float(r[-1]) for r in body]
            assert competition_ranks(pdti) == ranks, m["file"]


def test_the_2022_tie_the_publisher_prints():
    body = _rows("dti-2022-ranking.csv")[1:]
    assert [r for r in body if r[0] == "15"] == [["15", "Thanh Hóa"], ["15", "Yên Bái"]]
    assert "16" not in {r[0] for r in body}
    assert len({r[1] for r in body}) == 63


def test_detail_and_ranking_print_the_same_rank_for_each_province():
    ranking = {r[1]: r[0] for r in _rows("dti-2022-ranking.csv")[1:]}
    for r in _rows("dti-2022-detail.csv")[1:]:
        assert ranking[r[1]] == r[0], r[1]


def test_competition_ranks_breaks_ties_like_the_publisher():
    assert competition_ranks([0.9, 0.8, 0.8, 0.7]) == [1, 2, 2, 4]
