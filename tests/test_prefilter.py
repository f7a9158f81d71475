"""The temporal prefilter (pipeline/temporal/prefilter.py): what it works out from a
pattern, and that skipping the rules it rules out never changes what the grammar finds."""
from __future__ import annotations

import csv

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.resources import models_path
from pipeline.temporal.rules import load_temporal
from pipeline.temporal.grammar import Grammar
from pipeline.temporal.grammar import _back
from pipeline.temporal.literals import normal_form, reach, requirements
from tests.conftest import ROOT

TABLE = ROOT / "tests" / "data" / "temporal_vi.tsv"


@pytest.fixture(scope="module")
def grammar():
    return Grammar(load_temporal(models_path(None), "vi"))


def _table_texts() -> list[str]:
    with TABLE.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return [r[0] for r in rows[1:]]


def _spans(grammar: Grammar, text: str, boundaries=()) -> list[tuple]:
    return [(c.start, c.end, c.rule.id, c.value) for c in grammar.find(text, list(boundaries))]


def _unfiltered(grammar: Grammar, text: str, boundaries=()) -> list[tuple]:
    """The same search with every rule run on every sentence."""
    keep = grammar.prefilter.active
    grammar.prefilter.active = lambda _text: grammar.prefilter.rules
    try:
        return _spans(grammar, text, boundaries)
    finally:
        grammar.prefilter.active = keep


@pytest.mark.parametrize("text, expected", [
    ("Ngày  14\tTháng 10", "ngày 00 tháng 00"),
    ("lúc 9H05 sáng", "lúc 0h00 sáng"),
    ("ĐÊM 26/10/1962\n\nsau", "đêm 00/00/0000 sau"),
])
def test_normal_form(text, expected):
    assert normal_form(text) == expected


@pytest.mark.parametrize("pattern, expected", [
    # a literal word, a digit run and whitespace combine into one string
    (r"tháng\s+\d{1,2}", ((frozenset({"tháng 0"}),),)),
    # a bounded digit run is expanded; the longer strings contain the shorter one
    (r"\b(?<!\w)\d{1,2}h\d{2}(?!\w)", ((frozenset({"0h00"}),),)),
    # a pattern that is one alternation gives one conjunction per branch
    (r"(?:hôm\s+qua|ngày\s+mai)", ((frozenset({"hôm qua"}),), (frozenset({"ngày mai"}),))),
    # an unbounded run: every match starts and ends with one copy of it
    (r"năm\s+[0-9]+\s+TCN", ((frozenset({"năm 0"}), frozenset({"0 tcn"})),)),
    # an optional part requires nothing; what stays is the word before it
    (r"nửa\s+đêm(?:\s+\p{Lu}\w*)?", ((frozenset({"nửa đêm"}),),)),
    # a positive lookbehind or lookahead requires its own words around the match
    (r"(?<=(?:lúc|khoảng)\s+)\d{1,2}\s+giờ", ((frozenset({"0 giờ"}), frozenset({"lúc ", "khoảng "})),)),
    (r"\d{1,2}\s+ngày(?=\s+(?:trước|sau)\s+khi)",
     ((frozenset({" sau khi", " trước khi"}), frozenset({"0 ngày"})),)),
    # ... unless it may look back without bound: then it is ignored
    (r"(?<=\w+\s+)năm\s+\d{4}", ((frozenset({"năm 0000"}),),)),
    # a pattern with a branch that requires nothing is always run
    (r"(?:tháng|\w+)", ((),)),
    # not a pattern `re` can read: always run
    (r"(?<name>a)(?&name)", ((),)),
])
def test_requirements(pattern, expected):
    assert requirements(pattern) == expected


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<=(?:lúc|khoảng)\s+)\d{1,2}\s+giờ", 7),  # "khoảng" and one space, in the normal form
    (r"(?<=\()\d{4}(?=\))", 1),
    (r"\d{1,2}\s+ngày(?=\s+khi)", 0),
    (r"(?<=\w+\s+)năm", 0),  # unbounded: ignored, so nothing to read before the sentence
])
def test_reach(pattern, expected):
    assert reach(pattern) == expected


def test_back_counts_a_whitespace_run_as_one():
    text = "lúc\n\n   12 giờ"
    assert _back(text, text.index("12"), 4) == 0
    assert _back(text, text.index("12"), 2) == 2  # "c" and the run of whitespace


def test_every_rule_is_prefiltered(grammar):
    """The analysis understood every shipped rule: none is run on every sentence."""
    always = [grammar.prefilter.rules[i].id for i in sorted(grammar.prefilter._always)]
    assert always == []


def test_every_example_activates_its_rule(grammar):
    for rule in grammar.prefilter.rules:
        example = rule.example.replace("[", "").replace("]", "")
        assert rule in grammar.prefilter.active(example), rule.id


def test_remembered_rules_are_those_worked_out_afresh(grammar):
    """The rules a set of clauses makes active, once remembered, are what a new prefilter
    works out for another text that meets the same clauses."""
    first, second = "Ngày 2 tháng 9 năm 1945, Bác đọc Tuyên ngôn.", "Ngày 3 tháng 8 năm 1946, Bác đọc Tuyên ngôn."
    assert grammar.prefilter.met(first) == grammar.prefilter.met(second)
    remembered = grammar.prefilter.active(first)
    fresh = Grammar(load_temporal(models_path(None), "vi")).prefilter
    assert [r.id for r in grammar.prefilter.active(second)] == [r.id for r in fresh.active(second)]
    assert grammar.prefilter.active(second) is remembered and remembered


def test_plain_prose_activates_nothing(grammar):
    assert grammar.prefilter.active("Liên Xô rút tên lửa khỏi Cuba sau nhiều cuộc đàm phán.") == []


@pytest.mark.parametrize("text", _table_texts())
def test_table_found_with_and_without_prefilter(grammar, text):
    assert _spans(grammar, text) == _unfiltered(grammar, text)


def _words() -> list[str]:
    words = sorted({w for t in _table_texts() for w in regex.findall(r"\w+|[^\w\s]", t)})
    return words + ["TCN", "h", "g", "giờ", "phút", "0", "12", "1962", "\n", "  ", ".", "/", "-", "–"]


WORDS = _words()


@st.composite
def date_soup(draw):
    """Strings of words, numbers and punctuation the rules are made of, in any order
    and case, with odd spacing."""
    parts = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\t", "\u00a0"]),
                         min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps))
    return text.upper() if draw(st.integers(0, 5)) == 0 else text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=date_soup(), cuts=st.lists(st.integers(0, 80), max_size=3))
def test_prefilter_never_changes_the_result(grammar, text, cuts):
    """Sentence starts anywhere, even inside a word or right after a lookbehind's words."""
    boundaries = sorted({c for c in cuts if 0 < c < len(text)})
    assert _spans(grammar, text, boundaries) == _unfiltered(grammar, text, boundaries)
