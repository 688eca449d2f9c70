import pytest

from helpers.params import ParameterError, check, check_types, declared, parse_cell
from helpers.paths import NOTEBOOKS_DIR


def test_parse_typed_parameters_cell():
    params = parse_cell('start_year: int = 2010  # first year shown\nlang: str = "en"  # "en" or "vi"\n')
    assert [(p.name, p.type, p.default, p.help) for p in params] == [
        ("start_year", "int", 2010, "first year shown"),
        ("lang", "str", "en", '"en" or "vi"'),
    ]


@pytest.mark.parametrize("source", ["x = 1", "x: int = f()", "x: numpy.ndarray = 1"])
def test_parameters_cell_must_stay_literal_and_typed(source):
    with pytest.raises(ValueError, match="parameters cell line 1"):
        parse_cell(source)


def test_every_notebook_declares_typed_parameters():
    for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        names = {p.name for p in declared(nb)}
        assert {"start_year", "end_year", "lang", "output_dir"} <= names, nb.name
        assert all(p.help for p in declared(nb)), nb.name
    assert "peers" in {p.name for p in declared(NOTEBOOKS_DIR / "01_egov_ranking.ipynb")}
    assert "indicator" in {p.name for p in declared(NOTEBOOKS_DIR / "10_indicator_profile.ipynb")}


def test_check_types_names_the_valid_parameters():
    params = parse_cell('lang: str = "en"  # language\nstart_year: int = 2010  # first year\n')
    with pytest.raises(ParameterError) as err:
        check_types({"langue": "vi", "start_year": "2015"}, params)
    text = str(err.value)
    assert "unknown parameter 'langue'; valid parameters: lang, start_year" in text
    assert "start_year: expected int, got str '2015'" in text


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start_year": 1800}, "start_year: expected a year from 1990 to 2100, got 1800"),
        ({"start_year": 2020, "end_year": 2010}, "start_year 2020 is after end_year 2010"),
        ({"lang": "fr"}, "lang: expected one of en, vi, got 'fr'"),
        ({"indicator": "ndxp"}, "indicator: unknown indicator 'ndxp' (did you mean"),
        ({"indicator": "__import__('os')"}, "unknown indicator \"__import__('os')\""),
        ({"peers": ["THA", "XXX"]}, "peers: unknown country code(s) ['XXX']"),
        ({"start_year": True}, "start_year: expected int, got bool True"),
    ],
)
def test_check_rejects_bad_values_with_a_clear_message(values, message):
    with pytest.raises(ParameterError) as err:
        check(**values)
    assert message in str(err.value)


def test_check_returns_the_values():
    p = check(start_year=2012, end_year=2024, lang="vi", peers=["THA"], indicator="egdi_rank", output_dir="")
    assert (p.start_year, p.lang, p.peers, p.indicator) == (2012, "vi", ["THA"], "egdi_rank")
