"""Throughput of the whole pipeline against underthesea's ner() and dateparser's
search_dates on the same text, in one process; speed-up with worker processes; peak memory.

    .venv/bin/python benchmarks/bench_pipeline.py [--limit 150] [--workers 2]

Prints figures; asserts nothing (timings on shared machines are noisy).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import ROOT, viwiki_articles  # noqa: E402


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=150, help="articles of the viwiki sample")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-dateparser", action="store_true")
    a = ap.parse_args()
    texts = viwiki_articles(a.limit)
    chars = sum(len(t) for t in texts)
    print(f"input: {len(texts)} viwiki articles, {chars:,} characters")

    from pipeline import extract, load
    from pipeline.text.extensions import sentences
    nlp = load()
    extract("Khởi động.", nlp=nlp)  # load every model before timing
    t_pipe = timed(lambda: [extract(t, doc_id=str(i), nlp=nlp) for i, t in enumerate(texts)])
    print(f"vnevents pipeline (dates, entities, events, records): {chars / t_pipe:,.0f} chars/s")

    from underthesea import ner
    sents = [s.text for t in texts for s in sentences(nlp.make_doc(t)) if s.text.strip()]
    ner("Khởi động.")
    t_ner = timed(lambda: [ner(s) for s in sents])
    print(f"underthesea ner() alone, sentence by sentence: {chars / t_ner:,.0f} chars/s")
    print(f"ratio pipeline / ner(): {t_ner / t_pipe:.2f}x")

    temporal = nlp.get_pipe("vi_temporal")
    docs = [nlp.make_doc(t) for t in texts]
    bounds = [[s.start_char for s in sentences(d)][1:] for d in docs]
    t_tmp = timed(lambda: [temporal.extract(t, b) for t, b in zip(texts, bounds)])
    print(f"temporal stage alone: {chars / t_tmp:,.0f} chars/s")
    if not a.skip_dateparser:
        from dateparser.search import search_dates
        k = max(1, len(texts) // 5)
        sample, sample_bounds = texts[:k], bounds[:k]
        n = sum(len(t) for t in sample)
        t_dp = timed(lambda: [search_dates(t, languages=["vi"]) for t in sample])
        t_tmp_s = timed(lambda: [temporal.extract(t, b) for t, b in zip(sample, sample_bounds)])
        print(f"dateparser search_dates (languages=['vi']) on {len(sample)} articles: {n / t_dp:,.0f} chars/s; "
              f"temporal stage on the same: {n / t_tmp_s:,.0f} chars/s; ratio {t_dp / t_tmp_s:.1f}x")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(t, encoding="utf-8")
        exe = str(Path(sys.executable).with_name("vnevents"))
        walls = {}
        for w in (1, a.workers):
            t0 = time.perf_counter()
            subprocess.run([exe, "run", str(folder), "--out", str(Path(tmp) / f"out{w}"), "--workers", str(w),
                            "--format", "json,csv"], check=True, capture_output=True, cwd=ROOT)
            walls[w] = time.perf_counter() - t0
            print(f"vnevents run --workers {w}: {walls[w]:.1f} s wall ({chars / walls[w]:,.0f} chars/s, "
                  f"model loading included)")
        print(f"speed-up with {a.workers} workers: {walls[1] / walls[a.workers]:.2f}x")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"peak resident memory of the largest child process: {usage.ru_maxrss / 1024:,.0f} MiB")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
