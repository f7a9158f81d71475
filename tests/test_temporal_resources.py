"""The temporal grammar under models/temporal/: every file loads, every rule's EXAMPLE
matches its own pattern and gets the value the rule states (`expect`), and a broken rule
file fails at load time with a message that names the file and the rule."""
from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ResourceError
from pipeline.resources import models_path
from pipeline.temporal.rules import NORMALISERS, load_temporal
from pipeline.temporal.grammar import Grammar, normalise

MODELS = models_path(None)
TEMPORAL = MODELS / "temporal"
# the document date the examples are read with (10_dates.yaml, `expect`): a Wednesday
EXAMPLE_DCT = "2026-05-13"
# Rules whose example the code reads wrong: `expect` holds the right value, and the test of
# that rule is a strict xfail until the code gives it.
KNOWN_WRONG = {
    "vi_lunar_full_moon_01": "a month-1 lunar date after the DCT's Tết (lunar 27/3/2026) is put in the next "
                             "lunar year (anchoring._lunar_year): 2027-02-20, not the DCT's year's 2026-03-03",
    "vi_lunar_tet_day_pod_01": "a day of Tết after the DCT's Tết goes to the next Tết (anchoring._lunar_year): "
                               "2027-02-09TNI, not 2026-02-20TNI",
    "vi_lunar_tet_eve_01": "the eve of the next Tết (2027-02-05), not of the DCT's year's Tết (2026-02-16), "
                           "as for vi_lunar_tet_day_pod_01; and the rule's type is DATE where a part of day "
                           "makes it a TIME (ANNOTATION.md)",
    "vi_lunar_chap_day_01": "the value is right, but the rule's type is DATE where a part of day ('Đêm') "
                            "makes it a TIME (ANNOTATION.md)",
}


@pytest.fixture(scope="session")
def resources():
    return load_temporal(MODELS, "vi")


@pytest.fixture(scope="session")
def grammar(resources):
    return Grammar(resources)


@pytest.fixture(scope="session")
def tagger():
    from pipeline.temporal import TemporalTagger
    return TemporalTagger()


def _rule_ids():
    return [r.id for r in load_temporal(MODELS, "vi").rules]


def _rule_ids_known_wrong_marked():
    return [pytest.param(rule_id, marks=pytest.mark.xfail(reason=KNOWN_WRONG[rule_id], strict=True))
            if rule_id in KNOWN_WRONG else rule_id for rule_id in _rule_ids()]


def _target(example: str) -> tuple[str, int, int]:
    """An example is matched in full; one that needs left context (a lookbehind) gives it
    and puts the expected match in [brackets]."""
    if "[" in example:
        start = example.index("[")
        end = example.index("]")
        text = example.replace("[", "").replace("]", "")
        return text, start, end - 1
    return example, 0, len(example)


@pytest.mark.parametrize("rule_id", _rule_ids())
def test_example_matches_its_rule(resources, grammar, rule_id):
    rule = next(r for r in resources.rules if r.id == rule_id)
    text, start, end = _target(rule.example)
    spans = [(m.start(), m.end()) for m in rule.regex.finditer(text)]
    assert (start, end) in spans, f"{rule.source}:{rule.line} {rule.id}: {rule.example!r} gives {spans}"
    if rule.type == "REJECT":
        return
    match = next(m for m in rule.regex.finditer(text) if (m.start(), m.end()) == (start, end))
    cand = grammar._build(rule, match)
    assert cand is not None, f"{rule.id}: the groups of {rule.example!r} do not normalise"
    assert cand.value or cand.relative, f"{rule.id}: no value for {rule.example!r}"


class _RuleFirst:
    """The grammar, except that one rule's candidate takes its span, whichever rule the
    whole grammar prefers there: the value of an example as its own rule reads it."""

    def __init__(self, grammar: Grammar, candidate):
        self.res, self._grammar, self._candidate = grammar.res, grammar, candidate

    def find(self, text: str, boundaries=()):
        mine = self._candidate
        others = [c for c in self._grammar.find(text, boundaries) if c.end <= mine.start or mine.end <= c.start]
        return sorted([*others, mine], key=lambda c: c.start)


# a value with a part of day or a clock time after its day; a length of time (P5Y, PT2H, PXD)
_TIME_OF_DAY = re.compile(r"\dT(?:MO|MI|AF|EV|NI|DT|\d)")
_LENGTH = re.compile(r"PT?[0-9X]")


def _types_for(value: str) -> set[str]:
    """The TIMEX3 types a value can be written for (ANNOTATION.md): a duration or a set
    (P...), a time (a part of day or a clock time), else a date; a day of every week
    (XXXX-WXX-1) also a set."""
    if _LENGTH.match(value):
        return {"DURATION", "SET"}
    if value.startswith("XXXX-WXX-"):
        return {"DATE", "SET"}
    return {"TIME"} if _TIME_OF_DAY.search(value) else {"DATE"}


@pytest.mark.parametrize("rule_id", _rule_ids_known_wrong_marked())
def test_example_gets_its_expected_value(resources, grammar, tagger, rule_id):
    """Read alone with the document date EXAMPLE_DCT, an example gets the type and the value
    its rule states, both from its own rule and from the whole grammar; a REJECT example
    gets no timex."""
    rule = next(r for r in resources.rules if r.id == rule_id)
    text, start, end = _target(rule.example)
    found = tagger.extract(text, [], EXAMPLE_DCT)
    where = f"{rule.source}:{rule.line} {rule.id}: {rule.example!r}"
    if rule.type == "REJECT":
        assert rule.expect is None
        assert not [t for t in found if t.start < end and start < t.end], f"{where} tagged as {found}"
        return
    assert rule.type in _types_for(rule.expect), f"{where}: a {rule.type} cannot have the value {rule.expect!r}"
    match = next(m for m in rule.regex.finditer(text) if (m.start(), m.end()) == (start, end))
    own = copy.copy(tagger)
    own.grammar = _RuleFirst(grammar, grammar._build(rule, match))
    mine = [(t.type, t.value) for t in own.extract(text, [], EXAMPLE_DCT) if (t.start, t.end) == (start, end)]
    assert mine == [(rule.type, rule.expect)], f"{where} gives {mine}, expected {rule.expect!r}"
    chosen = [(t.type, t.value, t.rule_id) for t in found if (t.start, t.end) == (start, end)]
    assert [c[:2] for c in chosen] == [(rule.type, rule.expect)], f"{where} is tagged {chosen or found}"


@pytest.mark.parametrize("normaliser, text, value", [
    ("day", "5", "05"), ("day", "mười lăm", "15"), ("day", "mồng", None),
    ("month", "7", "07"), ("month", "Giêng", "01"), ("month", "Chạp", "12"),
    ("count", "50.000", "50000"), ("count", "mười hai", "12"), ("count", "vài", "X"),
    ("quarter", "II", "2"), ("quarter", "ba", "3"), ("century", "XIV", "14"), ("century", "mười lăm", "15"),
    ("year", "43", "0043"), ("year", "năm", None), ("year_bc", "11.000", "BC11000"),
    ("clock", "7", "07"), ("digits", "05", "05"), ("digits", "sáu mươi", None),
    ("weekday", "2", "1"), ("weekday", "Hai", "1"), ("weekday", "chủ nhật", "7"),
    ("part_of_day", "Sáng", "MO"), ("unit", "năm", "Y"), ("mod", "cuối", "END"),
])
def test_a_normaliser_reads_a_group(resources, normaliser, text, value):
    """What the normaliser a rule names in `groups` makes of a group's text: a built-in of
    the rule language, or a table of norm/ ("thứ 2" is Monday: the table before the digit)."""
    assert normalise(normaliser, text, resources.tables) == value


def test_the_rule_language_and_the_grammar_have_the_same_normalisers():
    from pipeline.temporal import grammar
    assert set(grammar._NORMALISERS) == NORMALISERS


def test_every_file_loads(resources):
    base = TEMPORAL / "vi"
    for path in sorted((base / "lists").glob("*.txt")):
        assert path.stem in resources.lists, path
    for path in sorted((base / "norm").glob("*.tsv")):
        assert path.stem in resources.tables, path
    sources = {r.source for r in resources.rules}
    for path in sorted((base / "rules").glob("*.yaml")):
        assert path.name in sources, path
    for path in sorted(base.rglob("*")):
        if path.is_file():
            assert "FORMAT:" in path.read_text(encoding="utf-8")[:2000], path
            assert "Licence" in path.read_text(encoding="utf-8")[:2000] or "License" in path.read_text(encoding="utf-8")[:2000], path


def test_every_language_folder_loads():
    for folder in sorted(p for p in TEMPORAL.iterdir() if p.is_dir()):
        assert load_temporal(MODELS, folder.name).rules


def test_rule_ids_are_unique_and_named(resources):
    ids = [r.id for r in resources.rules]
    assert len(ids) == len(set(ids))
    for r in resources.rules:
        assert r.id.startswith("vi_"), r.id


def test_alternatives_are_longest_first(resources):
    """'mười một' must be tried before 'mười' (HeidelTime sorts its patterns the same way)."""
    rule = next(r for r in resources.rules if r.id == "vi_date_dm_01")
    m = rule.regex.search("ngày mười một tháng mười hai")
    assert m and m.group(0) == "ngày mười một tháng mười hai"


# -- broken files ---------------------------------------------------------------------

GOOD = """\
- id: vi_test_ok_01
  pattern: "năm {year:year} nọ"
  groups: {year: year}
  type: DATE
  value: "{year}"
  example: "năm 1990 nọ"
  expect: "1990"
"""

BROKEN = {
    "duplicate id": ("vi_date_year_01", """\
- id: vi_date_year_01
  pattern: "năm {year:year} kia"
  groups: {year: year}
  type: DATE
  value: "{year}"
  example: "năm 1990 kia"
  expect: "1990"
"""),
    "unknown list": ("vi_test_bad_list_01", """\
- id: vi_test_bad_list_01
  pattern: "{no_such_list} năm {year:year}"
  groups: {year: year}
  type: DATE
  value: "{year}"
  example: "x năm 1990"
  expect: "1990"
"""),
    "bad list name": ("vi_test_bad_name_01", """\
- id: vi_test_bad_name_01
  pattern: "năm {year:year4}"
  type: DATE
  value: "{year}"
  example: "năm 1990"
  expect: "1990"
"""),
    "does not compile": ("vi_test_bad_regex_01", """\
- id: vi_test_bad_regex_01
  pattern: "năm (?P<year>[0-9]{4}"
  type: DATE
  value: "{year}"
  example: "năm 1990"
  expect: "1990"
"""),
    "missing example": ("vi_test_no_example_01", """\
- id: vi_test_no_example_01
  pattern: "năm {year:year}"
  groups: {year: year}
  type: DATE
  value: "{year}"
  expect: "1990"
"""),
    "group without a normaliser": ("vi_test_no_groups_01", """\
- id: vi_test_no_groups_01
  pattern: "ngày {day:day_num}/{month:month_num}/{year:year}"
  groups: {day: day, year: year}
  type: DATE
  value: "{year}-{month}-{day}"
  example: "ngày 2/9/1945"
  expect: "1945-09-02"
"""),
    "unknown normaliser": ("vi_test_bad_normaliser_01", """\
- id: vi_test_bad_normaliser_01
  pattern: "năm {year:year}"
  groups: {year: year4}
  type: DATE
  value: "{year}"
  example: "năm 1990"
  expect: "1990"
"""),
    "normaliser of no group": ("vi_test_extra_group_01", """\
- id: vi_test_extra_group_01
  pattern: "năm {year:year}"
  groups: {year: year, month: month}
  type: DATE
  value: "{year}"
  example: "năm 1990"
  expect: "1990"
"""),
    "missing expect": ("vi_test_no_expect_01", """\
- id: vi_test_no_expect_01
  pattern: "năm {year:year}"
  groups: {year: year}
  type: DATE
  value: "{year}"
  example: "năm 1990"
"""),
    "expect not quoted": ("vi_test_bare_expect_01", """\
- id: vi_test_bare_expect_01
  pattern: "ngày {day:day_num}/{month:month_num}/{year:year}"
  groups: {day: day, month: month, year: year}
  type: DATE
  value: "{year}-{month}-{day}"
  example: "ngày 2/9/1945"
  expect: 1945-09-02
"""),
    "REJECT expects a value": ("vi_test_reject_expect_01", """\
- id: vi_test_reject_expect_01
  pattern: "năm tháng"
  type: REJECT
  example: "năm tháng"
  expect: "XXXX"
"""),
    "unknown group in value": ("vi_test_bad_value_01", """\
- id: vi_test_bad_value_01
  pattern: "năm {year:year}"
  groups: {year: year}
  type: DATE
  value: "{year}-{month}"
  example: "năm 1990"
  expect: "1990"
"""),
    "unknown type": ("vi_test_bad_type_01", """\
- id: vi_test_bad_type_01
  pattern: "năm {year:year}"
  groups: {year: year}
  type: PERIOD
  value: "{year}"
  example: "năm 1990"
  expect: "1990"
"""),
    "unknown relative unit": ("vi_test_bad_unit_01", """\
- id: vi_test_bad_unit_01
  pattern: "năm sau"
  type: DATE
  relative: {unit: YEAR, shift: "+1"}
  example: "năm sau"
  expect: "2027"
"""),
    "unknown relative key": ("vi_test_bad_key_01", """\
- id: vi_test_bad_key_01
  pattern: "năm sau"
  type: DATE
  relative: {unit: Y, shift: "+1", anchr: dct}
  example: "năm sau"
  expect: "2027"
"""),
    "unknown calendar": ("vi_test_bad_calendar_01", """\
- id: vi_test_bad_calendar_01
  pattern: "năm {year:year}"
  groups: {year: year}
  type: DATE
  value: "{year}"
  calendar: julian
  example: "năm 1990"
  expect: "1990"
"""),
    "POSIX class": ("vi_test_posix_01", """\
- id: vi_test_posix_01
  pattern: "năm [[:digit:]]+"
  type: DATE
  value: "XXXX"
  example: "năm 1990"
  expect: "1990"
"""),
}


def _copy_models(tmp_path: Path) -> Path:
    shutil.copytree(TEMPORAL, tmp_path / "temporal")
    return tmp_path / "temporal" / "vi" / "rules"


def _header(name: str) -> str:
    return f"# FORMAT: test rules ({name}); fields as in 10_dates.yaml.\n# Licence: Apache-2.0.\n"


def test_a_copy_with_a_good_extra_file_loads(tmp_path):
    rules = _copy_models(tmp_path)
    (rules / "99_extra.yaml").write_text(_header("good") + GOOD, encoding="utf-8")
    res = load_temporal(tmp_path, "vi")
    assert "vi_test_ok_01" in [r.id for r in res.rules]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_rule_file_names_the_file_and_the_rule(tmp_path, case):
    rule_id, body = BROKEN[case]
    rules = _copy_models(tmp_path)
    (rules / "99_broken.yaml").write_text(_header(case) + GOOD + "\n" + body, encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        load_temporal(tmp_path, "vi")
    message = str(err.value)
    assert "99_broken.yaml" in message and rule_id in message, message
    assert err.value.rule_id == rule_id
    assert err.value.line and err.value.line > 2


def test_a_rule_file_without_a_header_fails(tmp_path):
    rules = _copy_models(tmp_path)
    (rules / "99_noheader.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ResourceError, match="99_noheader.yaml"):
        load_temporal(tmp_path, "vi")


def test_a_broken_table_names_the_file_and_line(tmp_path):
    _copy_models(tmp_path)
    table = tmp_path / "temporal" / "vi" / "norm" / "season.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "mùa mưa\n", encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        load_temporal(tmp_path, "vi")
    assert "season.tsv" in str(err.value) and err.value.line


def test_a_phrase_list_with_a_capital_or_punctuation_fails(tmp_path):
    _copy_models(tmp_path)
    lst = tmp_path / "temporal" / "vi" / "lists" / "habitual.txt"
    lst.write_text(lst.read_text(encoding="utf-8") + "Hàng năm,\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="habitual.txt"):
        load_temporal(tmp_path, "vi")


def test_a_missing_language_fails(tmp_path):
    _copy_models(tmp_path)
    with pytest.raises((ResourceError, FileNotFoundError)):
        load_temporal(tmp_path, "xx")


def test_words_with_two_tone_placements_are_written_both_ways():
    """The grammar matches the text as written, so a word whose tone mark may sit on either
    vowel ("khóa"/"khoá") must be listed in both spellings wherever it is used."""
    import re as stdlib_re

    from pipeline.io.normalize import _place_tone

    for path in sorted(TEMPORAL.rglob("*")):
        if path.suffix not in (".txt", ".tsv", ".yaml"):
            continue
        words = {w.lower() for w in stdlib_re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))}
        for word in words:
            other = _place_tone(word)
            if other != word:
                assert other in words, f"{path.name}: '{word}' is not also written '{other}'"
