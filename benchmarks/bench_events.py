"""Event accuracy on the annotated sets of tests/data/events/ (see its GUIDELINE.md and
README), with the definitions of `vnevents eval` (pipeline/evaluate.py: the same as the
project is judged by), pooled over the texts of each group:

    .venv/bin/python benchmarks/bench_events.py [--sets set1 set2] [--show-errors] [--vhe]
                                                [--record-blind SET]

Per set and group (wiki history excerpts, news, informal) and pooled: trigger P/R/F1
(span overlap; and overlap with the same type), dated-event F1 (same sentence, same
TIMEX3 value), type accuracy on dated matches, argument F1 (agent, theme and place of
trigger-matched events, by span overlap and role), timeline date set F1. Each set's first,
blind score (taken before any change was made for it, kept in
tests/data/events/blind_scores.json by --record-blind) is printed beside the current one.
--vhe adds the trigger classification F1 on VHE's test split (benchmarks/bench_vhe.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "tests" / "data" / "events"
BLIND = EVENTS / "blind_scores.json"
sys.path.insert(0, str(ROOT))
from pipeline.evaluate import event_counts, ratios_of  # noqa: E402  (the definitions of `vnevents eval`)

SHOWN = [("trigger_f1", "trig F1"), ("trigger_p", "P"), ("trigger_r", "R"), ("trigger_typed_f1", "typed F1"),
         ("event_dated_f1", "dated F1"), ("event_dated_p", "P"), ("event_dated_r", "R"),
         ("event_type_accuracy", "type acc"), ("argument_f1", "arg F1"), ("timeline_dates_f1", "dates F1")]


def texts(folder: Path):
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[:-len(".gold.json")]
        yield name, folder / f"{name}.txt", json.loads(gold_path.read_text(encoding="utf-8"))


def run_set(nlp, set_dir: Path, errors: list | None) -> dict[str, Counter]:
    from pipeline import extract
    groups: dict[str, Counter] = {}
    for group_dir in sorted(p for p in set_dir.iterdir() if p.is_dir()):
        tally = Counter()
        for name, txt, gold in texts(group_dir):
            text = txt.read_text(encoding="utf-8")
            dct = (gold.get("document") or {}).get("dct")
            pred = extract(text, doc_id=name, dct=dct, nlp=nlp).to_dict()
            tally += event_counts(gold, pred)
            tally["texts"] += 1
            if errors is not None:
                errors.extend(differences(name, text, gold, pred))
        if tally["texts"]:
            groups[group_dir.name] = tally
    return groups


def differences(name: str, text: str, gold: dict, pred: dict) -> list[str]:
    """Missed and extra triggers, wrong types and dates, one line each."""
    from pipeline.evaluate import pairs
    from pipeline.spans import overlap
    out = []

    def trig(e):
        return e["trigger"]["start"], e["trigger"]["end"]
    found = pairs(gold["events"], pred["events"], lambda g, p: overlap(*trig(g), *trig(p)))
    hit_g = {id(g) for g, _ in found}
    hit_p = {id(p) for _, p in found}
    for g in gold["events"]:
        if id(g) not in hit_g:
            out.append(f"{name}: missed {g['trigger']['text']!r} {g['type']} {g.get('date')}")
    for g, p in found:
        value = (p.get("time") or {}).get("value")
        if g["type"] != p["type"] or g.get("date") != value:
            out.append(f"{name}: {g['trigger']['text']!r} gold {g['type']} {g.get('date')} / got "
                       f"{p['trigger']['text']!r} {p['type']} {value}")
    for p in pred["events"]:
        if id(p) not in hit_p:
            a, b = trig(p)
            out.append(f"{name}: extra {p['trigger']['text']!r} {p['type']} in ...{text[max(0, a - 25):b + 25]!r}...")
    return out


def line(label: str, r: dict, n: int) -> str:
    return f"{label:24s} {n:3d} " + "  ".join(f"{short} {r[key]:.3f}" for key, short in SHOWN)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=None, help="set folders (default: every set*/)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--record-blind", metavar="SET", help="store this set's scores as its blind first score")
    ap.add_argument("--vhe", action="store_true", help="also VHE's test split (benchmarks/bench_vhe.py)")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a pipeline config override, as `vnevents run --set`")
    a = ap.parse_args()
    from confection import try_load_json

    from pipeline import load
    nlp = load(overrides={k: try_load_json(v) for k, _, v in (s.partition("=") for s in a.set)})
    names = a.sets or sorted(p.name for p in EVENTS.glob("set*") if p.is_dir())
    blind = json.loads(BLIND.read_text(encoding="utf-8")) if BLIND.exists() else {}
    errors = [] if a.show_errors else None
    pooled = Counter()
    print(f"{'set / group':24s} {'n':>3s}")
    for name in names:
        groups = run_set(nlp, EVENTS / name, errors)
        total = sum(groups.values(), Counter())
        pooled += total
        for group, tally in list(groups.items()) + [("all", total)]:
            r = ratios_of(tally)
            print(line(f"{name} {group}", r, tally["texts"]))
            first = blind.get(name, {}).get(group)
            if first:
                print(line(f"  (blind first score)", first, first.get("texts", 0)))
        if a.record_blind == name:
            blind[name] = {g: {**ratios_of(t), "texts": t["texts"]}
                           for g, t in list(groups.items()) + [("all", total)]}
            BLIND.write_text(json.dumps(blind, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            print(f"  recorded as the blind first score of {name} in {BLIND.relative_to(ROOT)}")
    if len(names) > 1:
        print(line("pooled", ratios_of(pooled), pooled["texts"]))
    if errors:
        print("\n".join(errors))
    if a.vhe:
        import subprocess
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_vhe.py")], check=False)


if __name__ == "__main__":
    main()
