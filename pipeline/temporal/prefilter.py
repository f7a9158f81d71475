"""Which rules can match a piece of text, decided before any rule is run.

For every compiled rule, requirements.py works out the strings any match must contain
("ngày {day} tháng {month}" cannot match a sentence without "tháng 0", "{hour}h{minute}"
none without "0h00"). A sentence is read once for all those strings, with an
Aho-Corasick automaton over its normal form, and only the rules whose strings all occur
are run on it. A rule skipped this way could not have matched.
"""
from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from .literals import Clause, digit_table, normal_form, reach, requirements


class Prefilter:
    """Picks, for a span of text, the rules whose required strings all occur in it.

    One Aho-Corasick pass over the normal form finds the strings present; each
    alternative of each rule is indexed under the strings of its most selective
    clause, and only the alternatives reached that way have their other clauses
    checked."""

    def __init__(self, rules: Iterable, pattern_of=lambda rule: rule.regex.pattern, known=None):
        """`known`: (requirements of each rule, reach), when the loader has them already."""
        self.rules = list(rules)
        if known is not None:
            self.requirements, self.reach = list(known[0]), known[1]
        else:
            self.requirements = [requirements(pattern_of(r)) for r in self.rules]
            self.reach = max((reach(pattern_of(r)) for r in self.rules), default=0)
        self._always: set[int] = set()
        self._by_string: dict[str, list[tuple[int, tuple[Clause, ...]]]] = {}
        for i, alternatives in enumerate(self.requirements):
            for conj in alternatives:
                if not conj:
                    self._always.add(i)
                for s in conj[0] if conj else ():
                    self._by_string.setdefault(s, []).append((i, conj[1:]))
        self._automaton = ahocorasick.Automaton()
        for s in sorted(self._by_string.keys() | {s for alts in self.requirements
                                                   for conj in alts for c in conj for s in c}):
            self._automaton.add_word(s, s)
        if len(self._automaton):
            self._automaton.make_automaton()
        self._digits = digit_table()

    def present(self, text: str) -> set[str]:
        """The rules' strings that occur in `text`'s normal form."""
        if not len(self._automaton):
            return set()
        return {s for _, s in self._automaton.iter(normal_form(text, self._digits))}

    def active(self, text: str) -> list:
        """The rules that may match somewhere in `text`, in their original order. A caller
        that runs the rules on a part of a longer string passes that part with the `reach`
        characters before it (positive lookbehinds read them) and all that the engine may
        read after it."""
        found = self.present(text)
        chosen = set(self._always)
        for s in found:
            for i, rest in self._by_string.get(s, ()):
                if i not in chosen and all(not c.isdisjoint(found) for c in rest):
                    chosen.add(i)
        return [self.rules[i] for i in sorted(chosen)]
