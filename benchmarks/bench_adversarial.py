"""The cost of hostile inputs: time per character as the input grows (it should stay flat:
linear time), and the peak memory of `vnevents run` on one long single-line document.

    .venv/bin/python benchmarks/bench_adversarial.py [--sizes 20000 40000 80000] [--big-mb 20]

Shapes: runs without white space ("1-1-1-...", "1.1.1....", "((((", "////"), one long word,
a name repeated, and real prose on one line (the Wikipedia sample, when ../shared is here).
Each is run in this process through `extract()`; the big document through a `vnevents run`
child process, whose peak resident memory is read from /proc (VmHWM). Prints figures;
asserts nothing.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SHAPES = {"1-1-1-": "1-", "1.1.1.": "1.", "((((": "(", "////": "/", "one word": "a", "a name": "Hà Nội "}


def prose(n: int) -> str:
    from _data import SAMPLE, viwiki_articles
    if not SAMPLE.exists():
        return ("Năm 1961, Kennedy gặp Khrushchev tại Vienna. " * (n // 40 + 1))[:n]
    text = " ".join(a.replace("\n", " ") for a in viwiki_articles(400))
    while len(text) < n:
        text += " " + text
    return text[:n]


def peak_of(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MiB) of a child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.2)
    return time.perf_counter() - t0, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[20_000, 40_000, 80_000])
    ap.add_argument("--big-mb", type=float, default=20.0, help="size of the single-line document (0: skip)")
    a = ap.parse_args()
    from pipeline import extract, load
    nlp = load()
    shapes = dict(SHAPES)
    print(f"{'shape':12s} " + " ".join(f"{n:>10,d}" for n in a.sizes) + "   (microseconds per character)")
    for name, unit in list(shapes.items()) + [("prose", None)]:
        row = []
        for n in a.sizes:
            text = prose(n) if unit is None else (unit * (n // len(unit) + 1))[:n]
            t0 = time.perf_counter()
            extract(text, nlp=nlp)
            row.append((time.perf_counter() - t0) / n * 1e6)
        print(f"{name:12s} " + " ".join(f"{us:10.1f}" for us in row)
              + f"   growth x{row[-1] / row[0]:.2f} from the smallest to the largest")
    if a.big_mb:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "big.txt"
            big.write_text(prose(int(a.big_mb * 1e6)), encoding="utf-8")
            exe = str(Path(sys.executable).with_name("vnevents"))
            seconds, peak = peak_of([exe, "run", str(big), "--out", str(Path(tmp) / "out"), "--timeout", "0"])
        print(f"one {a.big_mb:g} MB single-line document: {seconds:.0f} s, peak {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
