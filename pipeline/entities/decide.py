"""The one decision list of the entity stage: what decides a name's span and label, in
order, and the evidence each step leaves on the mention (`Entity.evidence`).

1. Proposers find candidates, each with its label and first evidence: name patterns
   (`pattern:<rule id>`), gazetteer entries (`gazetteer:<file>`), head words
   (`head:org|loc|event|misc|event_phrase`) and, for the words no strong candidate holds,
   the weak runs: underthesea's CRF (`crf`) and capitalised words (`caps`).
2. Overlapping candidates are chosen by PROPOSERS' order (strong ones longest first).
3. A weak run's label comes from WEAK_LABEL_RULES, the first that decides: a cue before
   it (`cue:thing|title|person|address|place|feature`), its shape (`shape:official|person_suffix|surname`),
   no name (a common word capitalised at a sentence start), the CRF's PER/ORG/LOC (`crf`),
   a place preposition (`cue:loc_prep`), a foreign person's shape (`shape:foreign`), the
   CRF's MISC (`crf`).
4. FINAL_STEPS, in order, may keep or override a label or widen a span: `vote` (weak names
   sharing a last word agree), `acronym` (an acronym takes the label of the name it
   stands for), `role:loc_prep|loc_target` (a state's name in a place's role is LOC),
   `span:feature_noun` (a place takes its feature noun, "sông Gián").
5. Alias linking (aliases.py) gives the canonical name: `alias:<canonical>` when it differs
   from the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..spans import Occupied
from .clubs import clubs
from .mentions import Mention, acronyms, is_cap, noted, repeated_names, short_names, speakers, word_before

# the proposers, most trusted first: an overlap goes to the earlier one
PROPOSERS = ("pattern", "gazetteer", "head", "crf", "caps")
PRIORITY = {name: len(PROPOSERS) - k for k, name in enumerate(PROPOSERS)}
_CRF_TRUSTED = ("PER", "ORG", "LOC")  # CRF labels taken as they stand (its MISC only as a last resort)
_MIN_RUN_SYLLABLES = 2  # capitalised syllables a run needs before its shape alone types it
_MAX_PERSON_SYLLABLES = 4  # syllables of a Vietnamese person's name (surname first)
_MIN_FULL_NAME = 3  # syllables of a full Vietnamese name, where a unit's own name has two
_HOUSE_NUMBER = re.compile(r"\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)*")  # "45", "12a", "3/8"
_MAX_FOREIGN_SYLLABLES = 3  # syllables of an unmarked foreign person's name ("Fidel Castro")


def select(cands: list[Mention], taken: list[Mention], longest_first: bool = False) -> list[Mention]:
    """`taken` and the candidates that overlap none of it nor one chosen before them, in
    PROPOSERS' order (longest first, then by that order, for strong candidates)."""
    out = list(taken)
    occupied = Occupied((o.start, o.end) for o in out)
    if longest_first:
        order = sorted(cands, key=lambda m: (-(m.end - m.start), -PRIORITY[m.source], m.start))
    else:
        order = sorted(cands, key=lambda m: (-PRIORITY[m.source], -(m.end - m.start), m.start))
    out.extend(m for m in order if occupied.claim(m.start, m.end))
    return out


def vote(text: str, mentions: list[Mention]) -> list[Mention]:
    """One label per name among the weak (CRF, capitalisation) mentions. A name and its
    last word ("Kwame Nkrumah", "Nkrumah") vote together; a person reading wins a tie,
    since the CRF calls foreign people places far more often than the reverse."""
    def key(m):
        return " ".join(text[m.start:m.end].split()).split()[-1]
    votes: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.source in ("crf", "caps"):
            votes.setdefault(key(m), {}).setdefault(m.label, 0)
            votes[key(m)][m.label] += 1
    out = []
    for m in mentions:
        tally = votes.get(key(m), {})
        if m.source in ("crf", "caps") and len(tally) > 1:
            best = max(sorted(tally), key=lambda lab: (tally[lab], lab == "PER"))
            m = noted(m, "vote", label=best)
        out.append(m)
    return out


def _opens_sentence(text: str, end: int, words: list[str]) -> bool:
    """Whether `words`, written right before offset `end`, open their sentence: nothing but
    a sentence's end, a quote or a line break before them ("Phố Đinh Tiên Hoàng sẽ ...")."""
    head = text[:end].rstrip()
    for w in reversed(words):
        head = head[:len(head) - len(w)].rstrip()
    return not head or head[-1] in ".!?…\n\"“:"


class Decisions:
    """The label rules and final steps of EntityRecognizer (a mixin: it reads self.cues,
    self.fold, self.dictionary, self.link_syllables and self.given_names)."""

    def decide(self, text: str, chosen: list[Mention]) -> list[Mention]:
        """The chosen mentions, in text order, through the final steps in their order."""
        mentions = sorted(chosen, key=lambda m: m.start)
        for step in self._final_steps():
            mentions = step(text, mentions)
        return mentions

    def _final_steps(self):
        """The final steps, in order: a person's name trimmed, vote, acronym, short names, actors, repeated names,
        chat speakers, clubs, tag, role, street, names listed after a unit's, feature noun; each maps (text,
        mentions) to mentions."""
        return (lambda text, ms: [self._person_trimmed(text, m) for m in ms],
                vote, acronyms, self._short_orgs, self._actors,
                lambda text, ms: repeated_names(text, ms, lambda word: self.fold(word) in self.dictionary),
                lambda text, ms: speakers(text, ms, self.cues, self.fold),
                lambda text, ms: clubs(text, ms, self.cues, self.fold),
                lambda text, ms: [self._without_tag(text, m) for m in ms],
                lambda text, ms: [self._role(text, m) for m in ms],
                lambda text, ms: [self._street(text, self._street_opening(text, m)) for m in ms],
                self._listed_after_unit,
                lambda text, ms: [self._with_feature_noun(text, m) for m in ms])

    # -- final steps -------------------------------------------------------------------
    def _person_trimmed(self, text: str, m: Mention) -> Mention:
        """A person's name ends at its last capitalised syllable (or name particle, "de"): a
        word the segmenter glued after it stays out ("ông | Nam sinh | năm 1990": "Nam")."""
        if m.label != "PER":
            return m
        words = text[m.start:m.end].split(" ")
        k = len(words)
        while k > 1 and words[k - 1].isalpha() and words[k - 1].islower() \
                and self.fold(words[k - 1]) not in self.cues["name_particles"]:
            k -= 1
        if k == len(words):
            return m
        return noted(m, "span:lower_tail", end=m.start + len(" ".join(words[:k])))

    def _short_orgs(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """An organisation named with its legal form ("Acer Inc.") is the organisation
        wherever its name recurs without it ("Acer"), a company by its brand ("Sao Phương
        Nam"): mentions.short_names."""
        return short_names(text, mentions, lambda word: self.fold(word) in self.cues["legal_forms"],
                           lambda word: self.fold(word) in self.cues["foreign_org_words"],
                           lambda name: any(self.fold(name).startswith(h + " ") for h in self.cues["company_heads"]))

    def _actors(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A place's name that is the subject of a verb only a person does (`person_verbs`:
        "Clinton theo học", "Clinton về dạy"), with no place preposition before it, is a
        person's, there and wherever the same name recurs as a place: LOC -> PER."""
        people = {text[m.start:m.end] for m in mentions if m.label == "LOC" and self._acts(text, m)}
        return [noted(m, "role:person_verb", label="PER") if m.label == "LOC" and text[m.start:m.end] in people
                else m for m in mentions]

    def _acts(self, text: str, m: Mention) -> bool:
        """Whether a person's verb follows the mention (within two words) and no place
        preposition comes before it."""
        after = " ".join(self.fold(text[m.end:m.end + 40]).split())
        return self.fold(word_before(text, m.start)) not in self.cues["loc_preps"] and any(
            after == v or after.startswith(v + " ") for v in self.cues["person_verbs"])

    def _without_tag(self, text: str, m: Mention) -> Mention:
        """A name a post's tag runs into loses the tag: "[Review] Bếp Mộc", "Review Nhà Gỗ
        Sương Mai", "[Nhóm Zalo] Cư dân ..." (a word of `interface_words`, or the words in the
        square brackets that open the name's line, and the bracket)."""
        span = text[m.start:m.end]
        bracket = re.match(r"[^\]\[\n]{1,20}\][ :]*(?=\S)", span) if text[m.start - 1:m.start] == "[" else None
        word = re.match(r"\[?(\w+)\]?[ :]+(?=\S)", span)
        head = bracket or (word if word and self.fold(word.group(1)) in self.cues["interface_words"] else None)
        return noted(m, "no_name:tag", start=m.start + head.end()) if head else m

    def _role(self, text: str, m: Mention) -> Mention:
        """A state's name after a place preposition or a verb whose object is a territory is
        a place: GPE -> LOC ("ở Cuba", "xâm lược Cuba")."""
        if m.label != "GPE":
            return m
        before = self.fold(text[max(0, m.start - 40):m.start]).split()
        words = (before[-1] if before else "", " ".join(before[-2:]))
        if any(w in self.cues["loc_preps"] for w in words):
            return noted(m, "role:loc_prep", label="LOC")
        if any(w in self.cues["loc_targets"] for w in words):
            return noted(m, "role:loc_target", label="LOC")
        return m

    def _street(self, text: str, m: Mention) -> Mention:
        """A person's name after a street's word is the street, after a lower-case
        administrative unit the unit: PER -> LOC ("đường Lê Hồng Phong", "phố Trần Hưng Đạo",
        "phường Quang Trung"); not after a title's unit ("Chủ tịch xã Nguyễn Văn An", "Trưởng
        khu phố Phạm Văn Tài": the person who holds it). The word stays out of the span."""
        if m.label != "PER" or text[m.start - 1:m.start] != " " or "shape:official" in m.evidence:
            return m
        raw = text[max(0, m.start - 40):m.start].split()
        before = [self.fold(w) for w in raw]
        if self._at_address(raw):
            return noted(m, "role:address", label="LOC")  # "số 141 Nguyễn Huệ": the street of an address
        for size in (2, 1):
            unit = " ".join(before[-size:])
            if len(before) < size or raw[-size][:1].isupper() and not _opens_sentence(text, m.start, raw[-size:]):
                continue
            if self._unit_word(before, size):
                return m if self._titled_unit(raw[:-size]) else noted(m, "role:unit", label="LOC")
            if unit in self.cues["street_nouns"]:
                return noted(m, "role:street", label="LOC")
        return m

    def _listed_after_unit(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The names listed after one that an administrative unit's word makes a place ("hai
        phường Tây Hồ và Long Biên", "các huyện Đức Thọ, Hương Khê"), joined by a comma or a
        word of `list_joins`, are places too where the CRF alone read them as a person or a
        thing (PER, MISC -> LOC; "Chủ tịch xã Tân Phú và Lê Văn Tám": a person by shape stays)."""
        out = list(mentions)
        for k in range(1, len(out)):
            prev, m = out[k - 1], out[k]
            if m.label not in ("PER", "MISC") or m.evidence[-1:] != ("crf",) or prev.label != "LOC" \
                    or not {"role:unit", "role:unit_list", "cue:place"} & set(prev.evidence):
                continue
            between = " ".join(self.fold(text[prev.end:m.start]).split())
            if between == "," or between in self.cues["list_joins"]:
                out[k] = noted(m, "role:unit_list", label="LOC")
        return out

    def _unit_word(self, before: list[str], size: int) -> bool:
        """Whether the last `size` folded words before a name are a unit's or a place's word,
        not the last syllable of a longer word ("chính phủ Carter": no "phủ")."""
        unit = " ".join(before[-size:])
        return (unit in self.cues["admin_units"] or unit in self.cues["place_nouns"]) and not (
            size == 1 and " ".join(before[-2:]) in self.dictionary)

    def _at_address(self, raw: list[str]) -> bool:
        """Whether the words before a name (`raw`, as written) end with a word of address
        and a house number ("số 141", "ở 12/3"): the name is the address's street."""
        return len(raw) >= 2 and self.fold(raw[-2]) in self.cues["address_words"] \
            and _HOUSE_NUMBER.fullmatch(raw[-1]) is not None

    def _titled_unit(self, head: list[str]) -> bool:
        """Whether the words before a unit's word (`head`, as written) make it a title's unit:
        a capitalised word or a person's title right before it ("Chủ tịch xã")."""
        return bool(head) and (head[-1][:1].isupper() or self.fold(" ".join(head[-2:])) in self.cues["person_titles"]
                               or self.fold(head[-1]) in self.cues["person_titles"])

    def _street_opening(self, text: str, m: Mention) -> Mention:
        """A name that opens its sentence with a street's word, capitalised there, and two or
        more capitalised syllables after it is the street, without the word ("Phố Đinh Tiên
        Hoàng sẽ được rào chắn": LOC "Đinh Tiên Hoàng", as "phố Trần Hưng Đạo" is); "Phố Hiến"
        (one syllable after it) is a town's own name, and a head of cues `loc_heads` stays in
        the name ("Quảng trường Ba Đình")."""
        words = text[m.start:m.end].split()
        for size in (2, 1):
            head, rest = words[:size], words[size:]
            if len(rest) >= 2 and all(is_cap(w) for w in rest) and self.fold(" ".join(head)) in self.cues["street_nouns"] \
                    and self.fold(" ".join(head)) not in self.cues["loc_heads"] and _opens_sentence(text, m.start, []):
                return noted(m, "role:street", start=text.index(rest[0], m.start), label="LOC")
        return m

    def _with_feature_noun(self, text: str, m: Mention) -> Mention:
        """A place named after a lower-case feature noun takes the noun into its span:
        "sông Gián", "đồi A1", "nhà thờ Thánh Nicolai", "bán đảo Ả Rập" (not "đồn", "xã":
        those are place_nouns)."""
        if m.label != "LOC":
            return m
        starts = []  # starts of the one and two lower-case words before the name
        pos = m.start
        for _ in range(2):
            j = pos - 1
            while j >= 0 and text[j] == " ":
                j -= 1
            i = j
            while i >= 0 and text[i].isalpha():
                i -= 1
            if j < 0 or i == j or not text[i + 1].islower():
                break
            starts.append(i + 1)
            pos = i + 1
        for start in reversed(starts):  # the longer phrase first
            phrase = " ".join(self.fold(text[start:m.start]).split())
            if phrase in self.cues["place_nouns"] or phrase in self.cues["admin_units"]:
                return m  # "thành phố Honolulu": not "phố" of it
            if phrase in self.cues["feature_nouns"]:
                return noted(m, "span:feature_noun", start=start)
        return m

    # -- the label of a weak name ------------------------------------------------------
    def _weak_label(self, toks, a: int, b: int, source: str, sent_starts: set[int]) -> tuple[str, str] | None:
        """(label, evidence) of the weak name toks[a..b] by the first of the weak label
        rules that decides, in order: the words before it, its shape, a capitalised common
        word at a start (no name), then the CRF, a preposition and a foreign shape; None
        when it is no name."""
        c = self._candidate(toks, a, b, source, toks[a].idx in sent_starts)
        for rule in (self._no_name, self._label_by_competition, self._label_by_context, self._label_by_shape,
                     self._label_by_foreign_words,
                     self._no_name_at_start, self._label_by_acronym, self._label_by_crf):
            decided = rule(c)
            if decided is not None:
                return self._not_a_person_here(c, decided) if decided[0] else None
        return None

    def _not_a_person_here(self, c: _Candidate, decided: tuple[str, str]) -> tuple[str, str]:
        """A person's reading of a name's shape or of the CRF is a place's after a preposition
        no person follows (`place_only_preps`: "sống ở Novi Sad", though "Novi" is a given
        name); a title or a person cue before the name still makes a person."""
        if decided[0] == "PER" and c.prev in self.cues["place_only_preps"] and not decided[1].startswith("cue:"):
            return "LOC", "cue:loc_prep"
        return decided

    def _candidate(self, toks, a: int, b: int, source: str, sent_start: bool) -> _Candidate:
        """toks[a..b] with what the labelling cases read off it."""
        words = " ".join(t.text for t in toks[a:b + 1])
        syllables = words.split()
        crf = [t.crf[2:] for t in toks[a:b + 1] if t.crf != "O"]
        return _Candidate(
            toks=toks, a=a, b=b, source=source, sent_start=sent_start,
            prev=self.fold(toks[a - 1].text) if a > 0 else "",
            prev2=self.fold(toks[a - 2].text + " " + toks[a - 1].text) if a > 1 else "",
            words=words, syllables=syllables,
            crf_label=max(sorted(set(crf)), key=crf.count) if crf else None,
            capitalised_run=all(is_cap(w) for w in syllables) and len(syllables) >= _MIN_RUN_SYLLABLES)

    def _label_by_competition(self, c: _Candidate) -> tuple[str, str] | None:
        """The case of a league's or a cup's name, EVENT: a word of `competition_words` in it
        ("FA Cup", "Cúp C1", "SEA Games 31"), every word of it capitalised or a number."""
        if all(is_cap(w) or w.isdigit() for w in c.syllables) and any(
                self.fold(w) in self.cues["competition_words"] for w in c.syllables):
            return "EVENT", "shape:competition"
        return None

    def _label_by_context(self, c: _Candidate) -> tuple[str, str] | None:
        """The case of a cue before the name: a thing cue makes MISC ("tàu", "tên lửa"); a
        person's title or cue, or a title across the words a title may hold, makes PER; a
        place or feature noun makes LOC ("đồn Ngọc Hồi", "sông Gián", "xã Cam Lâm"); a shop's
        or an eatery's word ORG ("quán Cô Lành", "nhà xe Phúc Thịnh")."""
        if c.prev in self.cues["thing_cues"] or c.prev2 in self.cues["thing_cues"]:
            return "MISC", "cue:thing"
        person = self._person_by_context(c)
        if person is not None:
            return person
        if self._after_house_number(c):
            return "LOC", "cue:address"
        if c.prev in self.cues["business_cues"] or c.prev2 in self.cues["business_cues"] \
                or c.prev.rpartition(" ")[2] in self.cues["business_cues"]:  # "bánh căn quán | Cô Lành"
            return "ORG", "cue:business"
        if c.prev in self.cues["place_nouns"] or c.prev2 in self.cues["place_nouns"]:
            return "LOC", "cue:place"
        if c.prev in self.cues["feature_nouns"] or c.prev2 in self.cues["feature_nouns"]:
            return "LOC", "cue:feature"
        return None

    def _person_by_context(self, c: _Candidate) -> tuple[str, str] | None:
        """The person cases of _label_by_context: a title or a person cue before the name
        (also glued to the word before it: "sai tướng | Ngột Lương Hợp Thai"), a title across
        the words a title may hold, an official's name after a unit."""
        if c.prev in self.cues["person_titles"]:
            return "PER", "cue:title"
        if c.prev in self.cues["person_cues"] or c.prev.rpartition(" ")[2] in self.cues["person_cues"]:
            return "PER", "cue:person"
        if self._after_title(c.toks, c.a):
            return "PER", "cue:title"
        if self._official_after_unit(c):
            return "PER", "shape:official"
        return None

    def _after_house_number(self, c: _Candidate) -> bool:
        """Whether the name follows a house number after a word of address ("ở 45 Trần Quang
        Khải", "số 12 Hàng Mành"): a street."""
        words = c.prev2.split()
        return (len(words) == 2 and words[0] in self.cues["address_words"]
                and _HOUSE_NUMBER.fullmatch(words[1]) is not None)

    def _official_after_unit(self, c: _Candidate) -> bool:
        """Whether the name is an official's full name after an organisation whose unit word
        ends it, the unit's own name left out ("UBND tỉnh Nguyễn Hồng Lĩnh", "Sở Y tế tỉnh Lê
        Thị Hoa"): a unit word a capitalised word comes shortly before, then a run of three or more
        syllables opened by a surname (a unit's own name has two: "huyện Lương Sơn")."""
        return (c.a >= 2 and c.prev in self.cues["admin_units"]
                and any(is_cap(t.text) for t in c.toks[max(0, c.a - 4):c.a - 1])  # "Ủy ban nhân dân tỉnh"
                and not any(self.fold(t.text) in self.cues["loc_preps"] | self.cues["place_only_preps"]
                            for t in c.toks[max(0, c.a - 3):c.a - 1])  # "sống ở tỉnh Hà Nam Ninh"
                and c.capitalised_run and _MIN_FULL_NAME <= len(c.syllables) <= _MAX_PERSON_SYLLABLES
                and self.fold(c.syllables[0]) in self.cues["surnames"])

    def _label_by_shape(self, c: _Candidate) -> tuple[str, str] | None:
        """The case of a person's shape, PER: a capitalised run ending in a person suffix
        ("An Dương Vương", "Lý Thái Tổ"), or a short one opened by a surname with no place
        preposition before it."""
        if c.capitalised_run and self.fold(c.syllables[-1]) in self.cues["person_suffixes"]:
            return "PER", "shape:person_suffix"
        person_shape = c.capitalised_run and len(c.syllables) <= _MAX_PERSON_SYLLABLES \
            and self.fold(c.syllables[0]) in self.cues["surnames"] \
            and not any(self._foreign_org_word(w) for w in c.syllables)  # "Hoàng Gia Limousine"
        if person_shape and c.prev not in self.cues["loc_preps"]:
            return "PER", "shape:surname"
        return None

    def _no_name(self, c: _Candidate) -> tuple[None, str] | None:
        """The case of what is no name anywhere, chiefly in informal text: an interface word
        ("Edit", "Trả lời"), a single letter ("B"), a cry ("AAAA"), a common word written in
        capitals ("THÔNG BÁO"), a hashtag (None, "no_name")."""
        words = c.words.replace(" ", "")
        key = self.fold(c.words)
        if key in self.cues["interface_words"] or len(words) == 1 or (len(words) >= 3 and len(set(words)) == 1):
            return None, "no_name"
        if c.words.isupper() and len(c.syllables) > 1 and key in self.dictionary:
            return None, "no_name"
        if c.a > 0 and c.toks[c.a - 1].text.endswith("#"):
            return None, "no_name"
        if self._designator_before_name(c):
            return None, "no_name"
        return None

    def _designator_before_name(self, c: _Candidate) -> bool:
        """Whether the weak name ends in a unit word written with a capital right before
        another name ("Quận | Gò Vấp", "Nhà ở Quận | Bình Thạnh"): that word is the next
        name's designator, and what the CRF ran up to it is no name."""
        units = self.cues["admin_units"] | self.cues["place_nouns"]
        size = 1 if self.fold(c.syllables[-1]) in units else 2 if self.fold(" ".join(c.syllables[-2:])) in units else 0
        k = c.b + 1
        if not size or k >= len(c.toks) or not is_cap(c.toks[k].text) or c.toks[k].is_punct:
            return False
        # not a name's own last syllable ("phường Hải Châu | Đỗ Thanh Tùng": "Châu" is no designator)
        return len(c.syllables) == size or not is_cap(c.syllables[-size - 1])

    def _label_by_foreign_words(self, c: _Candidate) -> tuple[str, str] | None:
        """The case of a foreign name in Latin letters: an organisation's word in it makes
        ORG ("Argonne National Laboratory", "Acer Inc.", "TABank": `foreign_org_words`); a
        known given name opening a capitalised run of two to four words makes PER ("John
        Dryden", "Thiago Sereno": entities/given_names.txt), and so does a name particle
        between capitalised words ("Willem de Sitter")."""
        if not all(ch.isalpha() or ch in " .-'&" for ch in c.words):
            return None
        if any(self._foreign_org_word(w) for w in c.syllables):
            return "ORG", "shape:foreign_org"
        if c.capitalised_run and len(c.syllables) <= _MAX_PERSON_SYLLABLES and c.syllables[0] in self.given_names:
            return "PER", "shape:given_name"
        if self._particle_inside(c.syllables):
            return "PER", "shape:particle"
        return None

    def _particle_inside(self, syllables: list[str]) -> bool:
        """Whether a name of three to five words has a person's name particle between
        capitalised words ("Willem de Sitter", "Vincent van Gogh", "Lattre de Tassigny"); a
        place so written is a gazetteer's ("Rio de Janeiro"), and "of" makes none ("Isle of Man")."""
        if not 3 <= len(syllables) <= 5 or not (is_cap(syllables[0]) and is_cap(syllables[-1])):
            return False
        inner = [self.fold(w) for w in syllables[1:-1] if not is_cap(w)]
        return bool(inner) and all(w in self.cues["name_particles"] and w != "of" for w in inner)

    def _foreign_org_word(self, word: str) -> bool:
        """Whether a word is a foreign organisation's word, or ends in one written on ("TABank",
        and banks' "-bank" in lower case: "Vietcombank", "Agribank")."""
        if self.fold(word) in self.cues["foreign_org_words"]:
            return True
        if len(word) > 6 and word.endswith("bank") and word[:1].isupper():
            return True
        return any(word[k].isupper() and word[k - 1].isalpha() and self.fold(word[k:]) in self.cues["foreign_org_words"]
                   for k in range(1, len(word) - 2))

    def _no_name_at_start(self, c: _Candidate) -> tuple[None, str] | None:
        """The case of a common word capitalised at the start of a sentence or heading, no
        name (None, "no_name"): a lone word first in its sentence, or first in a chat message
        after its speaker's name ("Minh Anh: Chốt!", _after_speaker), that the dictionary
        knows, or a lone word at a sentence start that the CRF does not tag and that is no
        capitalised run itself."""
        lone_first = (c.a == 0 or _after_speaker(c.toks, c.a)) and c.b == c.a
        if lone_first and self.fold(c.toks[c.a].text) in self.dictionary:
            return None, "no_name"
        if lone_first and not c.crf_label and not c.capitalised_run and c.sent_start:
            return None, "no_name"
        return None

    @staticmethod
    def _label_by_acronym(c: _Candidate) -> tuple[str, str] | None:
        """The case of an acronym no gazetteer knows that the CRF reads as a person or a
        place, ORG: one word of three to six capital Latin letters ("UCLA", "SAARC", "IOC").
        The countries and places written so ("USA") are the gazetteers' and decided before;
        one the CRF passes over is a common noun ("GDP", "THPT", "PCCC")."""
        word = c.words
        if c.crf_label in ("PER", "LOC") and len(c.syllables) == 1 and 3 <= len(word) <= 6 \
                and word.isascii() and word.isalpha() and word.isupper():
            return "ORG", "shape:acronym"
        return None

    def _label_by_crf(self, c: _Candidate) -> tuple[str, str] | None:
        """The last cases, in order: the CRF's PER, ORG or LOC; LOC after a place
        preposition; PER for a foreign person's shape; the CRF's MISC; else no name."""
        if c.crf_label in _CRF_TRUSTED:
            return c.crf_label, "crf"
        if c.prev in self.cues["loc_preps"]:
            return "LOC", "cue:loc_prep"
        if self._foreign_person(c):
            return "PER", "shape:foreign"
        if c.crf_label == "MISC":
            return "MISC", "crf"
        return None

    def _foreign_person(self, c: _Candidate) -> bool:
        """Whether the name has a foreign person's shape: ASCII letters (and hyphens) in a
        few syllables, more than one word or a CRF proposal, with no foreign function word
        ("Africa Must Unite" is a book)."""
        foreign = c.words.replace(" ", "").replace("-", "")
        return foreign.isascii() and foreign.isalpha() and (c.b > c.a or c.source == "crf") \
            and len(c.syllables) <= _MAX_FOREIGN_SYLLABLES \
            and not any(self.fold(w) in self.cues["foreign_function_words"] for w in c.syllables)

    def _after_title(self, toks, a: int) -> bool:
        """Whether a person title stands before toks[a], across the words a title may hold
        ("Thủ tướng Cuba Fidel Castro", "Bộ trưởng Tư pháp Robert Kennedy")."""
        k = a - 1
        while k >= 0 and a - k <= 12:
            key = self.fold(toks[k].text)
            if key in self.cues["person_titles"] or any(
                    key.startswith(t + " ") for t in self.cues["person_titles"] if " " not in t and len(t) > 3):
                return True
            if not (is_cap(toks[k].text) or key in self.link_syllables or key in self.cues["title_links"]
                    or toks[k].text == ","):
                return False
            k -= 1
        return False


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A weak name, toks[a..b], with what the labelling cases of Decisions._weak_label read."""
    toks: list
    a: int
    b: int
    source: str  # "crf" or "caps"
    sent_start: bool  # its first word starts a sentence
    prev: str  # the word before, folded ("" at the start)
    prev2: str  # the two words before, folded
    words: str  # the name's words joined by spaces
    syllables: list[str]
    crf_label: str | None  # the CRF label most of its words carry
    capitalised_run: bool  # two or more syllables, all capitalised


SPEAKER_SYLLABLES = 4  # at most this many capitalised syllables name a chat line's speaker


def _after_speaker(toks, a: int) -> bool:
    """Whether token a opens a chat message: right after a colon that follows nothing but a
    speaker's name from the sentence's start ("Minh Anh: Chốt!"; not "Người gửi: Lan", a
    label and its value)."""
    if a < 2 or toks[a - 1].text != ":":
        return False
    syllables = [s for t in toks[:a - 1] for s in t.text.split()]
    return len(syllables) <= SPEAKER_SYLLABLES and all(is_cap(s) for s in syllables)
