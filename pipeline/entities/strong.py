"""Strong evidence for names: patterns ("IL-28"), gazetteer names matched with an
Aho-Corasick automaton on word boundaries, and phrases opened by a head word ("Hội đồng
Bộ trưởng Liên Xô", "Tòa án nhân dân TP Hà Nội")."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..text.extensions import sentences
from .mentions import (Mention, capital_after, is_cap, line_start, overlaps_span, start_of_word_before,
                       word_before)

_MAX_HEAD_TAIL = 6  # words a head-initial name may take after its head


class StrongNames:
    """The strong candidate finders of EntityRecognizer (a mixin: it reads self.res,
    self.cues, self.fold and self.automaton)."""

    def _patterns(self, text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), label, "pattern") for _, label, rx in self.res.patterns
                for m in rx.finditer(text)]

    def _gazetteer(self, doc: Doc, text: str, folded: str, sent_starts: set[int]) -> list[Mention]:
        out = []
        starts = [t.idx for t in doc]
        for end_index, (key, rows) in self.automaton.iter(folded):
            end = end_index + 1
            start = end - len(key)
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-")) or \
                    (end < len(text) and (text[end].isalnum() or text[end] == "-" and end + 1 < len(text) and text[end + 1].isalnum())):
                continue
            before = word_before(folded, start)
            row = next((r for r in rows if r["name"][0].isupper() == text[start].isupper()
                        and ("after" not in r or (before in r["after"] and not capital_after(text, end)))),
                       None)
            if row is None:
                continue
            if row.get("ambiguous") and (start in sent_starts or line_start(text, start)):
                continue
            if "after" not in row and self._inside_longer_name(doc, starts, text, start, end):
                continue  # (a cued name may follow its capitalised cue: "Quân Minh rút ...")
            if "after" in row and before in self.cues["dynasty_nouns"]:
                start = start_of_word_before(text, start)  # "nhà Trần", "triều Hồ": the noun is in the name
            out.append(Mention(start, end, row["label"], "gazetteer", row["canonical"], row.get("prefer_if_present")))
        return out

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
                if key in self.cues["org_final_words"] or any(key.endswith(" " + w) for w in self.cues["org_final_words"]):
                    last_final = m
                m += 1
                continue
            if key in self.cues["admin_units"] and m + 1 < stop and is_cap(toks[m + 1].text):
                return m
            break
        if m > k and m < stop and is_cap(toks[m].text) and not toks[m].is_punct \
                and self.fold(toks[m].text) not in self.cues["person_titles"]:
            return m - 1
        if m > k and (m >= len(toks) or toks[m].is_punct):
            return m - 1  # the name ends with the sentence or a comma: "Cục Cảnh sát giao thông,"
        return last_final

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
        heads = (("ORG", self.cues["org_heads"]), ("LOC", self.cues["loc_heads"]),
                 ("EVENT", self.cues["event_heads"]), ("MISC", self.cues["misc_heads"]))
        for sent in sentences(doc):
            toks = [t for t in sent if not t.is_space]
            i = 0
            while i < len(toks):
                tok = toks[i]
                key = self.fold(tok.text)
                syl = key.split()
                prefixes = {" ".join(syl[:n]) for n in range(1, len(syl) + 1)}
                label = next((lab for lab, words in heads if prefixes & words and is_cap(tok.text)), None)
                head_len = 1
                if label is None and i + 1 < len(toks) and is_cap(tok.text):  # "Phòng Cảnh sát"
                    pair = self.fold(tok.text + " " + toks[i + 1].text)
                    label = next((lab for lab, words in heads if pair in words), None)
                    head_len = 2 if label else 1
                if key in self.cues["person_titles"]:
                    label = None  # "Bộ trưởng" is a title, not the ministry "Bộ"
                if key in self.cues["event_phrases"]:
                    phrase_len = 1
                elif i + 1 < len(toks) and self.fold(tok.text + " " + toks[i + 1].text) in self.cues["event_phrases"]:
                    phrase_len = 2
                else:
                    phrase_len = 0
                if label == "LOC" and i > 0 and self.fold(toks[i - 1].text) in self.cues["person_titles"]:
                    label = None  # "Chủ tịch Hồ ...": a person, not a lake
                if label is None and not phrase_len:
                    i += 1
                    continue
                if label:
                    j = self._extend(toks, i + head_len - 1, label, label in ("EVENT", "MISC"), blocked, names)
                    longer_token = head_len == 1 and self.fold(tok.text) not in dict(heads)[label]  # "Hội đồng Bộ trưởng"
                    ok = j > i + head_len - 1 or longer_token or (head_len == 2 and is_cap(toks[i + 1].text))
                else:
                    label = "EVENT"
                    j = self._extend(toks, i + phrase_len - 1, label, True, blocked, names)
                    ok = j > i + phrase_len - 1 and is_cap(toks[i + phrase_len].text)
                if ok:
                    out.append(Mention(toks[i].idx, toks[j].idx + len(toks[j].text), label, "head"))
                    i = j + 1
                else:
                    i += 1
        return out

    def _extend(self, toks, i: int, label: str, lowercase_ok: bool, blocked, names: dict[int, int]) -> int:
        """Last token index of a head-initial name starting at toks[i]. Lower-case words may
        follow the head ("Hiệp ước cấm thử hạt nhân", "Hội nghị thượng đỉnh Vienna") but not
        a capitalised word ("Hiệp định Paris | được ký")."""
        j = i
        named = False
        name_end = -1  # end of a gazetteer name the phrase has entered ("Vịnh Con lợn")
        for k in range(i + 1, min(len(toks), i + 1 + _MAX_HEAD_TAIL)):
            t = toks[k]
            if t.idx < name_end:
                j = k
                continue
            name_end = names.get(t.idx, -1)
            if t.is_punct or t.tag_ in ("CH", "E", "C", "CC", "P", "R", "L", "T") or t.like_num or t.text[:1].isdigit():
                break
            if self.fold(t.text) in self.cues["name_stops"]:
                break
            if overlaps_span(t.idx, t.idx + len(t.text), blocked) or self.fold(t.text) in self.cues["person_titles"]:
                break
            if is_cap(t.text):
                if label == "ORG" and named and t.idx not in names and \
                        self.fold(t.text.split()[0]) in self.cues["surnames"] and (
                            len(t.text.split()) > 1 or (k + 1 < len(toks) and is_cap(toks[k + 1].text))):
                    break  # "Bộ Công an | Lê Quốc Hưng": a person's name after the organisation's
                j = k
                named = True
                if label == "ORG" and self._is_state(t.text):
                    break  # "Hội đồng Bộ trưởng Liên Xô" ends at the state's name
                continue
            if lowercase_ok and not named and t.tag_ in ("N", "V", "A", "Nc"):
                j = k
                continue
            if label == "ORG":
                bridge = self._org_bridge(toks, k, min(len(toks), i + 1 + _MAX_HEAD_TAIL))
                if bridge is not None:  # "Tòa án nhân dân TP Hà Nội", "Trung tâm ... quốc gia"
                    j = bridge
                    name_end = -1
                    continue
            if label == "ORG" and self.fold(t.text) in self.cues["admin_units"] and k + 1 < len(toks) \
                    and is_cap(toks[k + 1].text):
                continue  # "Ủy ban nhân dân tỉnh Nghệ An": the unit word joins the name that follows
            break
        return j

    def _is_state(self, word: str) -> bool:
        hits = [rows for _, (key, rows) in self.automaton.iter(self.fold(word)) if key == self.fold(word)]
        return any(r["label"] == "GPE" for rows in hits for r in rows)
