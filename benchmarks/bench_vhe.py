"""Event triggers on VHE's test split (20% of the sentences of ../shared/data/vhe, fixed by a
hash of each sentence id, never trained on; see scripts/train_event_model.py, whose split and
type mapping this script reuses):

    .venv/bin/python benchmarks/bench_vhe.py [--vhe ../shared/data/vhe] [--per-type]

Systems, each on every test sentence:
  lexicon     every trigger word of the training split -> its most frequent type (a baseline);
  pipeline    the events `extract()` returns: what a user gets;
  pipeline, VHE's types only: the same, leaving out the events of types VHE does not annotate
              (Contact.Statement, Conflict.Deploy, Policy.Decide, ...), which count as wrong above.

A predicted trigger is right when it overlaps a gold trigger of the same type, pairs taken
one to one (classification); identification ignores the type. Skips with a message when
../shared is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VHE = ROOT.parent / "shared" / "data" / "vhe"
TRAIN_SCRIPT = ROOT / "scripts" / "train_event_model.py"
sys.path.insert(0, str(ROOT))


def _train_module():
    spec = importlib.util.spec_from_file_location("train_event_model", TRAIN_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lexicon_baseline(T, train_rows, vhe_types):
    """Syllable-level longest match of the training split's trigger words."""
    from pipeline.events.features import longest_matches
    from pipeline.io.normalize import fold
    counts: dict[tuple[str, ...], Counter] = {}
    for row in train_rows:
        for s, e, etype in T.gold_triggers(row, vhe_types):
            counts.setdefault(tuple(fold(row["text"][s:e]).split()), Counter())[etype] += 1
    lexicon = {k: c.most_common(1)[0][0] for k, c in counts.items()}
    longest = max(map(len, lexicon))

    def predict(text: str):
        folded = fold(text)
        spans, at = [], 0
        for part in folded.split(" "):
            if part:
                spans.append((at, at + len(part), part))
            at += len(part) + 1
        return [(spans[i][0], spans[j - 1][1], lexicon[key])
                for i, j, key in longest_matches([x[2] for x in spans], lexicon, longest)]
    return predict


def score(T, rows, vhe_types, predict) -> dict:
    tot, per = Counter(), defaultdict(Counter)
    for row in rows:
        gold = T.gold_triggers(row, vhe_types)
        pred = predict(row["text"])
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["tp"] += T.match(gold, pred, typed=True)
        tot["tp_id"] += T.match(gold, pred, typed=False)
        for etype in {g[2] for g in gold} | {p[2] for p in pred}:
            g = [x for x in gold if x[2] == etype]
            p = [x for x in pred if x[2] == etype]
            per[etype]["gold"] += len(g)
            per[etype]["pred"] += len(p)
            per[etype]["tp"] += T.match(g, p, typed=True)
    return {"cls": T.prf(tot["tp"], tot["pred"], tot["gold"]), "id": T.prf(tot["tp_id"], tot["pred"], tot["gold"]),
            "per": per}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhe", type=Path, default=DEFAULT_VHE, help="folder holding vhe_events.jsonl")
    ap.add_argument("--per-type", action="store_true", help="also per type (types with 10 test triggers or more)")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a pipeline config override, as `vnevents run --set`")
    args = ap.parse_args(argv)
    T = _train_module()
    if not (args.vhe / T.VHE_FILE).is_file():
        print(f"skipped: VHE not found at {args.vhe / T.VHE_FILE} (../shared is not here)")
        return 0
    from pipeline import extract, load
    from pipeline.ontology import load_ontology
    ontology = load_ontology()
    vhe_types = ontology.from_vhe()
    annotated = frozenset(vhe_types.values())
    rows = T.read_vhe(args.vhe, vhe_types)
    train_rows = [r for r in rows if T.split_of(r["id"]) == "train"]
    test_rows = [r for r in rows if T.split_of(r["id"]) == "test"]
    from confection import try_load_json
    nlp = load(overrides={k: try_load_json(v) for k, _, v in (s.partition("=") for s in args.set)})
    t0 = time.time()
    cache: dict[str, list] = {}

    def pipeline_events(text: str):
        if text not in cache:
            cache[text] = [(e.trigger_start, e.trigger_end, e.type) for e in extract(text, nlp=nlp).events]
        return cache[text]
    systems = [("lexicon of the training split", lexicon_baseline(T, train_rows, vhe_types)),
               ("pipeline", pipeline_events),
               ("pipeline, VHE's types only", lambda text: [x for x in pipeline_events(text) if x[2] in annotated])]
    print(f"VHE test split: {len(test_rows)} of {len(rows)} sentences, "
          f"{sum(len(T.gold_triggers(r, vhe_types)) for r in test_rows)} triggers")
    for name, predict in systems:
        s = score(T, test_rows, vhe_types, predict)
        (p, r, f), (ip, ir, i_f) = s["cls"], s["id"]
        print(f"{name:32s} classification P {p:.3f} R {r:.3f} F1 {f:.3f}   identification F1 {i_f:.3f}")
        if args.per_type and name == "pipeline":
            for etype, c in sorted(s["per"].items(), key=lambda kv: -kv[1]["gold"]):
                if c["gold"] >= 10:
                    print(f"    {etype:34s} gold {c['gold']:4d}  F1 {T.prf(c['tp'], c['pred'], c['gold'])[2]:.3f}")
    print(f"({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
