"""Accuracy on the annotated texts in tests/data/heldout/ (history and news written and
annotated for this project apart from the grammar; see that folder's README):

    .venv/bin/python benchmarks/bench_heldout.py [--show-errors]

Each text is run through the pipeline with its document date, scored with the same
definitions as `vnevents eval`, and the counts are pooled over all texts: timex spans
(relaxed: overlap; strict: exact) and TIMEX3 values, look-alike traps tagged, entity
exact spans with labels (GPE counted as LOC). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout"
sys.path.insert(0, str(ROOT))
from pipeline.evaluate import COARSE, pairs  # noqa: E402  (the same matching as `vnevents eval`)
from pipeline.spans import overlap as _spans_overlap  # noqa: E402

LABELS = ("PER", "LOC", "ORG")  # exact F1 per label too (GPE counted as LOC, as `vnevents eval`)


def _overlap(a, b) -> bool:
    return _spans_overlap(a["start"], a["end"], b["start"], b["end"])


def _prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def score(gold: dict, pred: dict, tally: dict, errors: list, name: str, text: str) -> None:
    strict_gold = [t for t in gold["timexes"] if t.get("strict_timex3", True)]
    vague = [t for t in gold["timexes"] if not t.get("strict_timex3", True)]
    preds = [p for p in pred["timexes"]
             if not any(_overlap(v, p) for v in vague) or any(_overlap(g, p) for g in strict_gold)]
    matched = pairs(strict_gold, preds, _overlap)
    tally["timex_gold"] += len(strict_gold)
    tally["timex_pred"] += len(preds)
    tally["timex_relaxed"] += len(matched)
    tally["timex_strict"] += sum((g["start"], g["end"]) == (p["start"], p["end"]) for g, p in matched)
    tally["timex_value"] += sum(p.get("value") == g["value"] for g, p in matched)
    tally["traps_tagged"] += sum(1 for p in preds for t in gold.get("non_timex_traps", [])
                                 if _overlap(t, p) and not any(_overlap(g, p) for g in strict_gold))
    for g in strict_gold:
        hit = next((p for gg, p in matched if gg is g), None)
        if hit is None:
            errors.append(f"{name}: missed {g['text']!r} ({g['value']})")
        elif hit.get("value") != g["value"]:
            errors.append(f"{name}: {g['text']!r} gold {g['value']} / got {hit['text']!r} {hit.get('value')}")
        elif (hit["start"], hit["end"]) != (g["start"], g["end"]):
            errors.append(f"{name}: span {g['text']!r} / got {hit['text']!r} (value right)")
    for p in preds:
        if not any(_overlap(g, p) for g in strict_gold):
            errors.append(f"{name}: extra {p['text']!r} ({p.get('value')}) in "
                          f"...{text[max(0, p['start'] - 30):p['end'] + 30]!r}...")
    g_ents = [dict(e, _l=COARSE[e["type"]]) for e in gold.get("entities", [])
              if e.get("type") in COARSE and not e.get("nested")]  # as `vnevents eval`: outermost names
    p_ents = [dict(e, _l=COARSE[e["label"]]) for e in pred["entities"] if e["label"] in COARSE]
    exact = pairs(g_ents, p_ents, lambda g, p: (g["start"], g["end"], g["_l"]) == (p["start"], p["end"], p["_l"]))
    tally["ent_gold"] += len(g_ents)
    tally["ent_pred"] += len(p_ents)
    tally["ent_exact"] += len(exact)
    for label in LABELS:
        tally[f"ent_gold_{label}"] += sum(g["_l"] == label for g in g_ents)
        tally[f"ent_pred_{label}"] += sum(p["_l"] == label for p in p_ents)
        tally[f"ent_exact_{label}"] += sum(g["_l"] == label for g, _ in exact)
    for g in g_ents:
        if not any(gg is g for gg, _ in exact):
            got = [f"{p['text']!r} {p['label']}" for p in p_ents if _overlap(g, p)]
            errors.append(f"{name}: entity {g['text']!r} {g['type']} got {', '.join(got) or 'nothing'}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-errors", action="store_true", help="list every miss, wrong value and extra")
    args = ap.parse_args(argv)
    golds = sorted(HELDOUT.rglob("*.gold.json"))
    if not golds:
        print(f"skipped: no annotated texts under {HELDOUT}")
        return 0
    from pipeline import extract, load
    nlp = load()
    runs = {}  # each text is run once; the groups and "all" pool the same results
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        text = text_path.read_text(encoding="utf-8")
        dct = (gold.get("document") or {}).get("dct")
        runs[gold_path] = (gold, text_path.stem, text, extract(text, doc_id=text_path.stem, dct=dct, nlp=nlp).to_dict())
    for group in sorted({g.parent.name for g in golds}) + ["all"]:
        tally = dict.fromkeys(("timex_gold", "timex_pred", "timex_relaxed", "timex_strict", "timex_value",
                               "traps_tagged", "ent_gold", "ent_pred", "ent_exact",
                               *(f"ent_{k}_{label}" for label in LABELS for k in ("gold", "pred", "exact"))), 0)
        errors: list[str] = []
        chosen = [g for g in golds if group == "all" or g.parent.name == group]
        for gold_path in chosen:
            gold, stem, text, pred = runs[gold_path]
            score(gold, pred, tally, errors, f"{group}/{stem}" if group == "all" else stem, text)
        t = tally
        print(f"== {group}: {len(chosen)} texts, {t['timex_gold']} timexes, {t['ent_gold']} entities")
        print(f"timex relaxed   {_prf(t['timex_relaxed'], t['timex_pred'], t['timex_gold'])}")
        print(f"timex strict    {_prf(t['timex_strict'], t['timex_pred'], t['timex_gold'])}")
        print(f"TIMEX3 value    {_prf(t['timex_value'], t['timex_pred'], t['timex_gold'])}")
        print(f"traps tagged    {t['traps_tagged']}")
        print(f"entity exact    {_prf(t['ent_exact'], t['ent_pred'], t['ent_gold'])}")
        for label in LABELS:
            print(f"  {label:<13} {_prf(t[f'ent_exact_{label}'], t[f'ent_pred_{label}'], t[f'ent_gold_{label}'])}")
        if args.show_errors and group != "all":
            print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
