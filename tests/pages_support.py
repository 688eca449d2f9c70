"""Helpers for the tests of the published pages: build the real reports once, list the pages with
the language each must declare, and read a page's visible text.

Set ``PAGES_OUTPUTS=outputs`` (or another built folder) to test an existing build instead of building
one into a temporary folder (handy while editing templates; the tests never write into it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from helpers.paths import PROJECT_DIR

CONFIG = PROJECT_DIR / "reports.yaml"
LANGS = ("en", "vi")
SKIP_DIRS = {"failed", ".staging"}


@dataclass(frozen=True)
class Page:
    path: Path  # the HTML file
    lang: str  # the language it must declare in <html lang>
    kind: str  # "index", "report" or "other"
    name: str  # report name, or the file name for other pages

    @property
    def url(self) -> str:
        return self.path.resolve().as_uri()


def build_site(outputs: Path) -> Path:
    """Build every report of ``reports.yaml`` into ``outputs`` (or reuse ``$PAGES_OUTPUTS``). Every
    chart the build saves is measured as it is saved (tests/layout_hook), into :func:`layout_log`."""
    reuse = os.environ.get("PAGES_OUTPUTS")
    if reuse:
        return Path(reuse).resolve()
    from helpers.paths import DEFAULT_DATA_DIR
    from reports_support import build

    log = layout_log(outputs)
    for left in (outputs, log):  # what a build stopped before its end left (a background one killed)
        shutil.rmtree(left, ignore_errors=True)
    log.mkdir(parents=True)
    hook = str(Path(__file__).resolve().parent / "layout_hook")
    path = os.pathsep.join(p for p in (hook, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "HELPERS_LAYOUT_LOG": str(log)}
    r = build(CONFIG, outputs, DEFAULT_DATA_DIR, "--jobs", "2", timeout=1200, env=env)
    assert r.returncode == 0, f"the build failed:\n{r.stdout}\n{r.stderr}"
    return outputs


def once_in(shared: Path, make) -> Path:
    """``make(shared)``, once for every process that asks with the same ``shared`` folder (the first
    makes it, under a lock; the others wait for it): the path ``make`` returned. A ``make`` that
    fails leaves nothing, and the next to ask tries again (and fails with the same message)."""
    import fcntl

    shared.mkdir(parents=True, exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            (shared / "built").write_text(str(make(shared)), encoding="utf-8")
    return Path((shared / "built").read_text(encoding="utf-8"))


def site_of_run(shared: Path) -> Path:
    """The run's one build of the site, in ``shared``/outputs (see :func:`once_in`)."""
    return once_in(shared, lambda folder: build_site(folder / "outputs"))


def start_site_build(shared: Path):
    """Start the run's one build of the site now, in the background, unless it was started already:
    the process (its own session), or None. The tests that need the site wait for it through
    :func:`site_of_run`'s lock, which the background build holds until it is done; if it failed, the
    first test to ask builds again and fails with the build's output."""
    import subprocess
    import sys

    shared.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(shared / "started", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return None
    log = (shared / "background.log").open("w", encoding="utf-8")
    cmd = [sys.executable, str(Path(__file__).resolve()), str(shared)]
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def layout_log(outputs: Path) -> Path:
    """The folder of the chart measurements taken while the site was built into ``outputs``."""
    return outputs.parent / f"{outputs.name}-layout"


def _report_params(outputs: Path) -> dict[str, dict]:
    manifest = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))
    return {name: rec.get("parameters", {}) for name, rec in manifest.get("reports", {}).items()}


def pages(outputs: Path) -> list[Page]:
    """Every published HTML page of a built outputs folder (failed runs and staging excluded)."""
    params = _report_params(outputs)
    found = []
    for path in sorted(outputs.rglob("*.html")):
        rel = path.relative_to(outputs)
        if rel.parts[0] in SKIP_DIRS:
            continue
        if rel.parts[0] == "reports" and len(rel.parts) == 3 and rel.name == "index.html":
            name = rel.parts[1]
            found.append(Page(path, params.get(name, {}).get("lang", "en"), "report", name))
        else:
            lang = "vi" if path.name.endswith(".vi.html") else "en"
            kind = "index" if len(rel.parts) == 1 and path.name.startswith("index.") else "other"
            found.append(Page(path, lang, kind, str(rel)))
    return found


# --- visible text ----------------------------------------------------------------------------------

HIDDEN_TAGS = {"script", "style", "code", "pre", "template", "noscript", "svg", "math"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip
BLOCK_TAGS = {
    "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption",
    "caption", "header", "footer", "section", "article", "nav", "title", "blockquote", "summary", "table",
    "ul", "ol", "dl", "figure", "main", "aside", "details", "option", "label", "button",
}  # fmt: skip


class _TextOf(HTMLParser):
    """Visible text in the page's language: skips scripts, styles, code, hidden elements and every
    element marked as not in the page's language (``lang="en"``) or not to be translated
    (``translate="no"``: quotes, publisher names, identifiers). ``alt`` and ``title`` attributes
    count as text, since readers see or hear them."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.chunks: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        foreign = "lang" in a and a["lang"] and not a["lang"].lower().startswith(self.lang)
        if tag == "html":
            foreign = False
        skip = (
            tag in HIDDEN_TAGS
            or foreign
            or (a.get("translate") or "").lower() == "no"
            or "hidden" in a
            or a.get("aria-hidden") == "true"
        )
        if not self._skipping() and not skip:
            for attr in ("alt", "title", "aria-label"):
                if a.get(attr) and tag != "html":
                    self.chunks.append("\n" + a[attr] + "\n")
            if tag in BLOCK_TAGS or tag == "br":
                self.chunks.append("\n")
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        # Pop to the matching open tag (tolerates unclosed <p>, <li>, <td>).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in BLOCK_TAGS and not self._skipping():
            self.chunks.append("\n")

    def handle_data(self, data):
        if not self._skipping():
            self.chunks.append(data)


def visible_text(html: str, lang: str) -> list[str]:
    """The page's visible lines in ``lang`` (see :class:`_TextOf`), whitespace collapsed."""
    p = _TextOf(lang)
    p.feed(html)
    p.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(p.chunks).split("\n"))
    return [line for line in lines if line]


# --- English in a Vietnamese page ------------------------------------------------------------------

# Words that are English and never Vietnamese. Written without diacritics, "an", "to", "in", "on", "no"
# and "be" are Vietnamese words too, so they are not listed.
ENGLISH_WORDS = {
    "the", "and", "of", "is", "are", "was", "were", "with", "from", "for", "this", "that", "these",
    "which", "each", "every", "per", "not", "has", "have", "had", "its", "their", "than", "since",
    "shows", "show", "figure", "figures", "source", "sources", "report", "reports", "places", "year",
    "years", "chart", "charts", "rank", "value", "values", "latest", "change", "claim", "claims",
    "consistent", "inconsistent", "checkable", "growth", "between", "where", "when", "what", "how",
    "over", "about", "nearly", "up", "down", "rose", "fell", "built", "parameters", "version", "all",
    "page", "download", "cite", "licence", "license", "method", "notes", "see", "here", "data",
    "but", "or", "by", "at", "as", "it", "into", "only", "more", "most", "less",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-zÀ-ỹĐđ]+(?:[-'’][A-Za-zÀ-ỹĐđ]+)*")


def english_words(line: str) -> list[str]:
    """The words of ``line`` that are English function or chrome words."""
    return [w for w in _WORD.findall(line) if w.lower() in ENGLISH_WORDS]


def _shingles(lines: list[str], n: int = 4) -> set[tuple[str, ...]]:
    out = set()
    for line in lines:
        words = [w.lower() for w in _WORD.findall(line)]
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            # Four words of the English page, at least two of them plain ASCII words (not numbers,
            # not Vietnamese), say the same English text was shown.
            if sum(w.isascii() and len(w) > 2 for w in gram) >= 2:
                out.add(gram)
    return out


def english_leaks(vi_lines: list[str], en_strings: list[str], en_twin_lines: list[str] = ()) -> list[str]:
    """Every place a Vietnamese page's visible text shows English: a line holding English function
    or chrome words, an English locale string, or four consecutive words of the English twin page."""
    found = []
    en_strings = [s for s in en_strings if len(_WORD.findall(s)) >= 2]
    twin = _shingles(list(en_twin_lines))
    for line in vi_lines:
        words = english_words(line)
        if words:
            found.append(f"English words {sorted(set(words))} in: {line[:160]!r}")
            continue
        hit = next((s for s in en_strings if s.lower() in line.lower()), None)
        if hit:
            found.append(f"English label {hit!r} in: {line[:160]!r}")
            continue
        gram = next(iter(_shingles([line]) & twin), None)
        if gram:
            found.append(f"text of the English page {' '.join(gram)!r} in: {line[:160]!r}")
    return found


def english_locale_strings() -> list[str]:
    """The English strings of the catalogue (helpers/present/locale/en.po): whole when they hold
    no placeholder, else their text before the first one."""
    from helpers.present.locale import catalogue

    strings = []
    for s in catalogue.catalogue("en").words.values():
        strings += list(s) if isinstance(s, tuple) else [s]
    return sorted(
        {s for s in strings if "{" not in s} | {s.split("{")[0].strip() for s in strings if "{" in s}
    )


if __name__ == "__main__":  # start_site_build's background process: python tests/pages_support.py SHARED
    import sys

    site_of_run(Path(sys.argv[1]))
