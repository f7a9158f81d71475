"""Whole runs on batches of files: `vnevents run FOLDER` against a process that runs
underthesea's ner() over the same files, start-up included, at several batch sizes.

    .venv/bin/python benchmarks/bench_batch.py [--sizes 40 100 300] [--repeat 2] [--workers N]

The baseline process imports underthesea, splits each file into sentences with
underthesea's sent_tokenize and calls ner() on each, as a user of that library would.
Each size is run `--repeat` times in turns (baseline, pipeline, baseline, ...) and the
medians are compared, so a slow minute of a shared machine falls on both. Prints figures;
asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import ROOT, viwiki_articles  # noqa: E402

BASELINE = """
import sys
from pathlib import Path
from underthesea import ner, sent_tokenize
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for sentence in sent_tokenize(path.read_text(encoding="utf-8")):
        if sentence.strip():
            ner(sentence)
"""


def wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[40, 100, 300], help="articles per batch")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, default=None, help="vnevents run --workers (default: its own)")
    a = ap.parse_args()
    texts = viwiki_articles(max(a.sizes))
    exe = str(Path(sys.executable).with_name("vnevents"))
    print(f"{'articles':>8s} {'chars':>9s} {'ner() s':>8s} {'vnevents s':>10s} {'ratio':>6s}")
    for size in a.sizes:
        batch = texts[:size]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for i, t in enumerate(batch):
                (folder / f"{i:05d}.txt").write_text(t, encoding="utf-8")
            base, ours = [], []
            for k in range(a.repeat):
                base.append(wall([sys.executable, "-c", BASELINE, str(folder)]))
                workers = ["--workers", str(a.workers)] if a.workers else []
                ours.append(wall([exe, "run", str(folder), "--out", str(Path(tmp) / f"out{k}"), *workers]))
            b, o = statistics.median(base), statistics.median(ours)
            print(f"{size:8d} {sum(map(len, batch)):9,d} {b:8.1f} {o:10.1f} {b / o:5.2f}x")


if __name__ == "__main__":
    main()
