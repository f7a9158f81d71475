"""The narrative a document's dates build as they are read: the dates met so far, newest
last, and which of them may anchor a relative or yearless one (anchoring.py resolves those
against it)."""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from .values import range_of

NEWS_YEARS = 5  # a story year this close to the document date's is a news story's background
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[^/]*)?$")


class Narrative:
    """The dates met so far in a document, newest last."""

    def __init__(self, dct: str | None, use_narrative: bool, sentence_starts: list[int] | None = None,
                 text: str = ""):
        self.dct = dct
        self.use_narrative = use_narrative
        self.starts = sorted({0, *(sentence_starts or [])})
        # the sentences that open a paragraph: the first, and each after a line break
        self.openers = {i for i, start in enumerate(self.starts) if _opens_paragraph(text, start)}
        self.text = text
        self.framing: set[str] = set()  # ids of dates that open their sentence ("Năm 1962, ...")
        # (timex id, absolute value, deictic: resolved against the document date)
        self.history: list[tuple[str, str, bool]] = []
        self.sentence_of_id: dict[str, int] = {}
        self.planned: set[str] = set()  # ids of dates told with a word of the future
        self.looked_back: set[str] = set()  # values of steps back counted from the story ("ba ngày trước đó")

    def add(self, timex_id: str, value: str | None, deictic: bool = False, start: int = 0,
            planned: bool = False, looked_back: bool = False) -> None:
        """Record a date met (`planned`: told with a word of the future before it, "sẽ ...
        vào thứ Bảy"; `looked_back`: a step back counted from the story, "ba ngày trước đó")."""
        if value and value[:4].isdigit() and "X" not in value:
            self.history.append((timex_id, value, deictic))
            sentence = self._sentence(start)
            self.sentence_of_id[timex_id] = sentence
            if _frames(self.text[self.starts[sentence]:start]):
                self.framing.add(timex_id)
            if planned:
                self.planned.add(timex_id)
            if looked_back:
                self.looked_back.add(value)

    def _sentence(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def _far_from_dct(self) -> bool:
        """Whether the story is set far from the document date (history read with a --dct):
        then "năm sau" and "tuần trước" follow the story, not the document date."""
        if not self.dct or not self.history or near_dct(self.history[0][1], self.dct):
            return False  # news: its first date is near the document date ("Chiều 3/12"); a year long ago is an aside
        story = next((v for _, v, deictic in reversed(self.history) if not deictic), None)
        return bool(story and not near_dct(story, self.dct))

    def dwells_far(self, timex_id: str) -> bool:
        """Whether a story date far from the document date is where the story is told, not
        an aside of it: it opens its sentence and the text's first date was far too ("Năm
        1962, khủng hoảng bắt đầu. Ngày 22/10, ..."), or another far date of the story came
        before it. A far year told inside a clause of a post or a report ("Nhà mình xây từ
        năm 1998, mái dột. Hồi đầu tháng 2 ..."), or opening a sentence of a report whose
        first date was near the document's ("Chiều hôm qua, ... Năm 2021, một đợt sốt đất
        ... Theo kế hoạch, ngày 20/11, ..."), is background: the yearless dates after it are
        the document's."""
        far = [t for t, v, deictic in self.history if not deictic and not near_dct(v, self.dct)]
        if timex_id in self.framing and far and far[0] == self.history[0][0]:
            return True
        return bool(far) and far[0] != timex_id

    def week_in_story(self) -> tuple[str, str] | None:
        """(timex id, its Monday) when the newest date met is a week ("Cuối tuần vừa rồi":
        2026-W46-WE): the week the story now stands in; else None."""
        if not self.history:
            return None
        timex_id, value, _ = self.history[-1]
        m = _WEEK.match(value)
        if not m:
            return None
        return timex_id, date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()

    def deictic(self, timex_id: str) -> bool:
        """Whether a date of the history was resolved against the document date."""
        return any(d for t, _, d in self.history if t == timex_id)

    def value_of(self, timex_id: str) -> str | None:
        return next((v for t, v, _ in self.history if t == timex_id), None)

    def same_sentence(self, timex_id: str, offset: int) -> bool:
        return self.sentence_of_id.get(timex_id) == self._sentence(offset)

    def find(self, ok, prefer_dct: bool = False, dct_only: bool = False,
             skip_deictic: bool = False, speaker: bool = False) -> tuple[str, str] | None:
        """The newest date precise enough (`ok`), or the document date. A precise date
        further back is not taken past a newer, coarser one that does not contain it
        ("Năm 2013 ... hôm đó" is not a day of 2011): then only the document date is.
        Dates resolved against the document date ("năm ngoái", "cách đây 3 năm") are
        asides of the news, not the story: they never block, and `skip_deictic` passes
        over them (the year of "ngày 24/11" is not the year of "cách đây 3 năm"). A `speaker`'s
        word ("năm ngoái") takes the document date whenever there is one, even in a story
        set far from it (a family story told in a post)."""
        if (dct_only or speaker or (prefer_dct and not self._far_from_dct())) and self.dct:
            return ("DCT", self.dct)
        if dct_only:
            return None
        found = self._newest_in_story(ok, skip_deictic) if self.use_narrative else None
        if found is not None:
            return found
        if self.dct and ok(self.dct):
            return ("DCT", self.dct)
        return None

    def newest(self, ok) -> tuple[str, str] | None:
        """The newest date of the story (not resolved against the document date) that `ok`
        accepts, past finer ones told after it ("Năm 1999 ... Ngày 3 tháng 5 ... khoảng thời
        gian đó": 1999); None when there is none."""
        if not self.use_narrative:
            return None
        return next(((t, v) for t, v, deictic in reversed(self.history) if not deictic and ok(v)), None)

    def background(self, value: str) -> bool:
        """In news, whether a day is a step back just told: the newest day of the story
        on or before the document date, earlier than the one told before it ("Sáng 12/5 ...
        6h ngày 8/5 ... Cùng ngày", "sáng nay (21/1) ... 22h hôm qua ... trưa cùng ngày"), an
        aside, not the story's day that "cùng ngày" names. A step back told in a paragraph's
        first sentence is no aside: the report retells the story from that day ("Theo cơ
        quan điều tra, rạng sáng thứ Bảy tuần trước, tổ công tác chặn một xe tải. ... Cùng
        ngày, công an khám xét"). Plans after the document date do not count."""
        day = _day(value)
        if not self.dct or day is None:
            return False
        days = [(d, t) for d, t in ((_day(v), t) for t, v, _ in self.history) if d is not None and d <= self.dct[:10]]
        return (len(days) >= 2 and days[-1][0] == day and days[-2][0] > day
                and self.sentence_of_id.get(days[-1][1]) not in self.openers)

    def ahead(self, value: str) -> bool:
        """Whether a date lies wholly after the document date (none: never)."""
        return bool(self.dct) and _earlier(self.dct, value)

    def told_ahead(self, offset: int, sentences: int) -> bool:
        """Whether the last date met, in the sentence of `offset` or the `sentences` before
        it, lies wholly after the document date, and not as a plan told with a word of the
        future: the text is speaking of days to come ("cuối tuần này đi đâu chơi không? ...
        Chủ nhật được hông? ... chiều thứ 7 hợp lý nhất"), not telling a plan aside in a
        past story ("sẽ dẫn dắt đội vào thứ Bảy. Ở trận đấu tối thứ Sáu, ...")."""
        if not self.history:
            return False
        tid, value, _ = self.history[-1]
        # two days to come in a row are no plan told aside, even told with a word of the future
        # ("ngày mai, trời vẫn hanh khô ... dự báo viên ... 21 giờ ngày 15/12. Sáng thứ Năm, ...")
        running = len(self.history) > 1 and self.ahead(self.history[-2][1])
        return ((tid not in self.planned or running) and self._sentence(offset) - self.sentence_of_id[tid] <= sentences
                and self.ahead(value))

    def _newest_in_story(self, ok, skip_deictic: bool) -> tuple[str, str] | None:
        """The newest date of the history precise enough (`ok`) that no newer, coarser
        story date excludes; None when there is none or it is blocked. A newer date wholly
        before it is a look back ("Sáng qua (26/5) ... khởi công tháng 4/2025 ... Cùng ngày"):
        the story returns to its day, so it does not block; so is, in news, a newer date
        wholly after the document date, a plan told aside ("Chiều 23/5 ... khảo sát trong
        năm 2029 ... sáng cùng ngày"), and such a plan is no anchor once other dates follow it
        ("Sáng 8/10 ... bế mạc ngày 10/10 ... tháng 12 tới ... Chiều cùng ngày": the 8th)."""
        newer: list[str] = []
        for timex_id, value, deictic in reversed(self.history):
            if deictic and skip_deictic:
                continue
            if ok(value):
                if newer and self.ahead(value):
                    continue  # a plan told aside, with newer dates after it: passed over too
                if all(_contains(n, value) or _earlier(n, value) or self.ahead(n) for n in newer):
                    return (timex_id, value)
                return None  # blocked by a newer, coarser date
            if not deictic:
                newer.append(value)
        return None


def _opens_paragraph(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens the text or follows a line break (spaces or tabs
    between)."""
    k = min(start, len(text)) - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return start == 0 or (k >= 0 and text[k] == "\n")


def near_dct(value: str, dct: str) -> bool:
    """Whether a date's year is within NEWS_YEARS of the document date's: a news story's
    own time or its background, not a story set far from it."""
    return abs(int(value[:4]) - int(dct[:4])) <= NEWS_YEARS


def _frames(before: str) -> bool:
    """Whether a date after `before` (its sentence's text up to it) opens the sentence: at
    most one word before it ("Vào năm 1962"), no comma."""
    return len(before.split()) <= 1 and "," not in before


def _day(value: str) -> str | None:
    """The day of a value precise to a day or finer ("2026-03-11TMO"), else None."""
    return value[:10] if _DAY.match(value) else None


def _earlier(a: str, b: str) -> bool:
    """Whether the calendar range of `a` ends before that of `b` begins."""
    ra, rb = range_of(a), range_of(b)
    return bool(ra and rb and ra[1] is not None and rb[0] is not None and ra[1] < rb[0])


def _contains(outer: str, inner: str) -> bool:
    """Whether the calendar range of `outer` holds the first day of `inner`."""
    a, b = range_of(outer) or (None, None), range_of(inner) or (None, None)
    if None in a or b[0] is None:
        return True  # not comparable (BC, decades of unknown century): no objection
    return a[0] <= b[0] <= a[1]
