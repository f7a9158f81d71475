"""The date of each event (tests/data/events/GUIDELINE.md, section 6).

Within a sentence, each date belongs to one event: a date that opens its clause ("Năm
1947, ...", "Tháng 8 năm 1947 Khu 15 được thành lập") to the first event after it; any
other to the nearest event before it ("sinh tại Luân Đôn năm 1887", "rút khỏi Liên bang
ngày 11 tháng 1 năm 1861"), or to the event after it in its own comma segment when the
one before stands in an earlier segment or has a date already ("..., và hiến pháp năm 1961
thành lập"), or, with none before it in its clause, the first after it; a date after a
word of `timing.conjunctions` with a comma after it opens the next clause ("... nhưng vào năm
1934, quốc hội bị giải tán"). A date after "sau"
is a bound and dates nothing (`timing.bound`). A date in parentheses belongs only to the
words in the same parentheses, but one that glosses the date before it ("(tức ngày 8
tháng 2 năm 1762)") is that date (`glossed`). An event with no
date of its own shares the date of the event before it in the sentence (coordinated and
serial verbs: "Năm 1901 gia đình về Huế, ông học tại trường Quốc Học"; a later segment that
a word of `timing.when` opens: "bị vỡ lúc 22 giờ tối qua, khi máy xúc đào trúng ống"), unless a
connective moves the story away ("sau đó", "rồi", "trước đó": `timing.shift` in
models/events/triggers.yaml), it is negated or only planned, or the event before it is a
telling ("cho biết đã bắt giữ ...": the arrest is not dated by the report). A date at
the head of the sentence ("Năm 1867, ...; ...", or the first date of a phrase a framing
word opens: "Trong hạn hán năm 2002, ...", "Năm ông 9 tuổi (1771), ..."; `timing.frame`)
also frames the events of its later clauses that have no date of their own, unless a connective moves the story away, the event is
negated or only planned, or it comes after a telling in the sentence (what is warned of,
announced or reported need not happen that day). An event with no date in its sentence takes the narrative's
date only when the sentence before it, in the same paragraph, gave a date to the day or
finer, and never when it is negated or only planned, wished or possible.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..records import EventTime
from ..resources import EventResources
from .listed import join_listed

CARRY_SENTENCES = 1
OPENER_REACH = 2  # "Sau đó, ..." takes a fine date from this many sentences back
FINE = frozenset({"day", "part_of_day", "time"})
UNCERTAIN = frozenset({"desired", "possible", "conditional", "planned", "proposed"})
# what is told after a reporting verb ("cho biết đã bắt giữ ...") is not dated by the telling
REPORTING = frozenset({"Contact.Statement", "Contact.Phone-Write"})
CLAUSE_BREAKS = frozenset({";", ":"})
BOUNDING_REACH = 4  # words between a bounding word ("sau khi") and the event it bounds
TENSE_REACH = 2  # words between a tense word after a date and the verb the date belongs to
HEAD_REACH = 2  # words that may come before a date that frames its sentence ("Vào", "Đến cuối")
SEGMENT_BREAKS = frozenset({",", ";", ":"})


@dataclass
class _Sentence:
    """What dating reads of one sentence (see Dating._read)."""
    toks: list
    triggers: list
    flags: list  # (modality, negated) of each trigger
    depth: list[int]  # per token: parenthesis depth
    segment: list[int]  # per token: comma-separated segment
    clause: list[int]  # per token: clause between semicolons or colons
    shifts: list[int]  # tokens where a connective starts
    spots: list  # (timex, first token, last token) of its dates
    opener: bool  # a continuing connective opens it ("Sau đó, ...")
    keys: list[str]  # per token: its folded text
    frame: tuple | None = None  # the date at its head, as a spot


def _alone_in_parentheses(first: int, last: int, depth, toks) -> bool:
    """Whether the tokens first..last are all that stands in their parentheses ("(1932)")."""
    return bool(depth[first] and 0 < first and last + 1 < len(toks) and toks[first - 1].text in ("(", "[")
                and toks[last + 1].text in (")", "]"))


def _around(triggers: list, tx, first: int, last: int, level: int, depth, clause) -> tuple[list[int], list[int]]:
    """The triggers (indices) before and after date tx (tokens first..last) in its clause, at
    parenthesis depth `level`. Before and after are read on the characters too: a word the
    segmenter glued across the date's edge ("Cách mạng tháng | 5 năm 1810") holds both."""
    same = [k for k, t in enumerate(triggers) if depth[t.i] == level and clause[t.i] == clause[first]]
    return ([k for k in same if triggers[k].j < first or triggers[k].end <= tx.start],
            [k for k in same if triggers[k].i > last or triggers[k].start >= tx.end])


def _dated_after(sent: _Sentence, trig) -> bool:
    """Whether a date of the sentence follows the trigger in its own comma segment."""
    return any(first > trig.j and sent.segment[first] == sent.segment[trig.i] for _, first, _ in sent.spots)


def _own_segment_shift(sent: _Sentence, k: int) -> bool:
    """A connective in trigger k's own segment: before it, or after it ("bị thay đổi sau
    đó") unless another trigger follows the connective ("học ... sau đó vào trường ...")."""
    trig = sent.triggers[k]
    n = len(sent.toks)
    nxt = sent.triggers[k + 1].i if k + 1 < len(sent.triggers) else n
    seg, depth = sent.segment, sent.depth
    return any(seg[s] == seg[trig.i] and depth[s] == depth[trig.i]
               and (s < trig.i or s < nxt == n or seg[nxt] != seg[s]) for s in sent.shifts)


_GLOSS_OPEN = re.compile(r"\s*\(\s*(?:[^\W\d_A-ZÀ-Ỹ][\w]*\s+){0,2}$")  # " (", " (tức ", " (tức là "
_GLOSS_CLOSE = re.compile(r"[^()]{0,40}\)")


def glossed(own: list, timexes: list, text: str) -> list:
    """The dates of a sentence with each date that glosses the one before it in parentheses
    ("ngày 15 tháng 1 năm Nhâm Ngọ (tức ngày 8 tháng 2 năm 1762)", "ngày 5 tháng 10 (22
    tháng 9 theo Lịch cũ)") read as that date: one date of the event, not a second one for
    the words inside the parentheses. A gloss a word introduces ("tức", "nhằm": the author's
    own reading of the date) stands in the first one's place, and so does any gloss of a
    date with no calendar value (a lunar year named only by its cycle); else the first
    stands."""
    dated = {id(t) for t in own}
    out = list(own)
    for before, gloss in zip(timexes, timexes[1:]):
        if (id(gloss) not in dated or not _GLOSS_OPEN.fullmatch(text[before.end:gloss.start])
                or not _GLOSS_CLOSE.match(text, gloss.end)):
            continue
        out.remove(gloss)
        worded = any(c.isalpha() for c in text[before.end:gloss.start])
        if id(before) not in dated or worded:
            if id(before) in dated:
                out.remove(before)
            out.append(replace(gloss, start=before.start, end=before.end))
    return sorted(out, key=lambda t: t.start)


def _time(tx, basis: str) -> EventTime:
    return EventTime(tx.id, tx.value, tx.granularity, tx.range, basis)


class Dating:
    """Dates events sentence by sentence; holds the narrative's last fine date."""

    def __init__(self, res: EventResources, fold, carry: bool = True):
        """`res`: the timing cues of models/events/triggers.yaml; `carry`: whether a sentence
        without a date of its own takes the narrative's (config `carry_context_time`)."""
        self.shift_cues, self.fold, self.carry = res.shift_cues, fold, carry
        self.admin_units = res.admin_units
        self.bounding_cues, self.spatial_cues = res.bounding_cues, res.spatial_cues
        self.continue_cues, self.frame_cues = res.continue_cues, res.frame_cues
        self.joins = res.roles.get("coordination", frozenset())
        self.bound_cues, self.tense_cues, self.until_cues = res.bound_cues, res.tense_cues, res.until_cues
        self.voice = res.joined_words
        self.simultaneous = res.simultaneous_cues
        self.during = res.during_cues
        self.when, self.conjunctions, self.only_then = res.when_cues, res.conjunctions, res.only_then
        self.setting = res.setting_cues
        self.last_fine = None  # (sentence index, paragraph, timex)

    def sentence(self, toks, own: list, triggers: list, sentence_index: int, paragraph: int, flags) -> list:
        """The EventTime (or None) of each trigger of one sentence; own are its dates (DATE
        and TIME with a range) in order, flags the (modality, negated) of each trigger."""
        sent = self._read(toks, own, triggers, flags)
        attached = self._attached(sent)
        out: list = []
        for k in range(len(triggers)):
            out.append(self._time_of(sent, k, attached, out[-1] if out else None, bool(own),
                                     sentence_index, paragraph))
        for k in range(len(triggers) - 1, 0, -1):  # "đã thành công và đã chiếm thành ngày 22 ...": both
            if out[k - 1] is None and self._own_plain_date(sent, attached, k) and (
                    self._joined_before(sent, k) or self._during_before(sent, k) or self._object_before(sent, k)):
                out[k - 1] = out[k]
        self._fronted(sent, out)
        self._at_once(sent, out)
        self._told_twice(sent, out)
        fine = [tx for tx in own if tx.granularity in FINE and "/" not in tx.value]
        if fine:
            self.last_fine = (sentence_index, paragraph, fine[-1])
        return out

    def _fronted(self, sent: _Sentence, out: list) -> None:
        """A clause put before the main one without a subject of its own (the sentence opens
        with a verb, its event within two words) and with a date ("Phát biểu tại lễ bế mạc tối
        qua, ông X cho biết ...", "Trả lời báo chí sáng nay, bà Hương khẳng định ...", "Nhận
        tin báo lúc 23h07, Phòng Cảnh sát đã điều ..."): the act the main clause tells is the
        same moment, so the date goes to every event of the fronted clause and to the main
        clause's first event (the first after its comma) that has none, when neither is
        negated, uncertain or a bound (in place). Not after a word of timing (`bounding`,
        `frame`, `continue`, `shift`: "Sau khi tốt nghiệp năm 1990, ông về ..." is a bound)."""
        if not self._opens_fronted(sent):
            return
        fronted, main = _fronted_and_main(sent)
        date = next((out[k] for k in fronted if out[k] is not None and out[k].basis == "explicit"), None)
        for k in fronted + main if date is not None else []:
            if out[k] is None and self._datable(sent, k):
                out[k] = date

    def _told_twice(self, sent: _Sentence, out: list) -> None:
        """A second telling joined to a dated one ("xin lỗi khách hàng và cho biết ...") takes
        its date when it has none (in place): the same moment, whichever rule dated the first."""
        for k in range(1, len(sent.triggers)):
            if out[k] is None and out[k - 1] is not None and self._joined_telling(sent, k) and self._datable(sent, k):
                out[k] = out[k - 1]

    def _at_once(self, sent: _Sentence, out: list) -> None:
        """An event with no date whose clause a word of `timing.simultaneous` opens ("...,
        đồng thời bầu bổ sung ...") takes the date of the first dated event of its clause
        (between semicolons; not one quoted: '"Đây là vụ cháy lớn nhất từ đầu mùa khô", ông nói,
        đồng thời bác bỏ ...'), when it may take one (in place); so does one in a later comma
        segment that a word of `timing.when` opens (", khi máy xúc đào trúng ống": _when_opened),
        and an event after one so dated that shares its date (_shares)."""
        filled = set()
        for k, trig in enumerate(sent.triggers):
            if out[k] is not None or not k or not self._datable(sent, k):
                continue
            if k - 1 in filled and self._shares(sent, k, out[k - 1]):
                out[k] = out[k - 1]
                filled.add(k)
                continue
            if not (self._when_opened(sent, k) or any(
                    cue_at(sent.keys, m, self.simultaneous)
                    for m in range(sent.triggers[k - 1].j + 1, trig.i) if sent.segment[m] == sent.segment[trig.i])):
                continue
            out[k] = next((out[m] for m in range(k) if out[m] is not None and not _quoted(sent, sent.triggers[m].i)
                           and sent.clause[sent.triggers[m].i] == sent.clause[trig.i]), None)
            filled.add(k)

    def _when_opened(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k stands in a later comma segment that a word of `timing.when`
        opens (", khi máy xúc đào trúng ống"), the trigger before it in an earlier segment."""
        trig = sent.triggers[k]
        seg = sent.segment[trig.i]
        if not seg or sent.segment[sent.triggers[k - 1].i] == seg:
            return False
        first = next(m for m in range(trig.i + 1) if sent.segment[m] == seg and not (
            sent.toks[m].is_space or sent.toks[m].is_punct))
        return first < trig.i and cue_at(sent.keys, first, self.when)

    def _opens_fronted(self, sent: _Sentence) -> bool:
        """Whether the sentence opens with a verb, its first event within two words and in
        its first segment, and no word of timing before that event; or with a word of
        `timing.setting`, its first event within three words ("Tại buổi họp báo sáng nay, ...":
        the setting the main clause is told in)."""
        triggers = sent.triggers
        words = [i for i, t in enumerate(sent.toks) if not (t.is_space or t.is_punct)]
        if not triggers or not words or sent.segment[triggers[0].i]:
            return False
        if cue_at(sent.keys, words[0], self.setting):
            return triggers[0].i <= words[0] + 3
        if triggers[0].i > words[0] + 1:
            return False
        cues = self.bounding_cues | self.frame_cues | self.continue_cues | self.shift_cues | self.bound_cues
        return sent.toks[words[0]].tag_ == "V" and not any(
            cue_at(sent.keys, m, cues) for m in words if m <= triggers[0].i)

    def _datable(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k may take a date of its sentence: not negated, not only wished
        or possible, not a bound."""
        modality, negated = sent.flags[k]
        return not negated and modality not in UNCERTAIN and not self._bounded(sent, k)

    def _time_of(self, sent: _Sentence, k: int, attached: dict, prev, dated: bool,
                 sentence_index: int, paragraph: int) -> EventTime | None:
        """The date of trigger k: its own (or none, after a bound), the one before it shares,
        the sentence's head date, or the narrative's carried one (`dated`: the sentence has
        dates of its own)."""
        if k in attached:
            return _time(attached[k], "explicit") if attached[k] is not None else None
        if self._bounded(sent, k):
            return None
        if self._shares(sent, k, prev):
            return prev
        if sent.frame and self._framed(sent, k, attached):
            return _time(sent.frame[0], "explicit")
        # no carried date to a telling, nor to what one reports: the reporter's "cho biết" is no step
        # of the day's story (read sets: 2 right, 19 wrong or extra)
        if not dated and not sent.shifts and not any(t.type in REPORTING for t in sent.triggers[:k + 1]):
            return self._carried(sentence_index, paragraph, *sent.flags[k],
                                 reach=OPENER_REACH if sent.opener else CARRY_SENTENCES)
        return None

    def _read(self, toks, own: list, triggers: list, flags) -> _Sentence:
        """The structure of a sentence that dating reads: parentheses, segments, clauses,
        connectives, where its dates are, and the date at its head."""
        n = len(toks)
        keys = [self.fold(t.text) for t in toks]
        depth, segment, clause = _structure(toks, keys, self.admin_units)
        # "Sau đó, ...", "Trong khi đó, ..." opening the sentence: it goes on in the narrative's time
        opener = n > 1 and cue_at(keys, 0, self.continue_cues)
        shifts = [k for k in range(n) if cue_at(keys, k, self.shift_cues) and not (opener and segment[k] == 0)]
        starts = [t.idx for t in toks]
        spots = [(tx, _token_at(starts, tx.start), _token_at(starts, tx.end - 1)) for tx in own]
        spots = join_listed(spots, toks, triggers, self.joins, self.fold, clause)
        sent = _Sentence(toks, triggers, flags, depth, segment, clause, shifts, spots, opener, keys)
        sent.frame = self._frame(spots, triggers, toks, segment, depth, n > 1 and cue_at(keys, 0, self.frame_cues))
        if sent.frame and self._bound(sent, sent.frame[1]):
            sent.frame = None
        return sent

    def _attached(self, sent: _Sentence) -> dict[int, object]:
        """Trigger index -> the date that belongs to it (each date to one trigger at most), or
        None for an event a bound is given instead ("Sau mùa bóng 1975-76, Bertie Mee từ
        chức": after that season, not in it; GUIDELINE.md section 6)."""
        attached: dict[int, object] = {}
        for tx, first, last in sent.spots:
            if self._until(sent, first):
                continue  # "làm Thủ tướng cho đến năm 1982": when a state ended, no event's date
            owners = self._owners(tx, first, last, sent)
            k = next((k for k in owners if k not in attached), None)
            if k is not None:
                attached[k] = None if self._bound(sent, first) else tx
        return attached

    def _bound(self, sent: _Sentence, first: int) -> bool:
        """Whether the date at token `first` is a bound, not a date: "sau" before it."""
        return first > 0 and self.fold(sent.toks[first - 1].text) in self.bound_cues

    def _until(self, sent: _Sentence, first: int) -> bool:
        """Whether the date at token `first` ends a state told before it ("cho đến năm 1982"),
        past the head of its sentence ("Cho đến năm 1930, ..." frames it)."""
        words = [self.fold(t.text) for t in sent.toks[max(0, first - 2):first]]
        return first > 2 and (bool(words) and words[-1] in self.until_cues or " ".join(words) in self.until_cues)

    @staticmethod
    def _own_plain_date(sent: _Sentence, attached: dict, k: int) -> bool:
        """Whether trigger k has a date of its own outside parentheses ("bị đàn áp (1932)"
        dates the repression alone)."""
        tx = attached.get(k)
        return tx is not None and any(t is tx and sent.depth[first] == sent.depth[sent.triggers[k].i]
                                      for t, first, _ in sent.spots)

    def _joined_before(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k - 1 is joined to trigger k by a coordinating word alone (with the
        tense and voice words of `timing.joined`: "đã thành công và đã chiếm", "bị xâm lược và
        chiếm đóng"), at one parenthesis level, the first neither negated nor uncertain: a
        date of the second's own dates both."""
        before, trig = sent.triggers[k - 1], sent.triggers[k]
        modality, negated = sent.flags[k - 1]
        if modality or negated or sent.depth[before.i] != sent.depth[trig.i]:
            return False
        words = [self.fold(t.text) for t in sent.toks[before.j + 1:trig.i] if not t.is_space]
        return any(w in self.joins for w in words) and all(
            w in self.joins or w in self.voice for w in words)

    def _during_before(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k - 1 happened in the event trigger k names, only the words of
        `timing.during` between ("bị lật đổ trong một cuộc đảo chính vào năm 1997"), the first
        datable: a date of the second's own dates both."""
        before, trig = sent.triggers[k - 1], sent.triggers[k]
        words = " ".join(self.fold(t.text) for t in sent.toks[before.j + 1:trig.i] if not t.is_space)
        return words in self.during and self._datable(sent, k - 1)

    def _object_before(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k is the object of trigger k - 1, right after it with no word
        between ("lệnh cấm phát sóng ... từ 1988 đến 1994", "bảo vệ thành công chức vô địch ...
        mùa bóng sau đó"), the first datable and no telling (what is announced or warned of
        need not happen when it is told): the date the object has of its own dates the verb
        too."""
        before = sent.triggers[k - 1]
        return (before.j + 1 == sent.triggers[k].i and before.type not in REPORTING
                and self._datable(sent, k - 1))

    @staticmethod
    def _shares(sent: _Sentence, k: int, prev) -> bool:
        """Whether trigger k shares the date of the trigger before it: same clause and
        parenthesis level, no connective between or in its own segment, neither negated nor
        uncertain, and the one before is not a telling."""
        if not k or prev is None:
            return False
        trig, before = sent.triggers[k], sent.triggers[k - 1]
        modality, negated = sent.flags[k]
        if modality or negated or before.type in REPORTING:
            return False
        if sent.depth[before.i] != sent.depth[trig.i] or sent.clause[before.i] != sent.clause[trig.i]:
            return False
        if any(before.j < s < trig.i for s in sent.shifts):
            return False
        if sent.segment[before.i] != sent.segment[trig.i] and _dated_after(sent, before):
            return False  # "mua lại năm 1995, sáp nhập với EA UK": that date is the segment before's
        return not _own_segment_shift(sent, k)

    @staticmethod
    def _frame(spots: list, triggers: list, toks, segment, depth, framing: bool):
        """The date at the head of the sentence ("Năm 1867, ...", "Vào ngày 1 tháng 4 năm
        1998, ..."), as (timex, first token, last token), or None: it frames every event of
        the sentence that has no date of its own (GUIDELINE.md, section 6). When a framing
        word opens the sentence (`framing`: "Trong", "Khi", "Năm"), the first date of its
        first phrase frames it too, past an event or a parenthesis before it ("Trong hạn hán
        năm 2002, ...", "Năm ông 9 tuổi (1771), ...")."""
        if not spots:
            return None
        tx, first, last = spots[0]
        if segment[first]:
            return None
        if framing and (not depth[first] or _alone_in_parentheses(first, last, depth, toks)):
            return spots[0]
        if first > HEAD_REACH or depth[first] or any(t.i < first for t in triggers):
            return None
        return spots[0]

    def _bounded(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k is the bound an event of the sentence follows or runs to, told
        after a word of `timing.bounding` ("sau khi công ty đồng ý tăng lương", "sau gần ba
        tháng đàm phán", "cho đến khi công ty tìm được người"): no date of the sentence or
        the narrative is its (GUIDELINE.md, "a bound is not a date"). The word stands in the
        trigger's segment, within BOUNDING_REACH words before it with no verb between, and is
        no place (`timing.spatial` before it: "phía sau")."""
        trig = sent.triggers[k]
        first = max(sent.triggers[k - 1].j + 1 if k else 0, trig.i - BOUNDING_REACH)
        keys = sent.keys[:trig.i]
        dated = {m for _, lo, hi in sent.spots for m in range(lo, hi + 1)}  # "năm sau sẽ về": a date's word
        for m in range(trig.i - 1, first - 1, -1):
            if m not in dated and any(" ".join(keys[m:m + n]) in self.bounding_cues
                                      for n in (1, 2, 3) if m + n <= trig.i):
                return m == 0 or keys[m - 1] not in self.spatial_cues  # not "phía sau đường cách ly"
            if sent.segment[m] != sent.segment[trig.i] or sent.toks[m].tag_ == "CH" or (
                    sent.toks[m].tag_ == "V" and sent.toks[m].text.islower()):  # not a name: "triều Thanh"
                return False
        return False

    def _framed(self, sent: _Sentence, k: int, attached: dict | None = None) -> bool:
        """Whether the head date frames trigger k: no connective between them moves the
        story away, its clause has no date of its own (but one a later event of the clause
        owns: "Hôm qua, ... thông báo sẽ mở thêm một đêm diễn vào ngày 30/5" dates the opening,
        not the telling), it is neither negated nor only wished or possible, nor inside
        parentheses, and no telling comes before it but one it is a second telling joined to
        ("đã gửi lời xin lỗi ... và thông báo": the same moment, no content of the first)."""
        trig, frame = sent.triggers[k], sent.frame
        _, _, last = frame
        modality, negated = sent.flags[k]
        if negated or modality in UNCERTAIN or sent.depth[trig.i] or trig.i <= last:
            return False
        if any(last < s < trig.i for s in sent.shifts):
            return False
        if any(t.type in REPORTING for t in sent.triggers[:k]) and not self._joined_telling(sent, k):
            return False
        return not _own_date_in_clause(sent, k, attached)

    def _joined_telling(self, sent: _Sentence, k: int) -> bool:
        """Whether trigger k is a telling that a coordinating word joins to the one before it,
        a telling too, with only tense and voice words between ("gửi lời xin lỗi ... và thông
        báo")."""
        trig, before = sent.triggers[k], sent.triggers[k - 1]
        if trig.type not in REPORTING or before.type not in REPORTING:
            return False
        m = trig.i - 1
        while m > before.j and sent.keys[m] in self.voice:
            m -= 1
        return m > before.j and sent.keys[m] in self.joins

    def _owners(self, tx, first: int, last: int, sent: _Sentence) -> list[int]:
        """The triggers a date may belong to (indices into triggers), best first: the event
        before it, or the one after it in its own segment when the one before stands in an
        earlier segment or already has a date of its own ("trong hai năm 1977-1978 đã mất
        giá ... và trong các năm 1982-1984 thì mất thêm"), unless "và" comes between the
        date and it ("sinh tại Huế, Thừa Thiên năm 1887 và qua đời"). A date alone in parentheses
        belongs to what it follows: an event before it ("bị đàn áp dã man (1932)"), else a
        name's period ("Tướng Martinez (1931-1944), nông dân nổi dậy": no event's)."""
        triggers, depth, segment, toks = sent.triggers, sent.depth, sent.segment, sent.toks
        alone = _alone_in_parentheses(first, last, depth, toks)
        before, after = _around(triggers, tx, first, last, depth[first] - alone, depth, sent.clause)
        after = [] if alone else after
        if self._introduces(sent, first, last, after):
            return self._introduced(sent, tx, after)  # a date opening its clause, or its verb's
        own_after = [after[0]] if after and segment[triggers[after[0]].i] == segment[last] and not any(
            self.fold(t.text) in self.joins for t in toks[last + 1:triggers[after[0]].i]) else []
        if before and own_after and segment[triggers[before[-1]].i] != segment[first]:
            return own_after + [before[-1]]  # "..., và hiến pháp năm 1961 thành lập ..."
        if before:
            return [before[-1]] + (own_after or self._next_clause(sent, last, after))
        return self._introduced(sent, tx, after) if after else []

    def _next_clause(self, sent: _Sentence, last: int, after: list[int]) -> list[int]:
        """The event after a date that closes its segment, heading the next segment with a word of
        `timing.only_then` before it, for when the event before has a date of its own ("được chọn
        làm thủ đô vào năm 1853 nhưng chỉ đến năm 1880, Buenos Aires mới ... trở thành": 1880 is
        the becoming's)."""
        if not after or last + 1 >= len(sent.toks) or sent.toks[last + 1].text != ",":
            return []
        head = sent.triggers[after[0]].i
        if sent.segment[head] != sent.segment[last] + 1:
            return []
        return [after[0]] if any(sent.keys[m] in self.only_then for m in range(last + 2, head)) else []

    def _introduced(self, sent: _Sentence, tx, after: list[int]) -> list[int]:
        """The event a date before it introduces: the first after it, past a bound when the
        date is coarser than a day ("Năm 1946, sau khi Nhật Bản đầu hàng, chính phủ ... chuyển":
        the move's year, the surrender may lie before it; "Tối qua, sau khi ăn xong, mình ...":
        the same evening)."""
        if tx.granularity in FINE:
            return after[:1]
        return [next((k for k in after if not self._bounded(sent, k)), after[0])]

    def _introduces(self, sent: _Sentence, first: int, last: int, after: list[int]) -> bool:
        """Whether the date at tokens first..last belongs to the first trigger after it
        (`after`): it opens its clause and that trigger heads its segment or the next one;
        or it stands right before a future tense word (`timing.tense`: "sẽ") and the trigger
        follows within TENSE_REACH words ("hứa năm sau sẽ về thăm trường": the return's date,
        not the promise's)."""
        if not after:
            return False
        toks, segment, head = sent.toks, sent.segment, sent.triggers[after[0]].i
        opens = (first == 0 or segment[first] != segment[first - 1] or toks[first - 1].text in ("(", "[")
                 or self._conjoined(sent, first, last))
        if opens and segment[head] in (segment[last], segment[last] + 1):
            return True
        return last + 1 < len(toks) and self.fold(toks[last + 1].text) in self.tense_cues \
            and head <= last + 1 + TENSE_REACH

    def _conjoined(self, sent: _Sentence, first: int, last: int) -> bool:
        """Whether the date at tokens first..last opens a new clause after a word of
        `timing.conjunctions`, with a comma right after it ("nhưng vào năm 1934, quốc hội bị
        giải tán"): at most HEAD_REACH words, none a verb nor a name, between the word and the
        date (not "đổi sang học Ngôn ngữ và Văn học Anh năm 1913, tốt nghiệp ...": a name joined
        to the one before, its date the verb's)."""
        if last + 1 >= len(sent.toks) or sent.toks[last + 1].text != ",":
            return False
        for m in range(first - 1, max(-1, first - 2 - HEAD_REACH), -1):
            if sent.keys[m] in self.conjunctions:  # not a list of dates: "năm 2007 và 2011, nhưng ..."
                # (a date right before the word is no list when a word stands between it and
                # this date: "được bầu năm 1930 nhưng vào năm 1934, quốc hội bị giải tán")
                return m < first - 1 or not any(lo <= m - 1 <= hi for _, lo, hi in sent.spots)
            if sent.toks[m].tag_ == "V" or sent.toks[m].text[:1].isupper() or sent.segment[m] != sent.segment[first]:
                return False
        return False

    def _carried(self, sentence_index: int, paragraph: int, modality, negated, reach: int = CARRY_SENTENCES):
        last = self.last_fine
        if (self.carry and last and last[1] == paragraph and 0 < sentence_index - last[0] <= reach
                and modality is None and not negated):
            return _time(last[2], "context")
        return None


def _own_date_in_clause(sent: _Sentence, k: int, attached: dict | None) -> bool:
    """Whether trigger k's clause has a date besides the head date, and not one a later
    event of the clause owns (`attached`)."""
    later = {id(tx) for m, tx in (attached or {}).items() if m > k and tx is not None}
    clause = sent.clause[sent.triggers[k].i]
    return any(sent.clause[first] == clause and (first, end) != sent.frame[1:] and id(tx) not in later
               for tx, first, end in sent.spots)


def _quoted(sent: _Sentence, i: int) -> bool:
    """Whether token i stands inside quotation marks (an odd number of them before it)."""
    return sum(t.text.count('"') + t.text.count("“") + t.text.count("”") for t in sent.toks[:i]) % 2 == 1


def _fronted_and_main(sent: _Sentence) -> tuple[list[int], list[int]]:
    """(the triggers of the sentence's first segment, [the first trigger after it]), outside
    parentheses."""
    top = [k for k, t in enumerate(sent.triggers) if not sent.depth[t.i]]
    fronted = [k for k in top if not sent.segment[sent.triggers[k].i]]
    return fronted, [k for k in top if sent.segment[sent.triggers[k].i]][:1]


def _apposed_place(toks, keys: list[str], k: int, apposed: frozenset[str]) -> bool:
    """Whether the comma at token k is followed by a word of `apposed` (one or two tokens)."""
    after = [m for m in range(k + 1, min(len(toks), k + 4)) if not toks[m].is_space][:2]
    return bool(after) and (keys[after[0]] in apposed or " ".join(keys[m] for m in after) in apposed)


def cue_at(keys: list[str], k: int, cues: frozenset[str]) -> bool:
    """Whether a cue of triggers.yaml (one to three words, folded) starts at word k."""
    return cue_size(keys, k, cues) > 0


def cue_size(keys: list[str], k: int, cues: frozenset[str]) -> int:
    """The words of the shortest cue of triggers.yaml that starts at word k; 0 when none does."""
    return next((size for size in (1, 2, 3) if " ".join(keys[k:k + size]) in cues), 0)


def _token_at(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _structure(toks, keys: list[str] = (), apposed: frozenset[str] = frozenset()) -> tuple[list[int], list[int], list[int]]:
    """Per token: parenthesis depth, index of its comma-separated segment, index of its
    clause (between semicolons or colons). A comma before a word of `apposed` (an
    administrative unit: "cảng Tam Quang, huyện Núi Thành") goes on with the place, not
    a new segment."""
    depth_out, seg_out, clause_out = [], [], []
    depth = seg = clause = 0
    for k, t in enumerate(toks):
        if t.text in ("(", "["):
            depth += 1
        depth_out.append(depth)
        seg_out.append(seg)
        clause_out.append(clause)
        if t.text in (")", "]") and depth:
            depth -= 1
        if t.text in SEGMENT_BREAKS and not (t.text == "," and _apposed_place(toks, keys, k, apposed)):
            seg += 1
        if t.text in CLAUSE_BREAKS:
            clause += 1
    return depth_out, seg_out, clause_out
