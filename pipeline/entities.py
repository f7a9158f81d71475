"""The entity stage: a hybrid recogniser. Strong evidence first (name patterns such
as "IL-28", cue-headed phrases such as "Hội đồng Bộ trưởng Liên Xô", gazetteer
names), then underthesea's CRF proposals and runs of capitalised words, repaired:
no date, title, function word or sentence boundary inside a name. Names are typed
by cues (titles, prepositions, classifiers), states are GPE or LOC by their role,
titles go to `title`, and aliases share one canonical name (aliases.py).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from .aliases import link_aliases
from .extensions import register_extensions, sentences, set_spans
from .normalize import fold
from .records import Entity
from .resources import load_entities, models_path

SPANS_KEY = "vi_ent"
_PRIORITY = {"pattern": 5, "gazetteer": 4, "head": 3, "crf": 2, "caps": 1}
_MAX_HEAD_TAIL = 6  # words a head-initial name may take after its head


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    source: str
    canonical: str | None = None
    prefer: str | None = None


@Language.factory("vnevents_entities", assigns=["doc._.entities", "doc.spans"],
                  default_config={"models_dir": None, "use_crf": True})
def make_entities(nlp: Language, name: str, models_dir: str | None, use_crf: bool):
    return EntityRecognizer(models_dir=models_dir, use_crf=use_crf)


def _is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit() and "-" in word)


class EntityRecognizer:
    def __init__(self, models_dir=None, use_crf=True):
        register_extensions()
        from underthesea.pipeline.chunking.tagged_feature import lower_words
        self.dictionary = lower_words
        self.res = load_entities(models_path(models_dir), fold)
        self.fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once per process
        self.use_crf = use_crf
        self.cues = self.res.cues
        self.link_syllables = frozenset(s for w in self.cues["title_links"] for s in w.split())
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[dict]] = {}
        for row in self.res.gazetteer:
            entries.setdefault(fold(row["name"]), []).append(row)
        for key, rows in entries.items():
            self.automaton.add_word(key, (key, rows))
        self.automaton.make_automaton()

    # -- component --------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = self.extract(doc)
        set_spans(doc, SPANS_KEY, ((e.start, e.end, e.label) for e in doc._.entities))
        return doc

    def extract(self, doc: Doc) -> list[Entity]:
        text = doc.text
        folded = fold(text)
        blocked = [(t.start, t.end) for t in (doc._.timexes or [])]
        sent_starts = {s.start_char for s in sentences(doc)}
        gazetteer = self._gazetteer(doc, text, folded, sent_starts)
        strong = self._patterns(text) + self._heads(doc, blocked, {m.start: m.end for m in gazetteer}) + gazetteer
        chosen = self._select([m for m in strong if not _overlaps(m, blocked)], [], longest_first=True)
        weak = self._weak(doc, blocked + [(m.start, m.end) for m in chosen], sent_starts)
        chosen = self._select(weak, chosen)
        chosen.sort(key=lambda m: m.start)
        chosen = _acronyms(text, _vote(text, chosen))
        chosen = [self._with_feature_noun(text, self._role(text, m)) for m in chosen]
        return link_aliases(text, chosen, self._titles(doc, text, chosen))

    # -- strong candidates -------------------------------------------------------
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
            before = _word_before(folded, start)
            row = next((r for r in rows if r["name"][0].isupper() == text[start].isupper()
                        and ("after" not in r or (before in r["after"] and not _capital_after(text, end)))),
                       None)
            if row is None:
                continue
            if row.get("ambiguous") and (start in sent_starts or _line_start(text, start)):
                continue
            if "after" not in row and self._inside_longer_name(doc, starts, text, start, end):
                continue  # (a cued name may follow its capitalised cue: "Quân Minh rút ...")
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
            if key in self.cues["admin_units"] and m + 1 < stop and _is_cap(toks[m + 1].text):
                return m
            break
        if m > k and m < stop and _is_cap(toks[m].text) and not toks[m].is_punct \
                and self.fold(toks[m].text) not in self.cues["person_titles"]:
            return m - 1
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
        return bool(before and _is_cap(before[-1])) or bool(after and _is_cap(after[0]))

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
                label = next((lab for lab, words in heads if prefixes & words and _is_cap(tok.text)), None)
                head_len = 1
                if label is None and i + 1 < len(toks) and _is_cap(tok.text):  # "Phòng Cảnh sát"
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
                    ok = j > i + head_len - 1 or longer_token or (head_len == 2 and _is_cap(toks[i + 1].text))
                else:
                    label = "EVENT"
                    j = self._extend(toks, i + phrase_len - 1, label, True, blocked, names)
                    ok = j > i + phrase_len - 1 and _is_cap(toks[i + phrase_len].text)
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
            if _overlaps_span(t.idx, t.idx + len(t.text), blocked) or self.fold(t.text) in self.cues["person_titles"]:
                break
            if _is_cap(t.text):
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
                    and _is_cap(toks[k + 1].text):
                continue  # "Ủy ban nhân dân tỉnh Nghệ An": the unit word joins the name that follows
            break
        return j

    def _is_state(self, word: str) -> bool:
        hits = [rows for _, (key, rows) in self.automaton.iter(self.fold(word)) if key == self.fold(word)]
        return any(r["label"] == "GPE" for rows in hits for r in rows)

    # -- weak candidates: CRF proposals and capitalised runs ----------------------
    def _weak(self, doc: Doc, blocked: list[tuple[int, int]], sent_starts: set[int]) -> list[Mention]:
        out = []
        for sent in sentences(doc):
            toks = _pieces(sent, self.dictionary, self.cues["name_particles"])
            runs: list[tuple[int, int, str]] = []  # token index range and source
            if self.use_crf:
                i = 0
                while i < len(toks):
                    tag = toks[i].crf
                    if tag.startswith("B-") or tag.startswith("I-"):
                        j = i
                        while j + 1 < len(toks) and toks[j + 1].crf == "I-" + tag[2:]:
                            j += 1
                        runs.append((i, j, "crf"))
                        i = j + 1
                    else:
                        i += 1
            i = 0
            while i < len(toks):
                if _is_cap(toks[i].text) and not toks[i].is_punct:
                    j = i
                    while j + 1 < len(toks) and not toks[j + 1].is_punct and (
                            _is_cap(toks[j + 1].text) or self._particle(toks, j + 1)):
                        j += 1
                    runs.append((i, j, "caps"))
                    i = j + 1
                else:
                    i += 1
            for i, j, source in runs:
                if source == "crf":
                    i, j = self._widen(toks, i, j, blocked)
                for a, b in self._segments(toks, i, j, blocked):
                    label = self._label(toks, a, b, source, sent_starts)
                    if label:
                        out.append(Mention(toks[a].idx, toks[b].idx + len(toks[b].text), label, source))
        return out

    def _particle(self, toks, k: int) -> bool:
        """A lower-case particle inside a foreign name, between capitalised words: "Rigault
        de Genouilly", "Ludwig van Beethoven"."""
        return (0 < k < len(toks) - 1 and toks[k].text in self.cues["name_particles"]
                and _is_cap(toks[k - 1].text) and _is_cap(toks[k + 1].text))

    def _widen(self, toks, i: int, j: int, blocked) -> tuple[int, int]:
        """Grow a CRF proposal over the capitalised name words around it ("Nikita" before
        the CRF's "Khrushchev")."""
        def name_word(t):
            key = self.fold(t.text)
            return (_is_cap(t.text) and not t.is_punct and key not in self.cues["person_titles"]
                    and key not in self.cues["not_names"] and key not in self.cues["title_links"]
                    and not _overlaps_span(t.idx, t.idx + len(t.text), blocked))
        while i > 0 and name_word(toks[i - 1]) and name_word(toks[i]):
            i -= 1
        while j + 1 < len(toks) and name_word(toks[j]) and (
                name_word(toks[j + 1]) or (self._particle(toks, j + 1) and name_word(toks[j + 2]))):
            j += 2 if self._particle(toks, j + 1) else 1
        return i, j

    def _segments(self, toks, i: int, j: int, blocked) -> list[tuple[int, int]]:
        """Split a proposal into runs of capitalised name words outside blocked spans."""
        segs, cur = [], []
        for k in range(i, j + 1):
            t = toks[k]
            ok = ((_is_cap(t.text) or self._particle(toks, k)) and not t.is_punct
                  and not _overlaps_span(t.idx, t.idx + len(t.text), blocked)
                  and self.fold(t.text) not in self.cues["person_titles"] and self.fold(t.text) not in self.cues["org_heads"])
            if ok:
                cur.append(k)
            elif cur:
                segs.append(cur); cur = []
        if cur:
            segs.append(cur)
        out = []
        for seg in segs:
            while seg and (self.fold(toks[seg[0]].text) in self.cues["not_names"]
                           or self.fold(toks[seg[0]].text) in self.cues["title_links"]):
                seg = seg[1:]
            while seg and self.fold(toks[seg[-1]].text) in self.cues["not_names"]:
                seg = seg[:-1]
            if seg:
                out.append((seg[0], seg[-1]))
        return out

    def _label(self, toks, a: int, b: int, source: str, sent_starts: set[int]) -> str | None:
        prev = self.fold(toks[a - 1].text) if a > 0 else ""
        prev2 = self.fold(toks[a - 2].text + " " + toks[a - 1].text) if a > 1 else ""
        words = " ".join(t.text for t in toks[a:b + 1])
        crf = [t.crf[2:] for t in toks[a:b + 1] if t.crf != "O"]
        crf_label = max(sorted(set(crf)), key=crf.count) if crf else None
        if prev in self.cues["thing_cues"] or prev2 in self.cues["thing_cues"]:
            return "MISC"
        if prev in self.cues["person_titles"] or prev in self.cues["person_cues"] or self._after_title(toks, a):
            return "PER"
        place_cues = self.cues["place_nouns"] | self.cues["feature_nouns"]
        if prev in place_cues or prev2 in place_cues:
            return "LOC"  # "đồn Ngọc Hồi", "sông Gián", "xã Cam Lâm"
        syllables = words.split()
        all_caps = all(_is_cap(w) for w in syllables)
        if all_caps and len(syllables) >= 2 and self.fold(syllables[-1]) in self.cues["person_suffixes"]:
            return "PER"  # "An Dương Vương", "Lý Thái Tổ"
        person_shape = all_caps and 2 <= len(syllables) <= 4 and self.fold(syllables[0]) in self.cues["surnames"]
        if person_shape and prev not in self.cues["loc_preps"]:
            return "PER"
        if a == 0 and b == a and self.fold(toks[a].text) in self.dictionary:
            return None  # a common word capitalised at the start of a sentence or heading
        if a == 0 and not crf_label and not (all_caps and len(syllables) >= 2):
            if b == a and toks[a].idx in sent_starts:
                return None
        if crf_label in ("PER", "ORG", "LOC"):
            return crf_label
        if prev in self.cues["loc_preps"]:
            return "LOC"
        foreign = words.replace(" ", "").replace("-", "")
        if foreign.isascii() and foreign.isalpha() and (b > a or source == "crf") and len(syllables) <= 3 \
                and not any(self.fold(w) in self.cues["foreign_function_words"] for w in syllables):
            return "PER"
        if crf_label == "MISC":
            return "MISC"
        return None

    def _after_title(self, toks, a: int) -> bool:
        """Whether a person title stands before toks[a], across the words a title may hold
        ("Thủ tướng Cuba Fidel Castro", "Bộ trưởng Tư pháp Robert Kennedy")."""
        k = a - 1
        while k >= 0 and a - k <= 12:
            key = self.fold(toks[k].text)
            if key in self.cues["person_titles"] or any(
                    key.startswith(t + " ") for t in self.cues["person_titles"] if " " not in t and len(t) > 3):
                return True
            if not (_is_cap(toks[k].text) or key in self.link_syllables or key in self.cues["title_links"]
                    or toks[k].text == ","):
                return False
            k -= 1
        return False

    # -- selection, roles, titles ----------------------------------------------------
    def _select(self, cands: list[Mention], taken: list[Mention], longest_first: bool = False) -> list[Mention]:
        out = list(taken)
        if longest_first:
            order = sorted(cands, key=lambda m: (-(m.end - m.start), -_PRIORITY[m.source], m.start))
        else:
            order = sorted(cands, key=lambda m: (-_PRIORITY[m.source], -(m.end - m.start), m.start))
        for m in order:
            if not any(m.start < o.end and o.start < m.end for o in out):
                out.append(m)
        return out

    def _role(self, text: str, m: Mention) -> Mention:
        if m.label != "GPE":
            return m
        before = self.fold(text[max(0, m.start - 40):m.start]).split()
        prev = before[-1] if before else ""
        prev2 = " ".join(before[-2:])
        if prev in self.cues["loc_preps"] or prev2 in self.cues["loc_preps"] or \
                prev in self.cues["loc_targets"] or prev2 in self.cues["loc_targets"]:
            return replace(m, label="LOC")
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
            if " ".join(self.fold(text[start:m.start]).split()) in self.cues["feature_nouns"]:
                return replace(m, start=start)
        return m

    def _titles(self, doc: Doc, text: str, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
        """Title span before each PER mention: "Bộ trưởng Tư pháp" before "Robert Kennedy"."""
        inside = [(m.start, m.end) for m in mentions if m.label != "PER"]
        titles = {}
        for m in mentions:
            if m.label != "PER":
                continue
            tok = doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is None:
                continue
            k = tok.start - 1
            first_title = None
            while k >= 0 and tok.start - k <= 16:
                t = doc[k]
                if t.is_space or t.is_sent_end:
                    break
                key = self.fold(t.text)
                if key in self.cues["person_titles"]:
                    first_title = t.idx
                elif not (key in self.link_syllables or key in self.cues["title_links"] or t.text == ","
                          or _overlaps_span(t.idx, t.idx + len(t.text), inside)):
                    break
                k -= 1
            if first_title is not None:
                end = m.start
                while end > first_title and text[end - 1] in " ,":
                    end -= 1
                titles[m.start] = (first_title, end)
        return titles

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self


def _vote(text: str, mentions: list[Mention]) -> list[Mention]:
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
            m = replace(m, label=best)
        out.append(m)
    return out


def _acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """An acronym in parentheses right after a name stands for it, there and wherever it
    recurs: "Tổ chức Thương mại Thế giới (WTO)" makes every "WTO" an ORG with the long
    name as its canonical."""
    defined: dict[str, tuple[str, str]] = {}
    added: list[Mention] = []
    for m in mentions:
        if m.label == "PER":
            continue
        j = m.end + 1 if text.startswith(" (", m.end) else m.end
        if not text.startswith("(", j):
            continue
        k = j + 1
        while k < len(text) and (text[k].isupper() or text[k].isdigit() or text[k] in "&.-"):
            k += 1
        if k >= len(text) or text[k] != ")" or k - j - 1 < 2 or not text[j + 1].isupper():
            continue
        canonical = m.canonical or " ".join(text[m.start:m.end].split())
        defined.setdefault(text[j + 1:k], (m.label, canonical))
        if not any(o.start < k and j + 1 < o.end for o in mentions):
            added.append(Mention(j + 1, k, m.label, "pattern", canonical))
    if not defined:
        return mentions
    for acronym, (label, canonical) in defined.items():
        at = text.find(acronym)
        while at != -1:
            end = at + len(acronym)
            whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
            if whole and not any(o.start < end and at < o.end for o in mentions + added):
                added.append(Mention(at, end, label, "pattern", canonical))
            at = text.find(acronym, end)
    out = []
    for m in mentions + added:
        if text[m.start:m.end] in defined:
            label, canonical = defined[text[m.start:m.end]]
            m = replace(m, label=label, canonical=canonical)
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


@dataclass(frozen=True)
class _Piece:
    """A word of a sentence as the weak candidates see it."""
    text: str
    idx: int
    is_punct: bool
    crf: str


def _pieces(sent, dictionary=frozenset(), particles=frozenset()) -> list[_Piece]:
    """The sentence's words, except that a word the segmenter glued across a name's edge
    ("Lê Lợi lãnh đạo", "đồn Ngọc Hồi") around a run of two or more capitalised syllables
    is cut where the capitals start and stop: the name keeps the word's CRF tag, the
    lower-case parts are outside any name. A word with one capital ("Chủ tịch") stays whole."""
    out: list[_Piece] = []
    for t in sent:
        if t.is_space:
            continue
        spans = _syllable_spans(t.text)
        caps = [_is_cap(t.text[a:b]) for a, b in spans]
        # a name that goes on from the word before into this one ("Kenji | Nakamura nhân")
        continues = (len(spans) >= 2 and caps[0] and not any(caps[1:]) and out
                     and (out[-1].text[:1].isupper() or out[-1].text in particles)
                     and not out[-1].is_punct and t.text.lower() not in dictionary)
        if not continues and (len(spans) < 3 or all(caps) or not any(a and b for a, b in zip(caps, caps[1:]))):
            # "Chủ tịch" is one word: a word is cut only around a run of two capitals
            out.append(_Piece(t.text, t.idx, t.is_punct, t._.crf_ner))
            continue
        k = 0
        while k < len(spans):
            m = k
            while m + 1 < len(spans) and caps[m + 1] == caps[k]:
                m += 1
            a, b = spans[k][0], spans[m][1]
            out.append(_Piece(t.text[a:b], t.idx + a, False, t._.crf_ner if caps[k] else "O"))
            k = m + 1
    return out


def _syllable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the whitespace-separated parts of a word."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _capital_after(text: str, end: int) -> bool:
    """Whether the word after `end` (across spaces) starts with a capital: "nhà Trần Hưng
    Đạo" is a man's house, not the dynasty."""
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    return i > end and i < len(text) and text[i].isupper()


def _word_before(folded: str, start: int) -> str:
    """The word (folded) just before `start`, across one run of spaces."""
    end = start
    while end > 0 and folded[end - 1] == " ":
        end -= 1
    begin = end
    while begin > 0 and folded[begin - 1].isalpha():
        begin -= 1
    return folded[begin:end]


def _overlaps(m: Mention, spans) -> bool:
    return _overlaps_span(m.start, m.end, spans)


def _overlaps_span(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


def _line_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n\r.!?\"“"
