"""Character spans: the one overlap test, and two indexes that answer it in logarithmic
time, so that no stage is quadratic in the number of names or dates of a document."""
from __future__ import annotations

from bisect import bisect_left, insort
from itertools import accumulate


def overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


class SpanIndex:
    """A fixed set of (start, end) spans, nested or overlapping ones included."""

    def __init__(self, spans=()):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(accumulate((e for _, e in ordered), max))

    def hits(self, start: int, end: int) -> bool:
        """Whether some span overlaps [start, end)."""
        k = bisect_left(self._starts, end)  # the spans that start before `end`
        return k > 0 and self._max_end[k - 1] > start

    def __len__(self) -> int:
        return len(self._starts)


class Occupied:
    """A growing set of spans that never overlap one another (the spans taken so far)."""

    def __init__(self, spans=()):
        self._spans: list[tuple[int, int]] = []
        for s, e in spans:
            self.add(s, e)

    def free(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps no span taken."""
        k = bisect_left(self._spans, (end, end))  # spans before here start before `end`... or at it
        while k > 0 and self._spans[k - 1][0] >= end:
            k -= 1
        return k == 0 or self._spans[k - 1][1] <= start

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))

    def claim(self, start: int, end: int) -> bool:
        """Take [start, end) when it overlaps no span taken; whether it was taken."""
        if not self.free(start, end):
            return False
        self.add(start, end)
        return True


def kept_runs(keep: list[bool], offset: int = 0) -> list[list[int]]:
    """The runs of consecutive kept positions, in order, each as its indices (plus `offset`)."""
    runs, cur = [], []
    for k, ok in enumerate(keep):
        if ok:
            cur.append(k + offset)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs
