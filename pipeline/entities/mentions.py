"""Mentions of names as the entity stage handles them, and the small text helpers its
candidate finders share (pipeline/entities/strong.py, weak.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..spans import SpanIndex, overlap

_ACRONYM_MARKS = "&.-"  # what an acronym may hold besides capitals and digits ("IL-28")
_MIN_ACRONYM_CHARS = 2  # a single capital in parentheses is a list label, not an acronym


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    source: str
    canonical: str | None = None
    prefer: str | None = None
    evidence: tuple[str, ...] = ()  # what decided the span and label so far (pipeline/entities/decide.py)


def noted(m: Mention, tag: str, **changes) -> Mention:
    """`m` with `changes` and `tag` added at the end of its evidence (once)."""
    evidence = m.evidence if tag in m.evidence else m.evidence + (tag,)
    return replace(m, evidence=evidence, **changes)


def is_cap(word: str) -> bool:
    """Whether a word is written as a name's: capitalised, or an elided particle before a
    capital ("d'Albuquerque", "l'Ouverture", "O'Neill" is capitalised anyway)."""
    return bool(word) and (word[0].isupper() or (len(word) > 2 and word[1] in "'’" and word[2].isupper()))


def acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """An acronym in parentheses right after a name stands for it, there and wherever it
    recurs: "Tổ chức Thương mại Thế giới (WTO)" makes every "WTO" an ORG with the long
    name as its canonical."""
    defined, added = _acronym_definitions(text, mentions)
    if not defined:
        return mentions
    added += _acronym_recurrences(text, defined, mentions + added)
    return _with_acronym_meanings(text, mentions, added, defined)


def _acronym_definitions(text: str, mentions: list[Mention]) -> tuple[dict[str, tuple[str, str]], list[Mention]]:
    """The case of the definition, "Tổ chức Thương mại Thế giới (WTO)": each acronym
    (first definition wins) with the label and canonical name of the mention before it,
    and a mention for each acronym in parentheses that no mention covers yet. A person's
    name defines no acronym."""
    defined: dict[str, tuple[str, str]] = {}
    added: list[Mention] = []
    for m in mentions:
        if m.label == "PER":
            continue
        inside = _parenthesised_acronym(text, m.end)
        if inside is None:
            continue
        start, end = inside
        canonical = m.canonical or " ".join(text[m.start:m.end].split())
        defined.setdefault(text[start:end], (m.label, canonical))
        if not any(overlap(o.start, o.end, start, end) for o in mentions):
            added.append(Mention(start, end, m.label, "pattern", canonical, evidence=("acronym",)))
    return defined, added


def _parenthesised_acronym(text: str, at: int) -> tuple[int, int] | None:
    """(start, end) of an acronym in parentheses at `at` or one space after it ("(WTO)",
    " (IL-28)"): at least _MIN_ACRONYM_CHARS capitals, digits or _ACRONYM_MARKS, the
    first a capital; None when there is none."""
    j = at + 1 if text.startswith(" (", at) else at
    if not text.startswith("(", j):
        return None
    k = j + 1
    while k < len(text) and (text[k].isupper() or text[k].isdigit() or text[k] in _ACRONYM_MARKS):
        k += 1
    if k >= len(text) or text[k] != ")" or k - j - 1 < _MIN_ACRONYM_CHARS or not text[j + 1].isupper():
        return None
    return j + 1, k


def _acronym_recurrences(text: str, defined: dict[str, tuple[str, str]], taken: list[Mention]) -> list[Mention]:
    """The case of an acronym used again ("... WTO ..."): a mention for each whole-word
    occurrence of a defined acronym that overlaps no mention yet (those in `taken`, then
    those found here)."""
    found: list[Mention] = []
    for acronym, (label, canonical) in defined.items():
        for at, end in _whole_word_occurrences(text, acronym):
            if not any(overlap(o.start, o.end, at, end) for o in taken + found):
                found.append(Mention(at, end, label, "pattern", canonical, evidence=("acronym",)))
    return found


def short_names(text: str, mentions: list[Mention], legal_form, org_word=lambda word: False,
                company=lambda name: False) -> list[Mention]:
    """An organisation's name ending in its legal form (`legal_form(word)`: "Acer Inc.",
    with the form's dot, or after a comma: "Akamai Technologies, Inc.") stands for the
    organisation wherever the name recurs without the form ("Acer"), or without the form
    and an organisation's word before it (`org_word`: "Akamai"): a weak mention of it, or a
    new one where no mention is, becomes an ORG with the long name as its canonical
    (`org:short`). So does a company's brand, the capitalised words that end a name a
    company's head opens (`company(name)`: "Công ty cổ phần Tập đoàn Sao Phương Nam", then
    "Sao Phương Nam") where it recurs."""
    longs: dict[str, str] = {}
    out = [_with_form(text, m, legal_form, org_word, longs) for m in _with_comma_forms(text, mentions, legal_form)]
    _add_brands(text, out, company, longs)
    if not longs:
        return out
    out = [noted(m, "org:short", label="ORG", canonical=longs[text[m.start:m.end]])
           if m.source in ("crf", "caps") and text[m.start:m.end] in longs else m for m in out]
    found = [Mention(at, end, "ORG", "pattern", canonical, evidence=("org:short",))
             for short, canonical in longs.items() for at, end in _whole_word_occurrences(text, short)
             if not any(overlap(o.start, o.end, at, end) for o in out)]
    return sorted(out + found, key=lambda m: m.start)


def _add_brands(text: str, mentions: list[Mention], company, longs: dict[str, str]) -> None:
    """Add to `longs` (short -> long name) the brands of the companies among the mentions."""
    for m in mentions:
        name = text[m.start:m.end]
        if m.label == "ORG" and company(name):
            for brand in _brands(name):
                longs.setdefault(brand, m.canonical or name)


def _brands(name: str) -> list[str]:
    """The short forms a company's name may recur as: its run of capitalised words at the
    end, and each shorter end of it of three words or more ("Tập đoàn Logistics Sao Phương
    Nam": "Logistics Sao Phương Nam", "Sao Phương Nam")."""
    words = name.split()
    k = len(words)
    while k > 0 and is_cap(words[k - 1]):
        k -= 1
    tail = words[k:]
    if len(tail) < 2 or k == 0:
        return []
    return [" ".join(tail[i:]) for i in range(len(tail)) if i == 0 or len(tail) - i >= 3]


def repeated_names(text: str, mentions: list[Mention], common=lambda word: True) -> list[Mention]:
    """A person named in full ("Frank Gehry", "Fritz Haber") is meant wherever the last word
    of the name recurs alone, capitalised and outside any other name or hyphenated word
    ("Gehry", "Haber"; not "Haber-Bosch"): a
    PER mention with the full name as its canonical (`per:repeated`), where no mention is.
    So is a person named by one word that is no common word (`common(word)` false: "Ashe",
    "Vardy"; not "Tòa" of a misread "Tòa án"), wherever that word recurs alone."""
    lasts: dict[str, str] = {}
    for m in mentions:
        words = text[m.start:m.end].split()
        if m.label == "PER" and _repeatable(words, common):
            lasts.setdefault(words[-1], m.canonical or text[m.start:m.end])
    found = []
    taken = SpanIndex((m.start, m.end) for m in mentions)
    for word, canonical in lasts.items():
        for at, end in _whole_word_occurrences(text, word):
            if not taken.hits(at, end) and "-" not in (text[at - 1:at], text[end:end + 1]) and _alone(text, at, end):
                found.append(Mention(at, end, "PER", "pattern", canonical, evidence=("per:repeated",)))
    return sorted(mentions + found, key=lambda m: m.start)


def _repeatable(words: list[str], common) -> bool:
    """Whether a person's name may recur by its last word: a capitalised word of three
    letters or more, of a name in full or a single word that is no common word."""
    return len(words[-1]) > 2 and is_cap(words[-1]) and (len(words) > 1 or not common(words[0]))


def _alone(text: str, at: int, end: int, after: bool = True) -> bool:
    """Whether the word at..end stands outside any other name: no capitalised word right
    before it (but one that ends a sentence or a label), nor, with `after`, right after it."""
    before = text[max(0, at - 40):at].split()[-1:]
    if before and is_cap(before[0]) and not before[0].endswith((".", ",", ":")):
        return False
    following = text[end:end + 40].split()[:1]
    return not (after and following and is_cap(following[0]))


SPEAKER_LABEL_REACH = 40  # characters of a line's start read for a chat speaker's label ("Hà My:")
MIN_SPEAKER_LINES = 3  # label lines that make a text a chat, one of their names said twice


def speakers(text: str, mentions: list[Mention], cues: dict, fold) -> list[Mention]:
    """In a chat (at least MIN_SPEAKER_LINES lines opened by a name and a colon, one name
    opening two of them: "Lan: ...", "Tùng: ...", "Lan: ..."), each speaker's name is a person
    (`cue:speaker`), past a title before it ("Cô Hạnh GVCN:", "Mẹ Bin:") and a role after it,
    and so is the name where it recurs alone outside another name ("thêm Khoa với Ngân nữa").
    A label that is a word of the interface or never a name ("Update:", "Hỏi:") is none, and
    so is one on the first line, the chat's title ("Nhóm Zalo: PHHS lớp 3A2")."""
    starts = [m.start() for m in re.finditer(r"^", text, re.M)][1:]  # the first line is the chat's title
    stop = frozenset(cues["interface_words"]) | {fold(w) for w in cues["not_names"]}
    labels = [span for span in (_speaker(text, start, cues, fold, stop) for start in starts) if span]
    names = [text[a:b] for a, b in labels]
    if len(labels) < MIN_SPEAKER_LINES or len(set(names)) == len(names):
        return mentions
    found = labels + [(at, end) for name in sorted(set(names)) for at, end in _whole_word_occurrences(text, name)
                      if (at, end) not in labels and _alone(text, at, end, after=False)]
    taken = SpanIndex((m.start, m.end) for m in mentions)
    out = [noted(m, "cue:speaker", label="PER") if (m.start, m.end) in found else m for m in mentions]
    out += [Mention(a, b, "PER", "pattern", evidence=("cue:speaker",)) for a, b in found if not taken.hits(a, b)]
    return sorted(out, key=lambda m: m.start)


def _speaker(text: str, start: int, cues: dict, fold, stop: frozenset[str]) -> tuple[int, int] | None:
    """(start, end) of the speaker's name that opens the line at `start` before a colon, or
    None; `stop`: the folded labels that name no one."""
    head = text[start:start + SPEAKER_LABEL_REACH].split("\n", 1)[0]
    colon = head.find(":")
    if colon <= 0 or head[colon + 1:colon + 2].isdigit() or any(ch.isdigit() for ch in head[:colon]):
        return None
    words = _label_words(head[:colon], cues, fold)
    key = fold(" ".join(w for _, w in words))
    if not 1 <= len(words) <= 3 or not all(is_cap(w) for _, w in words) or key in stop:
        return None
    return start + words[0][0], start + words[-1][0] + len(words[-1][1])


def _label_words(label: str, cues: dict, fold) -> list[tuple[int, str]]:
    """(offset, word) of the words of a speaker's label that name the speaker: without what
    stands in parentheses, a role after the name ("GVCN", "HT") and a title before it ("Cô")."""
    label = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), label)
    words = [(m.start(), m.group()) for m in re.finditer(r"[^\W\d_]+", label)]
    while words and words[-1][1].isupper() and len(words[-1][1]) > 1:
        words.pop()
    if len(words) > 1 and fold(words[0][1]) in cues["person_cues"]:
        words.pop(0)
    return words


def _with_form(text: str, m: Mention, legal_form, org_word, longs: dict[str, str]) -> Mention:
    """The mention, with the dot of its legal form when it ends in one ("Acer Inc."); its
    short names added to `longs` (short -> the long name)."""
    words = text[m.start:m.end].replace(",", "").split()
    if m.label != "ORG" or len(words) < 2 or not legal_form(words[-1]):
        return m
    if text[m.end:m.end + 1] == "." and legal_form(words[-1] + "."):
        m = replace(m, end=m.end + 1)
    longs.setdefault(" ".join(words[:-1]), m.canonical or text[m.start:m.end])
    if len(words) > 2 and org_word(words[-2]):  # "Akamai Technologies, Inc.": "Akamai" too
        longs.setdefault(" ".join(words[:-2]), m.canonical or text[m.start:m.end])
    return m


def _with_comma_forms(text: str, mentions: list[Mention], legal_form) -> list[Mention]:
    """The mentions, an organisation's name followed by ", " and its legal form taking the
    form in ("Akamai Technologies, Inc."), a mention of the form alone dropped."""
    out: list[Mention] = []
    skip = set()
    for k, m in enumerate(mentions):
        if k in skip:
            continue
        form = re.match(r", ?(\S+?)(\.?)(?=\W|$)", text[m.end:m.end + 16])
        if m.label == "ORG" and form and legal_form(form.group(1)):
            end = m.end + form.end(1) + (1 if form.group(2) and legal_form(form.group(1) + ".") else 0)
            skip.update(j for j in range(k + 1, len(mentions)) if mentions[j].start < end)
            m = replace(m, end=end)
        out.append(m)
    return out


def _whole_word_occurrences(text: str, word: str):
    """(start, end) of each occurrence of `word` in `text` that no letter or digit touches,
    searched from the end of the occurrence before."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield at, end
        at = text.find(word, end)


def _with_acronym_meanings(text: str, mentions: list[Mention], added: list[Mention],
                           defined: dict[str, tuple[str, str]]) -> list[Mention]:
    """All mentions in text order, the added ones and every weak or head mention of a
    defined acronym taking the acronym's label and canonical name (a gazetteer or pattern
    mention keeps its own)."""
    out = []
    for m in mentions + added:
        if text[m.start:m.end] in defined and m.source not in ("gazetteer", "pattern") or m in added:
            label, canonical = defined[text[m.start:m.end]]
            m = noted(m, "acronym", label=label, canonical=canonical)
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def capital_after(text: str, end: int) -> bool:
    """Whether the word after `end` (across spaces) starts with a capital: "nhà Trần Hưng
    Đạo" is a man's house, not the dynasty."""
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    return i > end and i < len(text) and text[i].isupper()


def start_of_word_before(text: str, start: int) -> int:
    """Where the word before `start` (across spaces) begins."""
    i = start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


def word_before(folded: str, start: int) -> str:
    """The word (folded) just before `start`, across one run of spaces."""
    begin, end = word_span_before(folded, start)
    return folded[begin:end]


def word_span_before(text: str, start: int) -> tuple[int, int]:
    """(begin, end) of the letters just before `start`, across one run of spaces (begin ==
    end when there are none)."""
    end = start
    while end > 0 and text[end - 1] == " ":
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return begin, end


def overlaps(m: Mention, spans) -> bool:
    return overlaps_span(m.start, m.end, spans)


def overlaps_span(s: int, e: int, spans) -> bool:
    """Whether [s, e) overlaps a span of `spans` (a pipeline.spans.SpanIndex)."""
    return spans.hits(s, e)


def line_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n\r.!?\"“"
