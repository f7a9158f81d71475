"""Which rules can match a piece of text, decided before any rule is run.

For every compiled rule, literals.py works out the strings any match must contain
("ngày {day} tháng {month}" cannot match a sentence without "tháng 0", "{hour}h{minute}"
none without "0h00"). A sentence is read once for all those strings, with an
Aho-Corasick automaton over its normal form, and only the rules whose strings all occur
are run on it. A rule skipped this way could not have matched.

The requirements are kept as tables (`prefilter_tables`): each clause (a set of strings,
one of which must occur) is numbered, each string stands for the clauses it belongs to,
and each alternative of a rule is the set of clauses it needs. The tables are plain JSON
data, so the loader keeps them in the cache (temporal/rules.py) and a run does not work
them out again.
"""
from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from .literals import digit_table, normal_form, reach, requirements


def prefilter_tables(required: list) -> dict:
    """The tables of the requirements of each rule (literals.requirements), as JSON data:
    `always`: the rules with an alternative that needs nothing; `alternatives`: [rule, clause
    numbers] with the most selective clause first (the alternative is looked at only when
    that one is met); `strings`: [clause numbers, strings] (the strings that meet exactly
    those clauses)."""
    numbers: dict[frozenset, int] = {}
    always, alternatives = [], []
    for rule, conjunctions in enumerate(required):
        for conj in conjunctions:
            if not conj:
                always.append(rule)
                continue
            needed = [numbers.setdefault(clause, len(numbers)) for clause in conj]
            alternatives.append([rule, list(dict.fromkeys(needed))])
    met: dict[str, list[int]] = {}
    for clause, number in numbers.items():
        for s in sorted(clause):
            met.setdefault(s, []).append(number)
    groups: dict[tuple[int, ...], list[str]] = {}
    for s in sorted(met):
        groups.setdefault(tuple(met[s]), []).append(s)
    return {"always": sorted(set(always)), "alternatives": alternatives,
            "strings": [[list(clauses), strings] for clauses, strings in sorted(groups.items())]}


def _mask(numbers: Iterable[int]) -> int:
    out = 0
    for n in numbers:
        out |= 1 << n
    return out


CACHED_MASKS = 4096  # distinct sets of clauses whose active rules a Prefilter remembers


class Prefilter:
    """Picks, for a span of text, the rules whose required strings all occur in it.

    One Aho-Corasick pass over the normal form finds the strings present, as the set of
    clauses they meet (a bit mask); each alternative of each rule is indexed under its
    most selective clause, and only the alternatives reached that way are checked for
    their other clauses."""

    def __init__(self, rules: Iterable, pattern_of=lambda rule: rule.regex.pattern, tables: dict | None = None,
                 reach_chars: int | None = None):
        """`tables` (prefilter_tables) and `reach_chars` (the longest lookbehind), when the
        loader has them already; else worked out from each rule's pattern."""
        self.rules = list(rules)
        if tables is None:
            tables = prefilter_tables([requirements(pattern_of(r)) for r in self.rules])
        if reach_chars is None:
            reach_chars = max((reach(pattern_of(r)) for r in self.rules), default=0)
        self.reach = reach_chars
        self._always: set[int] = set(tables["always"])
        self._by_clause: dict[int, list[tuple[int, int]]] = {}
        for rule, needed in tables["alternatives"]:
            self._by_clause.setdefault(1 << needed[0], []).append((rule, _mask(needed)))
        self._automaton = ahocorasick.Automaton()
        for clauses, strings in tables["strings"]:
            meets = _mask(clauses)
            for s in strings:
                self._automaton.add_word(s, meets)
        if len(self._automaton):
            self._automaton.make_automaton()
        self._digits = digit_table()
        self._chosen: dict[int, list] = {}  # clauses met -> the rules they make active

    def met(self, text: str) -> int:
        """The clauses that `text`'s normal form meets, as a bit mask."""
        found = 0
        if len(self._automaton):
            for _, meets in self._automaton.iter(normal_form(text, self._digits)):
                found |= meets
        return found

    def active(self, text: str) -> list:
        """The rules that may match somewhere in `text`, in their original order. A caller
        that runs the rules on a part of a longer string passes that part with the `reach`
        characters before it (positive lookbehinds read them) and all that the engine may
        read after it."""
        found = self.met(text)
        cached = self._chosen.get(found)
        if cached is not None:
            return cached
        chosen = set(self._always)
        rest = found
        while rest:
            bit = rest & -rest
            rest ^= bit
            for rule, needed in self._by_clause.get(bit, ()):
                if rule not in chosen and (needed & ~found) == 0:
                    chosen.add(rule)
        out = [self.rules[i] for i in sorted(chosen)]  # shared once remembered: callers only read it
        if len(self._chosen) < CACHED_MASKS:  # most sentences meet one of a few sets of clauses
            self._chosen[found] = out
        return out
