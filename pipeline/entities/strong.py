"""Strong evidence for names: patterns ("IL-28"), gazetteer names matched with an
Aho-Corasick automaton on word boundaries, and phrases opened by a head word ("Hội đồng
Bộ trưởng Liên Xô", "Tòa án nhân dân TP Hà Nội")."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from ..text.extensions import sentence_words
from .mentions import (Mention, capital_after, is_cap, line_start, overlaps_span, start_of_word_before,
                       word_before)

_MAX_HEAD_TAIL = 8  # words a head-initial name may take after its head
FIELD_LOWER = 2  # lower-case words of a company's trade before its brand ("Tàu khách | Sao Biển")
_FIELD_TAGS = frozenset({"N", "V", "A"})  # what those words may be tagged
FULL_NAME_SYLLABLES = 3  # syllables from which a surname-led run after a unit word is a person ("Nguyễn Hồng Lĩnh")
_NAME_STOP_TAGS = ("CH", "E", "C", "CC", "P", "R", "L", "T")  # tags no head-initial name runs across
_LOWER_TAIL_TAGS = ("N", "V", "A", "Nc")  # tags of lower-case words an event or a treaty may take
_OPEN_LOWER_TAIL = ("EVENT", "MISC")  # labels whose head may take lower-case words ("Hiệp ước cấm thử")


class StrongNames:
    """The strong candidate finders of EntityRecognizer (a mixin: it reads self.res,
    self.cues, self.fold and self.automaton)."""

    def _patterns(self, text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), label, "pattern", evidence=(f"pattern:{rule_id}",))
                for rule_id, label, rx in self.res.patterns for m in rx.finditer(text)]

    def _gazetteer(self, doc: Doc, text: str, folded: str, sent_starts: set[int]) -> list[Mention]:
        out = []
        starts = [t.idx for t in doc]
        for end_index, (key, rows) in self.automaton.iter(folded):
            end = end_index + 1
            start = end - len(key)
            if _glued_to_word(text, start, end):
                continue
            before = word_before(folded, start)
            row = _gazetteer_row(text, start, end, before, rows)
            if row is None or self._gazetteer_left_out(doc, starts, text, start, end, row, sent_starts):
                continue
            org_start = self._foreign_org_of(text, folded, start, before)
            if org_start is not None:  # "University of Utah", "Times of India": the place ends an organisation's name
                out.append(Mention(org_start, end, "ORG", "gazetteer", None, None,
                                   ("shape:foreign_org", f"gazetteer:{row['file']}")))
                continue
            if self._foreign_org_after(folded, end) or _foreign_name_goes_on(text, end, row):
                continue  # "New York Times", "Indiana Jones": the place opens another name
            evidence = (f"gazetteer:{row['file']}",)
            if "after" in row and before in self.cues["dynasty_nouns"]:
                start = start_of_word_before(text, start)  # "nhà Trần", "triều Hồ": the noun is in the name
                evidence += ("span:dynasty_noun",)
            out.append(Mention(start, end, row["label"], "gazetteer", row["canonical"], row.get("prefer_if_present"),
                               evidence))
        return out

    def _gazetteer_left_out(self, doc: Doc, starts: list[int], text: str, start: int, end: int, row: dict,
                           sent_starts: set[int]) -> bool:
        """Whether a gazetteer match is left out: an ambiguous name at the start of a
        sentence or line, the first syllable of a common word (_inside_common_word), or an
        uncued name the word segmenter joined into a longer one (a cued name may follow its
        capitalised cue: "Quân Minh rút ...")."""
        if row.get("ambiguous") and (start in sent_starts or line_start(text, start)):
            return True
        if self._inside_common_word(doc, starts, start, end):
            return True
        return "after" not in row and self._inside_longer_name(doc, starts, text, start, end)

    def _inside_common_word(self, doc: Doc, starts: list[int], start: int, end: int) -> bool:
        """Whether the match opens a word of the dictionary that the segmenter holds in one
        token, lower-case syllables after it ("Mỹ thuật", "Nhật ký", "phong Anh hùng": fine
        arts, a diary, a hero; no country), written with a capital in a name ("Bảo tàng Mỹ
        thuật ...")."""
        tok = doc[bisect_right(starts, start) - 1]
        rest = tok.text[end - tok.idx:].split()
        return bool(rest) and all(w.islower() for w in rest) and self.fold(tok.text[start - tok.idx:]) in self.dictionary

    def _foreign_org_of(self, text: str, folded: str, start: int, before: str) -> int | None:
        """Where the organisation's name begins when a place's name ends it after "of"
        (`org_links`) and a foreign organisation's word (`foreign_org_words`): "University
        of Utah", "Times of India", "Woods Fund of Chicago"; None otherwise."""
        if before not in self.cues["org_links"]:
            return None
        k = start_of_word_before(folded, start)  # the "of"
        if word_before(folded, k) not in self.cues["foreign_org_words"]:
            return None
        k = start_of_word_before(text, k)
        while k > 0 and _foreign_cap(text[start_of_word_before(text, k):k].strip()):
            k = start_of_word_before(text, k)  # back over the capitalised foreign words of the name
        return k

    def _foreign_org_after(self, folded: str, end: int) -> bool:
        """Whether a foreign organisation's word follows a place's name at once ("New York
        Times", "California Institute of Technology"): the place opens that name."""
        after = folded[end:end + 1 + FOREIGN_WORD_REACH].split(" ")
        return folded[end:end + 1] == " " and len(after) > 1 and after[1] in self.cues["foreign_org_words"]

    def _org_bridge(self, toks, k: int, stop: int) -> int | None:
        """Where a run of lower-case organisation words from toks[k] ("nhân dân", "điều tra",
        "phòng thủ dân sự", then perhaps "tỉnh"/"TP") lets an organisation's name go on: the
        last token before the capitalised word it reaches, or the run's last word when that
        ends a name ("quốc gia", "tối cao"); None when the run leads nowhere ("Bộ Công an
        điều tra vụ việc")."""
        m = k
        last_final = None
        while m < stop:
            key = self.fold(toks[m].text)
            if self._org_word(key):
                if self._org_final_word(key):
                    last_final = m
                m += 1
                continue
            if key in self.cues["admin_units"] and m + 1 < stop and is_cap(toks[m + 1].text):
                return m
            break
        if m > k and self._name_goes_on(toks, m, stop):
            return m - 1
        if m > k and (m >= len(toks) or toks[m].is_punct):
            return m - 1  # the name ends with the sentence or a comma: "Cục Cảnh sát giao thông,"
        return last_final

    def _name_goes_on(self, toks, m: int, stop: int) -> bool:
        """Whether toks[m], before `stop`, is a capitalised word (not punctuation, not a
        person's title) that an organisation's name goes on with."""
        return m < stop and is_cap(toks[m].text) and not toks[m].is_punct \
            and self.fold(toks[m].text) not in self.cues["person_titles"]

    def _org_final_word(self, key: str) -> bool:
        """Whether a lower-case organisation word may end a name ("quốc gia", "tối cao"), alone
        or as the last part of a word the segmenter glued."""
        return key in self.cues["org_final_words"] or any(key.endswith(" " + w) for w in self.cues["org_final_words"])

    def _org_word(self, key: str) -> bool:
        """Whether a lower-case word is made of organisation words ("phòng thủ dân sự" is
        "phòng thủ" + "dân sự"; the segmenter glues them)."""
        syl = key.split()
        if not syl or not syl[0][:1].islower():
            return False
        i = 0
        while i < len(syl):
            for n in range(min(4, len(syl) - i), 0, -1):
                if " ".join(syl[i:i + n]) in self.cues["org_words"]:
                    i += n
                    break
            else:
                return False
        return True

    @staticmethod
    def _inside_longer_name(doc: Doc, starts: list[int], text: str, start: int, end: int) -> bool:
        """Whether the word segmenter joined the match with capitalised words into one name
        ("Castries" inside "De Castries", a person, not the city)."""
        first = doc[bisect_right(starts, start) - 1]
        last = doc[bisect_right(starts, end - 1) - 1]
        before = text[first.idx:start].split()
        after = text[end:last.idx + len(last.text)].split()
        return bool(before and is_cap(before[-1])) or bool(after and is_cap(after[0]))

    def _heads(self, doc: Doc, blocked, names: dict[int, int]) -> list[Mention]:
        """Capitalised phrases opened by a head word: "Hội đồng Bộ trưởng Liên Xô",
        "Hiệp ước cấm thử hạt nhân", "cuộc xâm lược Vịnh Con lợn"."""
        out = []
        heads = (("ORG", self.cues["org_heads"]), ("LOC", self.cues["loc_heads"]), ("GPE", self.cues["state_heads"]),
                 ("EVENT", self.cues["event_heads"]), ("MISC", self.cues["misc_heads"]))
        for toks in sentence_words(doc):
            i = 0
            while i < len(toks):
                found = self._head_phrase(toks, i, heads, blocked, names)
                if found is None:
                    i += 1
                    continue
                j, label, why = found
                # a capitalised administrative unit opening a place ("Tỉnh Long An") stays out
                # of its name, as the lower-case one does ("tỉnh Long An")
                first = i + 1 if label == "LOC" and j > i and self.fold(toks[i].text) in self.cues["admin_units"] else i
                out.append(Mention(toks[first].idx, toks[j].idx + self._glued_name_end(toks[j].text), label, "head",
                                   evidence=(why,)))
                i = j + 1
        return out

    def _glued_name_end(self, text: str) -> int:
        """Where a name ends in its last token: the token's end, or the end of its capitalised
        syllables when the segmenter glued a lower-case word to them that makes no word of the
        dictionary with them ("Vương quốc Sarawak thôn | tính": "Sarawak"; "Bộ Giáo dục" stays)."""
        parts = text.split(" ")
        caps = next((n for n, p in enumerate(parts) if not is_cap(p)), len(parts))
        if not 0 < caps < len(parts) or any(is_cap(p) for p in parts[caps:]) \
                or self.fold(" ".join(parts[caps - 1:caps + 1])) in self.dictionary or self.fold(text) in self.dictionary:
            return len(text)  # "Nông nghiệp", "Bộ chỉ huy": a word of the dictionary, written with a capital
        return len(" ".join(parts[:caps]))

    def _head_phrase(self, toks, i: int, heads, blocked, names: dict[int, int]) -> tuple[int, str, str] | None:
        """The last token index, label and evidence of a head-initial phrase opened at
        toks[i]: by a head word ("head:org"), else by a lower-case event phrase
        ("head:event_phrase"); None when nothing opens there."""
        key = self.fold(toks[i].text)
        label, head_len = self._head_label(toks, i, key, heads)
        if label:
            j = self._headed_name_end(toks, i, head_len, label, heads, blocked, names)
            return None if j is None else (j, label, f"head:{label.lower()}")
        phrase_len = self._event_phrase_len(toks, i, key)
        if not phrase_len:
            return None
        j = self._event_phrase_end(toks, i, phrase_len, blocked, names)
        return None if j is None else (j, "EVENT", "head:event_phrase")

    def _head_label(self, toks, i: int, key: str, heads) -> tuple[str | None, int]:
        """The label a head word at toks[i] (folded: key) opens and its length in tokens,
        (None, length) when it opens none: a person's title ("Bộ trưởng" is not the ministry
        "Bộ") and a place head after a title ("Chủ tịch Hồ ...": a person, not a lake) open none."""
        label, head_len = self._head_word(toks, i, key, heads)
        if key in self.cues["person_titles"]:
            return None, head_len
        if label == "LOC" and i > 0 and self.fold(toks[i - 1].text) in self.cues["person_titles"]:
            return None, head_len
        return label, head_len

    def _head_word(self, toks, i: int, key: str, heads) -> tuple[str | None, int]:
        """The label of the head list that holds a capitalised toks[i] with the next token
        ("Phòng Cảnh sát", "Kênh đào"), with length 2; else of the list that holds toks[i] (or a
        first part of it: "Hội đồng Bộ trưởng"), with length 1; else (None, 1)."""
        tok = toks[i]
        syl = key.split()
        # a head as the first part of a longer word ("Hội đồng Bộ trưởng"), but a head of one
        # syllable not as the first of a common word the dictionary knows ("Cầu thủ" is a
        # footballer, no bridge)
        first = 2 if len(syl) > 1 and " ".join(syl[:2]) in self.dictionary else 1
        prefixes = {" ".join(syl[:n]) for n in range(first, len(syl) + 1)}
        label = next((lab for lab, words in heads if prefixes & words and is_cap(tok.text)), None)
        if i + 1 < len(toks) and is_cap(tok.text) and len(syl) == 1:
            # the longer head first: "Kênh đào Panama" is no "Kênh" before a verb
            pair = self.fold(tok.text + " " + toks[i + 1].text)
            paired = next((lab for lab, words in heads if pair in words), None)
            if paired:
                return paired, 2
        return label, 1

    def _event_phrase_len(self, toks, i: int, key: str) -> int:
        """Tokens of a lower-case event phrase at toks[i] (folded: key), one or two with the
        next, or 0."""
        if key in self.cues["event_phrases"]:
            return 1
        if i + 1 < len(toks) and self.fold(toks[i].text + " " + toks[i + 1].text) in self.cues["event_phrases"]:
            return 2
        return 0

    def _headed_name_end(self, toks, i: int, head_len: int, label: str, heads, blocked,
                         names: dict[int, int]) -> int | None:
        """The case of a head word: the name's last token index when words follow the head
        or the head is more than a head (a longer token, "Hội đồng Bộ trưởng", or a
        capitalised pair, "Phòng Cảnh sát") or a name by itself ("Quốc hội": `named_heads`);
        None for a bare head."""
        last = i + head_len - 1
        j = self._extend(toks, last, label, label in _OPEN_LOWER_TAIL, blocked, names)
        longer_token = head_len == 1 and self.fold(toks[i].text) not in dict(heads)[label]
        named = self.fold(" ".join(t.text for t in toks[i:last + 1])) in self.cues["named_heads"]
        ok = j > last or longer_token or named or (head_len == 2 and is_cap(toks[i + 1].text))
        return j if ok else None

    def _event_phrase_end(self, toks, i: int, phrase_len: int, blocked, names: dict[int, int]) -> int | None:
        """The case of a lower-case event phrase ("cuộc xâm lược Vịnh Con lợn"): the EVENT's
        last token index when a capitalised word follows the phrase and the name goes on;
        else None."""
        last = i + phrase_len - 1
        j = self._extend(toks, last, "EVENT", True, blocked, names)
        return j if j > last and is_cap(toks[i + phrase_len].text) else None

    def _extend(self, toks, i: int, label: str, lowercase_ok: bool, blocked, names: dict[int, int]) -> int:
        """Last token index of a head-initial name starting at toks[i]. Lower-case words may
        follow the head ("Hiệp ước cấm thử hạt nhân", "Hội nghị thượng đỉnh Vienna") but not
        a capitalised word ("Hiệp định Paris | được ký")."""
        stop = min(len(toks), i + 1 + _MAX_HEAD_TAIL)
        # a head word the segmenter joined to capitalised words ("Bộ Giáo dục và Đào tạo") is named already
        named = any(is_cap(w) for w in toks[i].text.split()[1:])
        tail = _Tail(last=i, people=self.fold(toks[i].text) in self.cues["people_named_heads"],
                     company=self.fold(toks[i].text) in self.cues["company_heads"], named=named, branded=named,
                     located=self.fold(toks[i].text) in self.cues["located_heads"])
        for k in range(i + 1, stop):
            t = toks[k]
            if t.idx < tail.name_end:
                tail.last = k
                continue
            if tail.closed:
                break
            tail.name_end = names.get(t.idx, -1)
            if label == "ORG" and tail.named and self._joins_inside(toks, k, stop, names, tail):
                continue  # "Liên đoàn Thương mại và Công nghiệp Việt Nam": "và" joins when a word joins after it
            if self._ends_name(t, blocked):
                break
            if label == "ORG" and tail.name_end > t.idx and not is_cap(t.text):
                tail.last, tail.named, tail.closed = k, True, True  # "Ủy ban châu Âu": the region closes it
                continue
            if is_cap(t.text):
                if not self._capital_joins(toks, k, label, tail, names):
                    break
            elif not self._lower_joins(toks, k, label, lowercase_ok, tail, stop):
                break
        return tail.last

    def _at_place(self, toks, k: int, stop: int, tail: _Tail) -> bool:
        """Whether toks[k] is the "tại" of a name that goes on with the place its body sits in
        (`located_heads`: "Đại sứ quán Nhật Bản tại | Hà Nội"), a capitalised word after it."""
        return (tail.located and k + 1 < stop and self.fold(toks[k].text) == "tại"
                and is_cap(toks[k + 1].text))

    def _located_at(self, toks, k: int, stop: int, tail: _Tail) -> bool:
        """Whether toks[k] is such a "tại" (_at_place) once the name has its own words: it
        joins, and the place after it."""
        if not (tail.named and self._at_place(toks, k, stop, tail)):
            return False
        tail.last, tail.located = k, False
        return True

    def _and_goes_on(self, toks, k: int, stop: int, names: dict[int, int]) -> bool:
        """Whether toks[k] is "và" inside an organisation's name: a capitalised word follows
        that opens no name of its own (no organisation head, title, gazetteer name or
        person's name: "Bộ Công an và Bộ Quốc phòng", "quân Pháp và Mỹ" are two)."""
        return self.fold(toks[k].text) == "và" and self._opens_no_name(toks, k + 1, stop, names)

    def _glued_and(self, t) -> bool:
        """Whether a word is "và" glued by the segmenter to the capitalised words after it
        ("và Công nghiệp Việt Nam"): the rest of an organisation's name, unless those open
        a name of their own (an organisation's head, a title, a surname: "và Bộ Quốc phòng")."""
        parts = t.text.split()
        if len(parts) < 2 or self.fold(parts[0]) != "và" or not is_cap(parts[1]):
            return False
        first, pair = self.fold(parts[1]), self.fold(" ".join(parts[1:3]))
        return not ({first, pair} & (self.cues["org_heads"] | self.cues["person_titles"])
                    or first in self.cues["surnames"] or first in self.cues["not_names"])

    def _joins_inside(self, toks, k: int, stop: int, names: dict[int, int], tail: _Tail) -> bool:
        """Whether toks[k], a "và" or a comma, joins the fields of an organisation's name; a
        "và" the segmenter glued to the rest of the name ("và Công nghiệp Việt Nam") is its
        end so far; a "tại" after a head of `located_heads` joins too (_located_at)."""
        if self._located_at(toks, k, stop, tail):
            return True
        if self._glued_and(toks[k]):
            tail.last = k
            return True
        return self._and_goes_on(toks, k, stop, names) or self._list_goes_on(toks, k, stop, names)

    def _list_goes_on(self, toks, k: int, stop: int, names: dict[int, int]) -> bool:
        """Whether toks[k] is a comma inside an organisation's name that lists its fields,
        the list closed by a "và" that joins ("Sở Văn hóa, Thể thao và Du lịch", "Bộ Kinh tế,
        Công nghiệp và Kỹ thuật số"): only capitalised words that open no name of their own
        and commas stand between them."""
        if toks[k].text != "," or not self._opens_no_name(toks, k + 1, stop, names):
            return False
        for m in range(k + 1, stop):
            t = toks[m]
            if self.fold(t.text) == "và":
                return self._and_goes_on(toks, m, stop, names)
            if t.text != "," and not (is_cap(t.text) and self._opens_no_name(toks, m, stop, names)):
                return False
        return False

    def _opens_no_name(self, toks, k: int, stop: int, names: dict[int, int]) -> bool:
        """Whether toks[k] is a capitalised word that opens no name of its own (no
        organisation head, title, gazetteer name or person's name)."""
        if k >= stop:
            return False
        t = toks[k]
        key, whole = self.fold(t.text.split()[0]), self.fold(t.text)
        return (is_cap(t.text) and not t.is_punct and t.idx not in names
                and key not in self.cues["org_heads"] and whole not in self.cues["org_heads"]
                and key not in self.cues["not_names"] and whole not in self.cues["not_names"]
                and whole not in self.cues["person_titles"] and not self._person_starts(toks, k, names))

    def _ends_name(self, t, blocked) -> bool:
        """Whether a word ends a head-initial name before it: punctuation, a function word
        (by its tag), a number, a stop word ("được", "diễn ra"), a date or a person's title."""
        return (t.is_punct or t.tag_ in _NAME_STOP_TAGS or t.like_num or t.text[:1].isdigit()
                or self._stop_word(t)
                or overlaps_span(t.idx, t.idx + len(t.text), blocked)
                or self.fold(t.text) in self.cues["person_titles"])

    def _stop_word(self, t) -> bool:
        """Whether a word is a stop word of `name_stops`, alone or with the word after it
        when the segmenter split the stop ("Hội nghị | diễn | ra tại ...")."""
        if is_cap(t.text):
            return False  # a stop is written in lower case: "Ban Tổ chức Trung ương" goes on
        key = self.fold(t.text)
        if key in self.cues["name_stops"]:
            return True
        return t.i + 1 < len(t.doc) and f"{key} {self.fold(t.doc[t.i + 1].text)}" in self.cues["name_stops"]

    def _capital_joins(self, toks, k: int, label: str, tail: _Tail, names: dict[int, int]) -> bool:
        """The case of a capitalised word after the head: it joins the name, except a
        person's name after an organisation's or a state's ("Bộ Công an | Lê Quốc Hưng",
        "Tổng thống Cộng hòa Chile | Mateo Alvarado") that is not
        named after people ("Trường THPT Nguyễn Thị Minh Khai": `people_named_heads`), also right
        after a unit word whose own name news leaves out ("Phó Chủ tịch UBND tỉnh | Nguyễn Hồng
        Lĩnh"). Whether the name reads on: a state's name ends an organisation's ("Hội đồng Bộ
        trưởng Liên Xô")."""
        if label in ("ORG", "GPE") and not tail.people and self._person_starts(toks, k, names) and (
                tail.branded or self._unit_then_full_name(toks, k)):
            return False
        tail.last = k
        tail.named = True
        # a sector word ("Thương mại", "Công nghệ") names no company yet: the brand after it may
        # open with a surname ("Công ty TNHH Thương mại | Hoàng Lâm"); a ministry's sector word
        # is its name ("Bộ Y tế | Đào Hồng Lan")
        # ... nor does a common word naming its trade in sentence case ("Công ty CP Sự kiện | Kim
        # Long Việt", "Công ty TNHH Tàu khách | Sao Biển")
        tail.branded = tail.branded or tail.bridged or not (tail.company and self._field_word(toks[k].text))
        return self._at_place(toks, k + 1, len(toks), tail) or not (label == "ORG" and self._is_state(toks[k].text))

    def _field_word(self, word: str) -> bool:
        """Whether a capitalised word after a company's head names its trade, not its brand:
        organisation words ("Thương mại", "CP") or a common word of the dictionary ("Tàu",
        "Giải pháp", "CP Đồ": a legal form glued to it)."""
        parts = self.fold(word).split()
        while parts and parts[0] in self.cues["org_words"]:
            parts = parts[1:]
        rest = " ".join(parts)
        return not rest or self._org_word(rest) or rest in self.dictionary

    def _field_then_brand(self, toks, k: int, tail: _Tail, stop: int) -> bool:
        """Whether toks[k] is a lower-case word of a company's trade written in sentence case,
        before its brand ("Công ty TNHH Tàu khách Sao Biển", "Nước giải khát Tân Lộc", "Giải
        pháp số Hòa Phong"): the trade named so far with no brand, at most FIELD_LOWER lower-case
        words, none punctuation, a word that ends a name or a person's cue, then a capitalised
        word that is no person's title."""
        if not (tail.company and tail.named and not tail.branded):
            return False
        for m in range(k, min(stop, k + FIELD_LOWER + 1)):
            t, key = toks[m], self.fold(toks[m].text)
            if is_cap(t.text):
                return m > k and key not in self.cues["person_titles"]
            if t.is_punct or key in self.cues["name_stops"] or key in self.cues["person_cues"] \
                    or key in self.cues["person_titles"] or t.tag_ not in _FIELD_TAGS:
                return False
        return False

    def _unit_then_full_name(self, toks, k: int) -> bool:
        """Whether toks[k] follows an administrative unit word, or a head word glued to
        lower-case words ("Hội đồng quản trị", "Ban giám đốc"), and opens a capitalised run of
        FULL_NAME_SYLLABLES or more syllables: a person's full name, where a unit's own name
        is of two ("tỉnh | Nguyễn Hồng Lĩnh", but "huyện Lương Sơn"; "Chủ tịch Hội đồng quản
        trị | Đỗ Văn Khải")."""
        if k == 0 or not (self.fold(toks[k - 1].text) in self.cues["admin_units"] or self._head_and_lower(toks[k - 1].text)):
            return False
        run = 0
        for t in toks[k:k + FULL_NAME_SYLLABLES]:
            if not is_cap(t.text):
                break
            run += len(t.text.split())
        return run >= FULL_NAME_SYLLABLES

    def _head_and_lower(self, word: str) -> bool:
        """Whether a word is an organisation's head glued to lower-case words after it ("Hội
        đồng quản trị", "Ban giám đốc"; not the head alone, "Trung tâm")."""
        key = self.fold(word)
        return word.split()[-1].islower() and key not in self.cues["org_heads"] and any(
            key.startswith(head + " ") for head in self.cues["org_heads"])

    def _person_starts(self, toks, k: int, names: dict[int, int]) -> bool:
        """Whether a person's name starts at toks[k]: a surname, not a gazetteer name nor a
        word of several syllables the dictionary knows ("Nông nghiệp" opens with a surname),
        or a foreign given name ("Đảng Cộng hòa | Paul Ryan": entities/given_names.txt), in a
        token of several syllables or before another capitalised word."""
        t = toks[k]
        first = t.text.split()[0]
        opens = ((self.fold(first) in self.cues["surnames"] and not (" " in t.text and t.text.lower() in self.dictionary))
                 or first in self.given_names)
        return t.idx not in names and opens and (
            len(t.text.split()) > 1 or (k + 1 < len(toks) and is_cap(toks[k + 1].text)))

    def _lower_joins(self, toks, k: int, label: str, lowercase_ok: bool, tail: _Tail, stop: int) -> bool:
        """The case of a lower-case word after the head; whether the name reads on. An event
        or a treaty takes a noun, verb or adjective until a capitalised word has joined
        ("Hiệp ước cấm thử hạt nhân"); an organisation only its own words (_org_lower_joins)."""
        if lowercase_ok and not tail.named and toks[k].tag_ in _LOWER_TAIL_TAGS:
            tail.last = k
            return True
        return label == "ORG" and self._org_lower_joins(toks, k, tail, stop)

    def _org_lower_joins(self, toks, k: int, tail: _Tail, stop: int) -> bool:
        """The case of lower-case words inside an organisation's name; whether the name reads
        on. A run of organisation words takes the name to where it goes on ("Tòa án nhân
        dân TP Hà Nội", "Trung tâm ... quốc gia"); a unit word before a capitalised word is
        passed over and joins the name that follows ("Ủy ban nhân dân tỉnh Nghệ An")."""
        bridge = self._org_bridge(toks, k, stop)
        if bridge is not None:
            tail.last = bridge
            tail.name_end = -1
            return True
        if self._field_then_brand(toks, k, tail, stop):
            tail.last, tail.bridged = k, True  # the capitalised word after the trade is the brand
            return True
        return self._unit_before_name(toks, k)

    def _unit_before_name(self, toks, k: int) -> bool:
        """Whether toks[k] is an administrative unit word ("tỉnh", "huyện") before a
        capitalised word."""
        return self.fold(toks[k].text) in self.cues["admin_units"] and k + 1 < len(toks) \
            and is_cap(toks[k + 1].text)

    def _is_state(self, word: str) -> bool:
        hits = [rows for _, (key, rows) in self.automaton.iter(self.fold(word)) if key == self.fold(word)]
        return any(r["label"] == "GPE" for rows in hits for r in rows)


_VIETNAMESE_ONLY = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")  # letters, with the tone marks' block, that only Vietnamese writes
GENERATED_PLACES = frozenset({"cities", "states"})  # gazetteers of foreign places written in their own script
FOREIGN_WORD_REACH = 16  # characters read after a place's name for the organisation word it may open


@dataclass
class _Tail:
    """How far a head-initial name has got while _extend reads the words after its head."""
    last: int  # index of the name's last token so far
    named: bool = False  # a capitalised word has joined the name
    name_end: int = -1  # end of a gazetteer name the phrase has entered ("Vịnh Con lợn")
    closed: bool = False  # the name ends with the gazetteer name it has entered ("Ủy ban châu Âu")
    people: bool = False  # its head names institutions after people ("Trường", "Bệnh viện")
    branded: bool = False  # a capitalised word other than a sector word has joined ("Minh Long")
    company: bool = False  # its head is a company's ("Công ty", "Tập đoàn": `company_heads`)
    located: bool = False  # its head's name goes on with "tại" and a place (`located_heads`)
    bridged: bool = False  # lower-case words of its trade have joined: the next capitalised word is the brand


def _foreign_name_goes_on(text: str, end: int, row: dict) -> bool:
    """Whether a foreign place of the generated gazetteers (cities, states) runs on at once
    into a capitalised foreign word ("Indiana Jones", "Houston Nutt"): a name of its own,
    left to the other proposers."""
    if row.get("file") not in GENERATED_PLACES or text[end:end + 1] != " ":
        return False
    word = text[end + 1:].split(" ", 1)[0].rstrip(".,;:!?)\"”")
    return _foreign_cap(word) and word.isalpha()


def _foreign_cap(word: str) -> bool:
    """Whether a word is capitalised and not written with Vietnamese letters ("Woods", not
    the classifier "Tờ" or the head "Quỹ" before a foreign organisation's name)."""
    return bool(word) and is_cap(word) and not any(ch in _VIETNAMESE_ONLY or "\u1ea0" <= ch <= "\u1ef9" for ch in word)


def _glued_to_word(text: str, start: int, end: int) -> bool:
    """Whether a gazetteer match is part of a longer word: a letter, digit or hyphen just
    before it, or a letter or digit (or a hyphen and then one) just after it."""
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-")) or \
        (end < len(text) and (text[end].isalnum()
                              or text[end] == "-" and end + 1 < len(text) and text[end + 1].isalnum()))


def _gazetteer_row(text: str, start: int, end: int, before: str, rows: list[dict]) -> dict | None:
    """The first entry of a matched name whose first letter has the case of the text's and,
    for a name that needs a cue word before it ("after"), whose cue stands there with no
    capitalised word after the match; None when none fits."""
    return next((r for r in rows if r["name"][0].isupper() == text[start].isupper()
                 and ("after" not in r or (before in r["after"] and not capital_after(text, end)))),
                None)
