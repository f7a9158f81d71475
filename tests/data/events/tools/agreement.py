"""How closely two annotators agree on the same texts: each text of a folder of second
annotations (tests/data/events/second/) scored against the first annotation of the same
excerpt in the event sets, with the matching of benchmarks/bench_events.py (a trigger
matches when the spans overlap, one to one in the first annotation's order).

    python tests/data/events/tools/agreement.py [SECOND_DIR] [--sets-root tests/data/events]

Prints per text and pooled: trigger F1 (overlap), typed F1 (overlap and the same type) and
dated F1 (overlap and the same TIMEX3 value, among the events each annotation dates). It is
the ceiling the pipeline's scores can be read against. Standard library only.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _overlap(a: dict, b: dict) -> bool:
    return a["trigger"]["start"] < b["trigger"]["end"] and b["trigger"]["start"] < a["trigger"]["end"]


def _matches(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    free = list(range(len(second)))
    out = []
    for a in first:
        k = next((k for k in free if _overlap(a, second[k])), None)
        if k is not None:
            out.append((a, second[k]))
            free.remove(k)
    return out


def counts(first: list[dict], second: list[dict]) -> dict[str, int]:
    """Matched, typed and dated agreements with the sizes they are scored against."""
    found = _matches(first, second)
    return {"first": len(first), "second": len(second), "matched": len(found),
            "typed": sum(a["type"] == b["type"] for a, b in found),
            "dated_first": sum(bool(a.get("date")) for a in first),
            "dated_second": sum(bool(b.get("date")) for b in second),
            "dated": sum(bool(a.get("date")) and a.get("date") == b.get("date") for a, b in found)}


def f1(hit: int, n_first: int, n_second: int) -> float:
    return 2 * hit / (n_first + n_second) if n_first + n_second else 1.0


def _line(name: str, c: dict[str, int]) -> str:
    return (f"{name:28s} events {c['first']:4d} / {c['second']:4d}  trigger F1 "
            f"{f1(c['matched'], c['first'], c['second']):.3f}  typed F1 {f1(c['typed'], c['first'], c['second']):.3f}"
            f"  dated F1 {f1(c['dated'], c['dated_first'], c['dated_second']):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("second", nargs="?", type=Path, default=HERE.parent / "second")
    ap.add_argument("--sets-root", type=Path, default=HERE.parent)
    args = ap.parse_args(argv)
    pooled: dict[str, int] = {}
    for path in sorted(args.second.glob("*.gold.json")):
        firsts = [p for p in sorted(args.sets_root.glob(f"*/*/{path.name}")) if p.parent.parent != args.second]
        if not firsts:
            print(f"{path.name}: no first annotation under {args.sets_root}")
            return 1
        first = json.loads(firsts[0].read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".gold.json", ".txt"))
        if text.read_bytes() != firsts[0].with_name(text.name).read_bytes():
            print(f"{path.name}: the text differs from {firsts[0].with_name(text.name)}")
            return 1
        c = counts(first["events"], second["events"])
        print(_line(f"{path.name.split('.')[0]} ({firsts[0].parent.parent.name})", c))
        for key, value in c.items():
            pooled[key] = pooled.get(key, 0) + value
    if pooled:
        print(_line("pooled", pooled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
