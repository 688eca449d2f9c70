"""CITATION.cff is valid Citation File Format 1.2.0 and agrees with the project's own metadata.

tests/cff-schema-1.2.0.json is the CFF 1.2.0 JSON Schema ("JSON Schema for CFF files"), copyright
Stephan Druskat, Jurriaan H. Spaaks and the Citation File Format contributors, licensed CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/). It is copied unmodified from the cffconvert 2.0.0
wheel on PyPI (cffconvert/schemas/1.2.0/schema.json); cffconvert itself is not a dependency because
it pins jsonschema<4. This checks what `cffconvert --validate` checks, with no network.
"""

import copy
import datetime
import hashlib
import json
import tomllib
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

from helpers.paths import DEFAULT_DATA_DIR, PROJECT_DIR

SCHEMA = Path(__file__).with_name("cff-schema-1.2.0.json")
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def _strings(value):
    """YAML reads 2024-01-31 as a date; CFF (like cffconvert) treats it as the string it was."""
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256, "the vendored schema was edited"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def cff():
    return _strings(yaml.safe_load((PROJECT_DIR / "CITATION.cff").read_text(encoding="utf-8")))


def _errors(validator, doc):
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(doc)
    ]


def test_citation_cff_is_valid_under_the_cff_1_2_0_schema(validator, cff):
    errors = _errors(validator, cff)
    assert not errors, "CITATION.cff:\n" + "\n".join(errors)
    assert cff["cff-version"] == "1.2.0"


def test_citation_agrees_with_pyproject_and_the_data_package(cff):
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert cff["version"] == project["version"]
    assert cff["license"] == project["license"]
    assert cff["title"] == package["title"]
    data_licences = [lic["name"] for lic in package["licenses"]]
    assert all(name in cff["message"] for name in data_licences), "the message must name the data licence"
    assert all(author.get("name") or author.get("family-names") for author in cff["authors"])


@pytest.mark.parametrize(
    "breakage, where",
    [
        (lambda d: d.pop("authors"), "(root)"),
        (lambda d: d.update(license="MIT-ish"), "license"),
        (lambda d: d.update(version=["0.1.0"]), "version"),
        (lambda d: d.update(unknown_key=1), "(root)"),
        (lambda d: d.update({"date-released": "31/01/2024"}), "date-released"),
    ],
)
def test_the_schema_check_rejects_a_broken_citation(validator, cff, breakage, where):
    broken = copy.deepcopy(cff)
    breakage(broken)
    assert any(e.startswith(where) for e in _errors(validator, broken))
