"""Throughput of the temporal tagger next to dateparser's search_dates() on the same sentences.

    .venv/bin/python benchmarks/bench_temporal.py [--limit 50] [--repeat 3]

Input: the first N articles of the Vietnamese Wikipedia sample in ../shared, extracted to a
temporary folder (never into the repository) and cut into sentences ('.' followed by
whitespace, or a newline). Both tools get the same sentences, one call each, in one process;
the best of --repeat runs is kept. Figures are printed, never asserted: they depend on the
machine. Prints a message and exits cleanly when ../shared is not beside the checkout.
"""
from __future__ import annotations

import argparse
import datetime
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "viwiki_sample" / "viwiki_sample.tar.gz"
RELATIVE_BASE = datetime.datetime(2024, 3, 15)  # pinned, so both tools resolve the same way


def articles(limit: int) -> list[str]:
    """The first `limit` articles of the sample, in name order, read from a temporary extraction."""
    with tarfile.open(SAMPLE) as tar, tempfile.TemporaryDirectory(prefix="viwiki_") as tmp:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")),
                         key=lambda m: m.name)[:limit]
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python >= 3.11.4
        tar.extractall(tmp, members=members, **safe)
        return [(Path(tmp) / m.name).read_text(encoding="utf-8") for m in members]


def sentence_starts(text: str) -> list[int]:
    """Starts of the sentences after the first: '.' followed by whitespace, or a newline."""
    starts, i, n = [], 0, len(text)
    while i < n:
        if text[i] == "\n" or (text[i] == "." and i + 1 < n and text[i + 1].isspace()):
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n:
                starts.append(j)
            i = j
        else:
            i += 1
    return starts


def sentences(text: str) -> list[str]:
    cuts = [0] + sentence_starts(text) + [len(text)]
    return [s for s in (text[a:b].strip() for a, b in zip(cuts, cuts[1:])) if s]


def best_of(repeat: int, fn) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = fn()
        best = min(best, time.perf_counter() - t0)
    return best, found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=50, help="number of articles (default 50)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the fastest is kept (default 3)")
    args = ap.parse_args(argv)
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} is not here (the benchmark needs ../shared beside the checkout)")
        return 0
    sys.path.insert(0, str(ROOT))
    from dateparser.search import search_dates

    from pipeline.temporal import TemporalTagger

    texts = articles(args.limit)
    sents = [s for t in texts for s in sentences(t)]
    chars = sum(len(s) for s in sents)

    t0 = time.perf_counter()
    tagger = TemporalTagger()
    load = time.perf_counter() - t0
    settings = {"RELATIVE_BASE": RELATIVE_BASE}
    search_dates("ngày 1 tháng 1 năm 2000", languages=["vi"], settings=settings)  # load its language data

    ours, n_ours = best_of(args.repeat, lambda: sum(len(tagger.extract(s, [], "2024-03-15")) for s in sents))
    whole, n_whole = best_of(args.repeat, lambda: sum(len(tagger.extract(t, sentence_starts(t), "2024-03-15"))
                                                     for t in texts))
    theirs, n_theirs = best_of(args.repeat, lambda: sum(
        len(search_dates(s, languages=["vi"], settings=settings) or []) for s in sents))

    print(f"input: {len(texts)} articles, {len(sents)} sentences, {chars} characters "
          f"(best of {args.repeat} runs)")
    print(f"vnevents TemporalTagger.extract, per sentence: {ours:8.3f} s  {chars / ours:12,.0f} chars/s"
          f"  {n_ours} timexes  (grammar load {load:.3f} s)")
    print(f"vnevents TemporalTagger.extract, per article:  {whole:8.3f} s  "
          f"{sum(len(t) for t in texts) / whole:12,.0f} chars/s  {n_whole} timexes")
    print(f"dateparser search_dates(languages=['vi']):     {theirs:8.3f} s  {chars / theirs:12,.0f} chars/s"
          f"  {n_theirs} dates")
    print(f"ratio (per sentence): vnevents is {theirs / ours:.1f}x the speed of search_dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
