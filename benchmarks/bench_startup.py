"""Start-up: wall time of whole commands, each run as a new process, several times (the
median is printed), against underthesea's ner() on the same sentence in the same run:

    .venv/bin/python benchmarks/bench_startup.py [--repeat 5]

  vnevents run ONE.txt        the pipeline on a one-sentence file, outputs written
  usage error                 `vnevents run ONE.txt --dct nonsense` (answered before any model loads)
  underthesea ner()           python -c "import underthesea; underthesea.ner('...')"
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Hà Nội."


def timed(args: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    exe = str(Path(sys.executable).with_name("vnevents"))
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(SENTENCE + "\n", encoding="utf-8")
        baseline = timed([sys.executable, "-c", f"import underthesea; underthesea.ner({SENTENCE!r})"], a.repeat)
        run = timed([exe, "run", str(one), "--out", str(Path(tmp) / "out")], a.repeat)
        usage = timed([exe, "run", str(one), "--out", str(Path(tmp) / "out"), "--dct", "nonsense"], a.repeat)
    print(f"underthesea ner() on one sentence   {baseline:6.2f} s")
    print(f"vnevents run on a one-sentence file  {run:6.2f} s   ({run / baseline:.2f}x the baseline)")
    print(f"vnevents usage error                 {usage:6.2f} s")


if __name__ == "__main__":
    main()
