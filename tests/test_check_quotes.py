"""scripts/check_quotes.py, the quote checker behind ``make check-quotes SOURCES=DIR``.

The real source texts are not in the repository, so the suite checks the checker on small texts of
its own; ``make check-quotes SOURCES=/path/to/texts`` runs it on data/figures.csv and claims.csv.
"""

import csv
import importlib.util
import subprocess
import sys

import pytest

from helpers.paths import PROJECT_DIR

SCRIPT = PROJECT_DIR / "scripts" / "check_quotes.py"
spec = importlib.util.spec_from_file_location("check_quotes", SCRIPT)
cq = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cq)


def _csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture
def case(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(
        "Đến nay, cả nước đã cấp\u00a0hơn 87 triệu thẻ Căn cước.\nNền tảng NDXP “đạt 1 tỷ” giao dịch.",
        encoding="utf-8",
    )
    sources = _csv(
        tmp_path / "sources.csv",
        [
            {"id": "press", "address": "", "text_file": "a.txt"},
            {"id": "web", "address": "https://example.org/page", "text_file": ""},
            {"id": "nowhere", "address": "", "text_file": ""},
        ],
    )
    return tmp_path, texts, sources


def test_quotes_are_matched_after_folding_spaces_quotes_and_ellipses(case):
    tmp, texts, sources = case
    figures = _csv(
        tmp / "figures.csv",
        [
            {"source_id": "press", "quote": "cả nước đã cấp hơn 87 triệu thẻ"},  # NBSP in the text
            {"source_id": "press", "quote": 'Đến nay ... NDXP "đạt 1 tỷ" giao dịch.'},
            {"source_id": "web", "quote": "a sentence on a public page"},
        ],
    )
    problems, notes, n = cq.check([figures], sources, texts)
    assert (problems, n) == ([], 3)
    assert notes == ["figures.csv:4: source=web: cites a web page (no source text)"]


def test_a_quote_missing_from_its_source_text_is_a_problem(case):
    tmp, texts, sources = case
    figures = _csv(
        tmp / "figures.csv",
        [
            {"source_id": "press", "quote": "hơn 88 triệu thẻ"},
            {"source_id": "press", "quote": "NDXP ... Đến nay"},  # pieces out of order
            {"source_id": "press", "quote": ""},
            {"source_id": "nowhere", "quote": "text"},
        ],
    )
    problems, _notes, _n = cq.check([figures], sources, texts)
    expected = [
        "figures.csv:2: source=press: quote not in a.txt",
        "figures.csv:3: source=press: quote not in a.txt",
        "figures.csv:4: source=press: empty quote",
        "figures.csv:5: source=nowhere: source has neither a source text nor an address",
    ]
    assert len(problems) == len(expected)
    assert all(p.startswith(e) for p, e in zip(problems, expected, strict=True)), problems


def test_command_line_exit_statuses(case, tmp_path):
    tmp, texts, sources = case
    good = _csv(tmp / "good.csv", [{"source_id": "press", "quote": "hơn 87 triệu thẻ"}])
    bad = _csv(tmp / "bad.csv", [{"source_id": "press", "quote": "hơn 88 triệu thẻ"}])

    def run(*args):
        return subprocess.run(
            [sys.executable, str(SCRIPT), "--sources-csv", str(sources), *args],
            capture_output=True,
            text=True,
        )

    assert run("--sources", str(texts), str(good)).returncode == 0
    r = run("--sources", str(texts), str(bad))
    assert r.returncode == 1 and "bad.csv:2:" in r.stdout
    r = run("--sources", str(tmp_path / "missing"), str(good))
    assert r.returncode == 2 and "no such folder" in r.stderr
    (texts / "a.txt").unlink()
    r = run("--sources", str(texts), str(good))
    assert r.returncode == 2 and "a.txt" in r.stderr and "missing" in r.stderr
