"""Event-trigger benchmark on the VHE test split (20%, fixed by a hash of each sentence id;
see scripts/train_trigger_crf.py, whose split, tokenisation, type mapping and scoring
this script reuses so that the two cannot disagree).

    .venv/bin/python benchmarks/bench_vhe.py [--vhe ../shared/data/vhe] [--model DIR] [--gate 0.05]

Systems, each tagging every pipeline sentence of the test split:
  a   lexicon from the training split: every gold trigger word -> its most frequent type,
      matched on syllables, longest first;
  a'  the same, keeping only words that are a trigger in at least half of their
      training-split matches;
  b   the hand lexicon models/events/triggers.yaml, matched on words as the event stage does
      (longest first; without the stage's name/date blocking and one-event-per-clause choice);
  b'  the same, only the types VHE annotates (the lexicon's Contact.Statement,
      Conflict.Deploy, Policy.Decide... are events VHE never marks, so they count as wrong);
  c   the CRF (pipeline.events.model.TriggerTagger);
  d1  CRF, plus hand-lexicon triggers (VHE's types) where the CRF tagged nothing;
  d2  as d1, a lexicon trigger kept only when the CRF gives one of its words a trigger
      probability >= --gate (0.05 was chosen on the dev part of the training split);
  d3  as d2, but the gate applies only to words of the CRF's own training lexicon
      (TriggerTagger.knows): on words VHE never marked the CRF has no evidence, and
      modern-text triggers such as "ném bom" get p < 0.05.

A predicted trigger is right when it overlaps a gold trigger of the same type, pairs
taken one to one (classification); identification ignores the type. Gold triggers are
counted once per (span, type). Skips with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VHE = ROOT.parent / "shared" / "data" / "vhe"
TRAIN_SCRIPT = ROOT / "scripts" / "train_trigger_crf.py"
MIN_KEY_PRECISION = 0.5  # a': keep a training-lexicon word only when it is right this often
MIN_GOLD_PER_TYPE = 10  # per-type lines are printed for types with this many test triggers


def _train_module():
    spec = importlib.util.spec_from_file_location("train_trigger_crf", TRAIN_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _latest_model() -> Path | None:
    found = sorted((ROOT / "models" / "events").glob("trigger_crf_vhe_*"))
    return found[-1] if found else None


# ------------------------------------------------------------------ lexicon baseline

def lexicon_predictor(lexicon: dict):
    """Syllable-level longest match of {syllable tuple: type}, as character spans."""
    from pipeline.events.model import longest_matches, syllables
    longest = max(map(len, lexicon), default=1)

    def predict_chars(words, spans):
        syl = syllables(words)
        out = []
        for i, j, key in longest_matches([x[2] for x in syl], lexicon, longest):
            (wi, oi, _), (wj, oj, last) = syl[i], syl[j - 1]
            out.append((spans[wi][0] + oi, spans[wj][0] + oj + len(last), lexicon[key]))
        return out
    return predict_chars


# ------------------------------------------------------------------ hand lexicon and CRF

def hand_predictor(res, fold, types: frozenset | None):
    """Word-level longest match over models/events/triggers.yaml, as pipeline/events.py does."""
    def predict(words, pos):
        keys = [fold(w) for w in words]
        out, i, n = [], 0, len(words)
        while i < n:
            for size in range(min(res.max_trigger_words, n - i), 0, -1):
                hit = res.triggers.get(" ".join(keys[i:i + size]))
                if hit:
                    if types is None or hit[0] in types:
                        out.append((i, i + size, hit[0]))
                    i += size
                    break
            else:
                i += 1
        return out
    return predict


def union_predictor(tagger, hand, gate: float | None, known_only: bool = False):
    """CRF triggers, plus lexicon triggers on words the CRF left untagged (when gate is
    set, only those whose best word has a CRF trigger probability >= gate; with
    known_only, the gate applies only to words the CRF's training lexicon has)."""
    def predict(words, pos):
        crf = tagger.spans(words, pos)
        probs = tagger.trigger_probabilities(words, pos) if gate is not None else None
        out = list(crf)
        for s, e, etype in hand(words, pos):
            if any(s < ce and cs < e for cs, ce, _ in crf):
                continue
            if probs is None or max(probs[s:e]) >= gate or (known_only and not tagger.knows(words[s:e])):
                out.append((s, e, etype))
        return sorted(out)
    return predict


def stage_predictor(tagger, hand):
    """The candidates of pipeline/events.py: the hand lexicon's triggers, plus the CRF's
    triggers on words the lexicon left alone."""
    def predict(words, pos):
        out = list(hand(words, pos))
        for s, e, etype in tagger.spans(words, pos):
            if not any(s < he and hs < e for hs, he, _ in out):
                out.append((s, e, etype))
        return sorted(out)
    return predict


# ------------------------------------------------------------------ scoring

def score(T, items: list[dict], predict_chars) -> dict:
    """predict_chars(words, pos, spans) -> char spans; totals for P/R/F1 overall and per type."""
    tot, per_type = Counter(), defaultdict(Counter)
    for item in items:
        pred = []
        for words, pos, spans, _ in item["sents"]:
            pred.extend(predict_chars(words, pos, spans))
        gold = item["gold"]
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["tp"] += T.match(gold, pred, typed=True)
        tot["tp_id"] += T.match(gold, pred, typed=False)
        for etype in {g[2] for g in gold} | {p[2] for p in pred}:
            g = [x for x in gold if x[2] == etype]
            p = [x for x in pred if x[2] == etype]
            per_type[etype]["gold"] += len(g)
            per_type[etype]["pred"] += len(p)
            per_type[etype]["tp"] += T.match(g, p, typed=True)
    return {"cls": T.prf(tot["tp"], tot["pred"], tot["gold"]), "id": T.prf(tot["tp_id"], tot["pred"], tot["gold"]),
            "pred": tot["pred"], "gold": tot["gold"], "per_type": per_type}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhe", type=Path, default=DEFAULT_VHE, help="folder holding vhe_events.jsonl")
    ap.add_argument("--model", type=Path, default=None, help="CRF model folder (default: newest trigger_crf_vhe_*)")
    ap.add_argument("--gate", type=float, default=0.05,
                    help="CRF trigger probability a lexicon-only trigger needs (d2, d3)")
    args = ap.parse_args(argv)

    exe = Path(sys.executable)
    exe_shown = os.path.relpath(exe) if exe.is_relative_to(Path.cwd()) else str(exe)
    print("command:", shlex.join([exe_shown, *(sys.argv if argv is None else ["benchmarks/bench_vhe.py", *argv])]))
    T = _train_module()
    if not (args.vhe / T.VHE_FILE).is_file():
        print(f"skipped: VHE not found at {args.vhe / T.VHE_FILE} (../shared is not here)")
        return 0
    model_dir = args.model or _latest_model()
    if model_dir is None:
        print("skipped: no models/events/trigger_crf_vhe_* folder; run scripts/train_trigger_crf.py")
        return 0

    from pipeline.io.normalize import fold
    from pipeline.resources import load_events
    from pipeline.events.model import TriggerTagger

    t0 = time.time()
    rows = T.read_vhe(args.vhe)
    train_rows = [r for r in rows if T.split_of(r["id"]) == "train"]
    test_rows = [r for r in rows if T.split_of(r["id"]) == "test"]
    nlp, pos_tagger = T.load_tokenizer()
    train_items, _ = T.prepare(nlp, pos_tagger, train_rows)
    test_items, _ = T.prepare(nlp, pos_tagger, test_rows)
    tagger = TriggerTagger(model_dir).load()
    shown_model = model_dir.relative_to(ROOT) if model_dir.is_relative_to(ROOT) else model_dir
    res = load_events(ROOT / "models", fold)
    vhe_types = frozenset(T.VHE_TYPES.values())
    shares = T.build_lexicon(train_items)
    lexicon = {key: etype for key, (etype, _) in shares.items()}
    sure = {key: etype for key, (etype, share) in shares.items() if share >= MIN_KEY_PRECISION}
    print(f"VHE test split: {len(test_rows)} of {len(rows)} sentences, {sum(len(i['gold']) for i in test_items)} "
          f"triggers (training split {len(train_rows)}); model {shown_model}; "
          f"training lexicon {len(lexicon)} words ({len(sure)} in a'); hand lexicon {len(res.triggers)} words")

    def on_words(predict):
        return lambda words, pos, spans: T.char_spans(spans, predict(words, pos))

    def on_chars(predict):
        return lambda words, pos, spans: predict(words, spans)

    hand_all = hand_predictor(res, fold, None)
    hand_vhe = hand_predictor(res, fold, vhe_types)
    systems = [
        ("a   lexicon, training split", on_chars(lexicon_predictor(lexicon))),
        (f"a'  lexicon, words right >= {MIN_KEY_PRECISION:.0%}", on_chars(lexicon_predictor(sure))),
        ("b   hand lexicon, all types", on_words(hand_all)),
        ("b'  hand lexicon, VHE types", on_words(hand_vhe)),
        ("c   CRF", on_words(tagger.spans)),
        ("d1  CRF + hand lexicon (b')", on_words(union_predictor(tagger, hand_vhe, None))),
        (f"d2  CRF + hand lexicon gated p>={args.gate:g}", on_words(union_predictor(tagger, hand_vhe, args.gate))),
        ("d3  as d2, gate on CRF-known words only", on_words(union_predictor(tagger, hand_vhe, args.gate, True))),
        ("e   event stage: hand lexicon + CRF gaps", on_words(stage_predictor(tagger, hand_all))),
    ]
    results = {}
    print()
    print(f"{'system':42s} {'classification P   R    F1':>27s}   {'identification P   R    F1':>27s} {'pred':>6s}")
    for name, predict in systems:
        r = results[name] = score(T, test_items, predict)
        (p, rc, f), (pi, ri, fi) = r["cls"], r["id"]
        print(f"{name:42s} {p:9.3f} {rc:5.3f} {f:5.3f}   {pi:14.3f} {ri:5.3f} {fi:5.3f} {r['pred']:6d}")

    crf, d2 = results["c   CRF"], results[systems[6][0]]
    print(f"\nper type, test triggers >= {MIN_GOLD_PER_TYPE} (F1 of a / b' / c / d2):")
    for etype, c in sorted(crf["per_type"].items(), key=lambda kv: -kv[1]["gold"]):
        if c["gold"] < MIN_GOLD_PER_TYPE:
            continue
        f1s = []
        for name in (systems[0][0], systems[3][0], systems[4][0], systems[6][0]):
            t = results[name]["per_type"].get(etype, Counter())
            f1s.append(T.prf(t["tp"], t["pred"], t["gold"])[2])
        print(f"  {etype:32s} {c['gold']:4d}  " + " / ".join(f"{x:.3f}" for x in f1s))
    print(f"\n{crf['gold']} gold triggers; d2 adds {d2['pred'] - crf['pred']} lexicon triggers to the CRF's "
          f"{crf['pred']}; {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
