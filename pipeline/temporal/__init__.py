"""The temporal stage: find every temporal expression with the data-driven grammar
of models/temporal/<lang>/, then resolve its TIMEX3 value against the narrative or
the document creation time.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..text.extensions import ModelsOnDisk, register_extensions, sentences, set_spans
from ..records import Timex
from ..resources import models_path
from ..spans import overlap
from .rules import load_temporal
from .anchoring import Narrative, Resolved, resolve, with_year
from .foreign import foreign_dates
from .grammar import Grammar
from .ranges import RangeWords, join_clock_days, join_ranges, with_stated_days
from .unmarked import folded_resources, is_unmarked
from .values import duration_granularity, granularity_of, range_of, shift

SPANS_KEY = "vi_time"
FOREIGN_RULE = "foreign_dateparser"  # the rule_id of dates in other languages (temporal/foreign.py)
FOREIGN_LANGUAGES = ("en", "fr", "de", "es")  # their dates quoted in the text are read by dateparser
LATER_YEAR_SENTENCES = 5  # a day left without a year takes one named this many sentences on, at most
_SECTION_BREAK = re.compile(r"\n[ \t]*\n")


@Language.factory("vnevents_temporal", assigns=["doc._.timexes", "doc.spans"],
                  default_config={"models_dir": None, "dct": None, "narrative_anchoring": True,
                                  "lang": "vi", "foreign_languages": list(FOREIGN_LANGUAGES)})
def make_temporal(nlp: Language, name: str, models_dir: str | None, dct: str | None,
                  narrative_anchoring: bool, lang: str, foreign_languages: list[str]):
    return TemporalTagger(models_dir=models_dir, dct=dct, narrative_anchoring=narrative_anchoring, lang=lang,
                          foreign_languages=foreign_languages)


class TemporalTagger(ModelsOnDisk):
    def __init__(self, models_dir=None, dct=None, narrative_anchoring=True, lang="vi", foreign_languages=FOREIGN_LANGUAGES):
        register_extensions()
        self.models_dir = models_dir
        self.dct = dct
        self.narrative_anchoring = narrative_anchoring
        self.foreign_languages = tuple(foreign_languages)
        self.grammar = Grammar(load_temporal(models_path(models_dir), lang))
        self._unmarked_cues = frozenset(self.grammar.res.lists.get("unmarked", ()))
        lists = self.grammar.res.lists
        # the word lists read around a date, each one pattern, built once
        self._main_day, self._future, self._past = (_phrases_pattern(tuple(lists.get(name, ())))
                                                    for name in ("main_day", "future", "past"))
        self._request = _phrases_pattern(tuple(lists.get("request", ())))
        self._compared = _phrases_pattern(tuple(lists.get("compared", ())))
        # the words a weekday to come follows: a period's opening ("từ"), a range's joining
        # word ("đến", "đến hết": its second date comes after the first)
        joiners = [j for j in lists.get("range_joiner", ()) if j[:1].isalpha()]
        self._opening = _phrases_pattern(tuple(list(lists.get("period_start", ())) + joiners + [
            f"{j} {t}" for j in joiners for t in lists.get("range_through", ())]))
        habitual, climate = list(lists.get("habitual", [])), list(lists.get("climate", []))
        self._habitual = {True: _phrases_pattern(tuple(habitual)),  # with a document date: no climate
                          False: _phrases_pattern(tuple(habitual + climate))}
        self._folded = None  # the grammar without marks, built for the first unmarked text
        self._range_words = _range_words(self.grammar.res)

    def __call__(self, doc: Doc) -> Doc:
        starts = [s.start_char for s in sentences(doc)][1:]
        doc._.timexes = self.extract(doc.text, starts, doc._.dct or self.dct)
        set_spans(doc, SPANS_KEY, ((t.start, t.end, t.type) for t in doc._.timexes))
        return doc

    def extract(self, text: str, boundaries: list[int], dct: str | None = None) -> list[Timex]:
        """Timexes of a text, in reading order; `boundaries` are sentence starts."""
        chosen = self._grammar_for(text).find(text, boundaries)
        chosen, foreign = _prefer_longer(chosen, foreign_dates(text, self.foreign_languages))
        if not chosen and not foreign:
            return []
        narrative = Narrative(dct, self.narrative_anchoring, boundaries, text)
        habitual = self._habitual_sentences(text, boundaries, dct)
        tense = self._tense(text, boundaries)
        out: list[Timex] = []
        yearless: dict[int, object] = {}  # index in out -> the candidate of a day left without a year
        ordered = sorted(chosen + foreign, key=lambda c: c.start)
        for n, c in enumerate(ordered):
            tid = f"T{len(out) + 1}"
            if hasattr(c, "rule"):
                out.append(self._timex(tid, text, c, narrative, habitual, tense,
                                       record=not (self._clock_before_day(text, c, ordered[n + 1:n + 2])
                                                   or self._compared_with(text, c))))
                if _day_without_year(out[-1].value) and not habitual(c.start):
                    yearless[len(out) - 1] = c
            else:  # a date in another language, read by dateparser
                out.append(Timex(id=tid, text=text[c.start:c.end], start=c.start, end=c.end, type="DATE",
                                 value=c.value, granularity=granularity_of(c.value), range=range_of(c.value),
                                 rule_id=FOREIGN_RULE))
                narrative.add(tid, c.value, deictic=False, start=c.start)
        out = join_clock_days(_years_named_later(out, yearless, text, boundaries), text, self._range_words)
        out = with_stated_days(out, text)
        return join_ranges(out, text, dct, self._range_words)

    def _grammar_for(self, text: str) -> Grammar:
        """The grammar, or for a text typed without marks ("tuan truoc"), its folded form."""
        if not self._unmarked_cues or not is_unmarked(text, self._unmarked_cues):
            return self.grammar
        if self._folded is None:
            self._folded = Grammar(folded_resources(self.grammar.res))
        return self._folded

    def _clock_before_day(self, text: str, c, following: list) -> bool:
        """Whether a clock time stands right before the next candidate (a space or a comma
        between), which join_clock_days may make that day's time ("20 giờ thứ Bảy tuần này"):
        its day is not yet known, so it does not enter the narrative (the day after it does)."""
        return (bool(following) and c.rule.id in self._range_words.clock_rules
                and not text[c.end:following[0].start].strip(" ,") and "\n" not in text[c.end:following[0].start])

    def _compared_with(self, text: str, c) -> bool:
        """Whether a date is the base of a comparison, a word of `compared` right before it
        ("giảm 38% so với năm 2002"): an aside, which does not enter the narrative."""
        return _ends_with_phrase(text[max(0, c.start - COMPARED_REACH):c.start], self._compared)

    def _timex(self, tid: str, text: str, c, narrative: Narrative, habitual, tense, record: bool = True) -> Timex:
        """The Timex of one grammar candidate, resolved against the narrative (which it
        then anchors, when it is a calendar date of the story and `record`)."""
        r = self._resolved(text, c, narrative, habitual, tense)
        value, gran, rng = _value_of(c, r.value)
        if record and c.rule.type in ("DATE", "TIME") and rng and c.rule.narrative:
            narrative.add(tid, value, deictic=r.anchor == "DCT" and c.relative is not None, start=c.start,
                          planned=narrative.ahead(value) and tense(c.start) == "future",
                          looked_back=_looks_back(c, r))
        kind = "TIME" if c.rule.type == "DATE" and gran == "time" else c.rule.type  # "Hai giờ sau" 10:00
        return Timex(id=tid, text=text[c.start:c.end], start=c.start, end=c.end, type=kind,
                     value=value, granularity=gran, range=rng, anchor=r.anchor if value else None,
                     mod=c.mod or None, rule_id=c.rule.id)

    def _resolved(self, text: str, c, narrative: Narrative, habitual, tense) -> Resolved:
        """A candidate's value against the narrative: none to take for a yearless date that
        recurs ("hàng năm ... cuối tháng 9"); "cùng ngày" (`main_day`) on the story's own day;
        a weekday told as to come counted forward, one of the document's week still to come
        in a story told as past ("Đầu tháng 7 vừa rồi ... sáng thứ Năm") the week before, one
        in a text speaking of days to come (Narrative.told_ahead) not moved back."""
        if c.relative and _holds_phrase(text[c.start:c.end], self._main_day):
            c.relative = {**c.relative, "story_day": True}
        if c.value and "XXXX" in c.value and not c.relative and habitual(c.start):
            return Resolved(c.value, None)
        told = _told(c, tense)
        coming = _coming(c, told, narrative)
        if coming and told == "request":  # asked for now: counted from the document date, not the story
            c.relative = {**c.relative, "anchor": "speaker"}
        r = resolve(c, narrative, ahead=told in ("future", "opening"), coming=coming)
        return _week_before(r) if told == "past" and _bare_weekday(c) and narrative.ahead(r.value or "") else r

    def _tense(self, text: str, boundaries: list[int]):
        """A test of how the text around an offset tells its time: "future" when a word of
        the list `future` comes before it in its sentence ("sẽ gửi gạo vào sáng thứ Bảy") or
        within FUTURE_AFTER_REACH characters after it in its clause ("thì thứ Tư bố sẽ được
        xuất viện"), "request" when a particle of `request` follows it so ("nhắn cho mình
        trước thứ Sáu nhé": a day to come counted from the document date), "past" when one of
        `past` does there or in the TENSE_SENTENCES sentences before
        ("Đầu tháng 7 vừa rồi mình ... Bay chuyến sáng thứ Năm"), else "opening" right after
        a word of `period_start` ("Từ Chủ nhật, các đoàn biểu diễn", "mở cửa từ thứ Năm": a
        period opening on a day to come) or a range's joining word ("từ chiều thứ Tư đến hết
        thứ Sáu": the end comes after the start), counted forward as "future" is but no plan
        told aside (Narrative.planned: "20/6 tớ trực viện đến 5h chiều" still speaks of the
        days to come), else None. With `whole`, "future" when such a word stands before it in
        its sentence or within PLAN_REACH characters after its start ("Cùng ngày, khu ẩm thực
        sẽ tặng ...": the day is the plan's; not "Cùng ngày, Bộ Giáo dục và Đào tạo cho biết kỳ
        thi ... sẽ diễn ra": what is reported is to come, the telling is not)."""
        future, past, opening, request = self._future, self._past, self._opening, self._request
        starts = sorted({0, *(b for b in boundaries if 0 < b < len(text))})

        def test(offset: int, whole: bool = False) -> str | None:
            i = bisect_right(starts, offset) - 1
            if whole:  # a word of the future in the clause it opens, not in what one reports there
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                return "future" if _holds_phrase(text[starts[i]:min(end, offset + PLAN_REACH)], future) else None
            if _holds_phrase(text[starts[i]:offset], future):
                return "future"
            after = _told_after(text[offset:offset + FUTURE_AFTER_REACH], future, request)
            if after:
                return after
            if _holds_phrase(text[starts[max(0, i - TENSE_SENTENCES)]:offset], past):
                return "past"
            return "opening" if _ends_with_phrase(text[max(starts[i], offset - PERIOD_START_REACH):offset], opening) else None
        return test

    def _habitual_sentences(self, text: str, boundaries: list[int], dct: str | None):
        """A test of whether the sentence around an offset speaks of what recurs ("hàng
        năm") or, in a text without a document date, of the climate ("lượng mưa"): there
        a month or a day without a year is not a day of the narrative's year. (With a
        document date, "lượng mưa ... đến hết ngày 23/11" is a forecast.) The cue counts
        before the date or within HABIT_REACH characters of its start ("vào ngày 10/3 âm
        lịch hằng năm"), not further on, where it is a rate ("ngày 2/3 công ty ra thông báo
        giảm phụ cấp ... còn 200.000 đồng mỗi tháng")."""
        cues = self._habitual[bool(dct)]
        starts = sorted({0, *(b for b in boundaries if 0 < b < len(text))})

        def test(offset: int) -> bool:
            i = bisect_right(starts, offset) - 1
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            return _holds_phrase(text[starts[i]:min(end, offset + HABIT_REACH)], cues)
        return test


TENSE_SENTENCES = 2  # sentences before a weekday in which a word of the past tells its story as past
AHEAD_SENTENCES = 3  # sentences before a bare weekday in which a day to come tells it as to come
PERIOD_START_REACH = 15  # characters before a weekday read for a word that opens a period ("bắt đầu từ ")
FUTURE_AFTER_REACH = 24  # characters from a weekday's start read for a word of the future after it ("thứ Tư bố sẽ")
COMPARED_REACH = 24  # characters before a date read for a word of comparison ("so với cùng kỳ ")
PLAN_REACH = 40  # characters from a "cùng ngày" read for a word of the future that makes it a plan's day
WEEK_DAYS = 7
HABIT_REACH = 40  # how far after a date's start a cue of recurrence still governs it


def _looks_back(c, r: Resolved) -> bool:
    """Whether a candidate is a step back counted from a date of the story ("ba ngày trước
    đó"): an aside of the story, not a day it goes on from (Narrative.looked_back)."""
    shift_s = str((c.relative or {}).get("shift", ""))
    return shift_s.startswith("-") and r.anchor not in (None, "DCT")


def _coming(c, told: str | None, narrative: Narrative) -> bool:
    """Whether a bare weekday is a day to come, not before the document date: told as to
    come ("sẽ gửi hàng vào thứ Hai" on a Saturday: the Monday after), asked for ("nhắn cho
    mình trước thứ Sáu nhé"), or in a text speaking of days to come ("cuối tuần này đi đâu
    chơi không? ... chiều thứ 7")."""
    if c.value != "WEEKDAY" or not _bare_weekday(c):
        return False
    return told in ("future", "request") or told is None and narrative.told_ahead(c.start, AHEAD_SENTENCES)


def _told_after(ahead: str, future, request) -> str | None:
    """How the words right after a weekday, up to the end of its clause, tell it: "future"
    (a word of the future: "thứ Tư bố sẽ"), "request" (a particle of a request: "thứ Sáu
    nhé"), else None."""
    clause = re.split(r"[,.;:!?\n]", ahead, maxsplit=1)[0]
    if _holds_phrase(clause, future):
        return "future"
    return "request" if _holds_phrase(clause, request) else None


def _told(c, tense) -> str | None:
    """How the text tells a weekday (TemporalTagger._tense), or a "cùng ngày" ("Cùng ngày,
    ... sẽ tặng ...": the planned day told before); None for other candidates."""
    if (c.relative or {}).get("story_day"):
        return tense(c.start, whole=True)
    return tense(c.start) if c.value == "WEEKDAY" else None


def _bare_weekday(c) -> bool:
    """Whether a candidate is a weekday named alone ("sáng thứ Năm"), counted from the
    document's week, not one of a named week ("thứ Hai tuần sau", "T7 này")."""
    rel = c.relative or {}
    return rel.get("unit") == "D" and str(rel.get("shift")) == "0" and not rel.get("anchor")


def _week_before(r: Resolved) -> Resolved:
    """A weekday of the document's week moved to the week before, its time of day kept."""
    if r.anchor != "DCT" or not r.value:
        return r
    day = shift(r.value[:10], "D", -WEEK_DAYS)
    return Resolved(day + r.value[10:], r.anchor) if day else r


def _ends_with_phrase(piece: str, phrases: re.Pattern | None) -> bool:
    """Whether a piece of text ends with one of the phrases of a word list, spaces after it."""
    piece = piece.lower().rstrip()
    return phrases is not None and any(m.end() == len(piece) for m in phrases.finditer(piece))


def _holds_phrase(piece: str, phrases: re.Pattern | None) -> bool:
    """Whether a piece of text holds one of the lower-case phrases of a word list (its
    _phrases_pattern) as whole words."""
    return phrases is not None and phrases.search(piece.lower()) is not None


def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a word list: any of its phrases as whole words (what is no letter or
    digit between two words, as a space), or None for an empty list."""
    if not phrases:
        return None
    alternatives = "|".join(r"[\W_]+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _day_without_year(value: str | None) -> bool:
    """A day left without its year ("XXXX-03-14", with a time of day or not); a month alone
    ("tháng 6") is as often a month of every year."""
    return bool(value) and value.startswith("XXXX-") and value[5:7].isdigit() and value[8:10].isdigit()


def _range_words(res) -> RangeWords:
    """The words that join two dates into one interval (lists `range_joiner`, `range_through`)
    and the rules of clock times that take their day from the context (a relative day, shift
    0, not anchored to the document date by the rule itself, no weekday: "7h", "14 giờ 30";
    not "chiều thứ Tư") and of weekdays counted from it."""
    clock_rules = frozenset(r.id for r in res.rules if r.type == "TIME" and r.relative
                            and r.relative.get("unit") == "D" and str(r.relative.get("shift")) == "0"
                            and not r.relative.get("anchor") and "weekday" not in r.groups)
    weekday_rules = frozenset(r.id for r in res.rules if r.relative and "weekday" in r.groups)
    named_weeks = frozenset(r.id for r in res.rules if r.relative and "weekday" in r.groups and "wref" in r.groups)
    return RangeWords(frozenset(res.lists.get("range_joiner", ())), frozenset(res.lists.get("range_through", ())),
                      clock_rules, weekday_rules, named_weeks, frozenset(res.lists.get("weekday_pair", ())))


def _years_named_later(timexes: list[Timex], yearless: dict, text: str, boundaries: list[int]) -> list[Timex]:
    """A day left without a year ("5 giờ sáng ngày 14 tháng 3, ..." at the head of a
    section, no year before it there) takes the year of the first date precise to the year
    or finer that follows it in the same section, within LATER_YEAR_SENTENCES sentences
    ("... Trận Điện Biên Phủ năm 1954 ..."), with `anchor` naming that date."""
    starts = sorted({0, *boundaries})
    breaks = [m.end() for m in _SECTION_BREAK.finditer(text)]

    def place(offset: int) -> tuple[int, int]:  # (section, sentence)
        return bisect_right(breaks, offset), bisect_right(starts, offset)

    def year_of(t: Timex) -> bool:
        return bool(t.value and t.value[:4].isdigit() and t.granularity not in ("decade", "century"))
    out = list(timexes)
    for i, c in yearless.items():
        t = out[i]
        section, sentence = place(t.start)
        if any(year_of(u) and place(u.start)[0] == section for u in out[:i]):
            continue
        later = next((u for u in out[i + 1:] if year_of(u)), None)
        if later is None or place(later.start)[0] != section or place(later.start)[1] - sentence > LATER_YEAR_SENTENCES:
            continue
        value, gran, rng = _value_of(c, with_year(c, int(later.value[:4])))
        if rng:
            out[i] = replace(t, value=value, granularity=gran, range=rng, anchor=later.id)
    return out


def _value_of(c, value: str | None) -> tuple:
    """(value, granularity, range) of a candidate resolved to `value`."""
    if c.rule.type in ("DURATION", "SET"):
        return value, duration_granularity(value), None
    if value is None and c.rule.type in ("DATE", "TIME") and c.value and not c.rule.calendar:
        # keep the partial value (XXXX-10-14) when nothing anchors it; a lunar one
        # ("XXXX-01-01" for Tết) would read as a Gregorian day, so it stays empty
        return c.value, granularity_of(c.value.replace("XXXX", "0000")), None
    return value, granularity_of(value), range_of(value)


def _prefer_longer(chosen: list, foreign: list) -> tuple[list, list]:
    """Grammar candidates and foreign dates without overlaps: a foreign date is kept when it
    is longer than every candidate it overlaps ("Ngày 9. November 1989": not "Ngày 9"), and
    those candidates go; otherwise the grammar's reading stands."""
    kept_foreign, dropped = [], set()
    for f in foreign:
        hits = [k for k, c in enumerate(chosen) if overlap(c.start, c.end, f.start, f.end)]
        if all(f.end - f.start > chosen[k].end - chosen[k].start for k in hits):
            kept_foreign.append(f)
            dropped.update(hits)
    return [c for k, c in enumerate(chosen) if k not in dropped], kept_foreign
