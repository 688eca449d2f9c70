"""The data folder's own descriptor, ``datapackage.json``, read as input: a JSON object; ``name`` a
safe package name (it names the published zip, so it holds no '/'); ``title`` and ``description``
text; ``licenses`` and ``resources`` lists of objects with strings where strings belong; each
resource ``path`` a file inside the folder (relative, without ``..``, of plain names). Each problem
names the line of the value. Standard library only."""

from __future__ import annotations

import bisect
import json
import re
import stat
from pathlib import Path

from . import schema
from .folder import DESCRIPTOR, unsafe
from .problems import Problem
from .text import hidden, shown

MAX_DESCRIPTOR = 10_000_000  # bytes: the project's is 54 KB
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")  # a package name (Frictionless: lower case, '.', '_', '-')


def _lines(text: str) -> dict[tuple, int]:
    """The line of each value of a JSON text (which parses), by its path of keys and indices, to
    the depth of what is checked (a resource's path: three levels)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    space = re.compile(r"[ \t\r\n]*")
    decoder = json.JSONDecoder()
    out: dict[tuple, int] = {}

    def value(i: int, path: tuple) -> int:
        i = space.match(text, i).end()
        out[path] = bisect.bisect_left(breaks, i) + 1
        if text[i] in "{[" and len(path) < 4:
            close, n = ("}" if text[i] == "{" else "]"), 0
            i = space.match(text, i + 1).end()
            while text[i] != close:
                if close == "}":
                    key, i = json.decoder.scanstring(text, i + 1)
                    i = space.match(text, i).end() + 1  # the ':'
                    i = value(i, (*path, key))
                else:
                    i = value(i, (*path, n))
                n += 1
                i = space.match(text, i).end()
                if text[i] == ",":
                    i = space.match(text, i + 1).end()
            return i + 1
        return decoder.raw_decode(text, i)[1]

    value(0, ())
    return out


def _field(path: tuple) -> str:
    """``("resources", 6, "path")`` -> ``resources[6].path``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class _Checker:
    def __init__(self, lines: dict[tuple, int], problems: list[Problem]):
        self.lines, self.problems = lines, problems

    def bad(self, path: tuple, value, expected: str) -> None:
        line = self.lines.get(path) or self.lines.get(path[:-1]) or 1
        value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:200]
        self.problems.append(Problem(DESCRIPTOR, line, _field(path), value, expected))

    def text(self, obj: dict, path: tuple, key: str, required: bool = False) -> str | None:
        if key not in obj:
            if required:
                self.bad((*path, key), "", f"a '{key}' (missing)")
            return None
        value = obj[key]
        if not isinstance(value, str):
            self.bad((*path, key), value, f"a string, not {_kind(value)}")
            return None
        if hidden(value) is not None:
            self.bad((*path, key), value, "text without control or invisible characters")
            return None
        return value

    def objects(self, obj: dict, key: str, required: bool) -> list[tuple[tuple, dict]]:
        value = obj.get(key, [] if not required else None)
        if not isinstance(value, list) or (required and not value):
            self.bad((key,), value, "a non-empty list of objects" if required else "a list of objects")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((key, i), item))
            else:
                self.bad((key, i), item, f"an object, not {_kind(item)}")
        return out


class _Repeated(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _once(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different (else the first repeated one is raised)."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise _Repeated(key)
        out[key] = value
    return out


_STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def _repeat_line(text: str, key: str) -> int:
    """The line where ``key`` appears a second time in one object of ``text`` (1 if not found)."""
    found = list(re.finditer(re.escape(json.dumps(key)) + r"\s*:", text))
    for a, b in zip(found, found[1:], strict=False):
        depth = 0
        for ch in _STRING.sub("", text[a.end() : b.start()]):
            depth += {"{": 1, "[": 1, "}": -1, "]": -1}.get(ch, 0)
            if depth < 0:
                break
        if depth == 0:
            return text.count("\n", 0, b.start()) + 1
    return 1


def _kind(value) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true or false",
        type(None): "null",
    }.get(type(value), "a number")


def check_descriptor(base: Path, problems: list[Problem]) -> dict | None:
    """The folder's ``datapackage.json`` when it is sound, else None with its problems added."""
    path = base / DESCRIPTOR
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return None  # scan() says what it is
        if st.st_size > MAX_DESCRIPTOR:
            problems.append(
                Problem(DESCRIPTOR, 0, "(file)", f"{st.st_size:,} bytes", f"at most {MAX_DESCRIPTOR:,} bytes")
            )
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(
            Problem(DESCRIPTOR, 0, "(file)", str(path), "the file exists (the data package descriptor)")
        )
        return None
    except OSError as exc:
        problems.append(Problem(DESCRIPTOR, 0, "(file)", exc.strerror or str(exc), "a readable file"))
        return None
    try:
        text = raw.decode("utf-8-sig")
        package = json.loads(text, object_pairs_hook=_once)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(DESCRIPTOR, line, "(file)", shown(raw[exc.start : exc.start + 4]), "UTF-8 text")
        )
        return None
    except json.JSONDecodeError as exc:
        near = exc.doc[exc.pos : exc.pos + 30]
        problems.append(
            Problem(DESCRIPTOR, exc.lineno, "(file)", near, f"valid JSON ({exc.msg} at column {exc.colno})")
        )
        return None
    except _Repeated as exc:
        where = _repeat_line(text, exc.key)
        problems.append(
            Problem(DESCRIPTOR, where, exc.key, exc.key, "each key once in an object (JSON keeps the last)")
        )
        return None
    except (ValueError, RecursionError) as exc:
        problems.append(
            Problem(DESCRIPTOR, 1, "(file)", "", f"valid JSON, nested at most a few levels ({exc})")
        )
        return None
    mark = len(problems)
    c = _Checker(_lines(text), problems)
    if not isinstance(package, dict):
        c.bad((), package, f"a JSON object (the data package), not {_kind(package)}")
        return None
    name = c.text(package, (), "name", required=True)
    if name is not None and not _NAME.fullmatch(name):
        c.bad(
            ("name",),
            name,
            "a package name of lower-case letters, digits, '.', '_' and '-' (it names the published zip), "
            "e.g. vn-digital-gov-figures",
        )
    c.text(package, (), "title")
    c.text(package, (), "description")
    for where, lic in c.objects(package, "licenses", required=False):
        c.text(lic, where, "name", required=True)
        c.text(lic, where, "title")
        c.text(lic, where, "path")
    described = {}
    for where, res in c.objects(package, "resources", required=True):
        described.setdefault(c.text(res, where, "name", required=True), (where, res))
        rel = c.text(res, where, "path", required=True)
        if rel is not None and (why := unsafe(base, rel)):
            c.bad((*where, "path"), rel, why)
    if len(problems) == mark:
        _as_the_contract(c, described)
    return package if len(problems) == mark else None


def _as_the_contract(c: _Checker, described: dict) -> None:
    """Every table the validator checks is described as the contract describes it (the project's
    data/datapackage.json, ``schema``): the same path and the same schema, field by field, so that
    the descriptor published with the data says what was checked."""
    for name in schema.resources():
        if name not in described:
            c.bad(
                ("resources",),
                name,
                f"a resource named '{name}' (path {schema.path(name)}), as in {_CONTRACT}",
            )
            continue
        where, res = described[name]
        if res.get("path") != schema.path(name):
            c.bad((*where, "path"), res.get("path"), f"{schema.path(name)}, the file checked as '{name}'")
            continue
        got, want = res.get("schema"), schema.described(name)
        if got == want:
            continue
        fields = got.get("fields") if isinstance(got, dict) else None
        names = (
            [f.get("name") if isinstance(f, dict) else f for f in fields]
            if isinstance(fields, list)
            else fields
        )
        if names != schema.columns(name):
            c.bad(
                (*where, "schema"),
                got if names is None else names,
                f"the fields {', '.join(schema.columns(name))} in this order, as in {_CONTRACT}",
            )
        else:
            diff = next(
                (i for i, (a, b) in enumerate(zip(fields, want["fields"], strict=True)) if a != b), None
            )
            what = f"field '{names[diff]}'" if diff is not None else "the schema's other keys"
            c.bad((*where, "schema"), fields[diff] if diff is not None else got, f"{what} as in {_CONTRACT}")


_CONTRACT = "the project's data/datapackage.json (the validator checks the tables by it)"
