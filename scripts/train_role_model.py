"""Train the role model: for each event trigger, a CRF over the names of its sentence that
labels each with its role in the event (pipeline/events/roles.py), on the project's own
annotated texts (and, with --with-vhe, VHE's training split: Vietnamese Historical Events,
PACLIC 2024).

    .venv/bin/python scripts/train_role_model.py [--out DIR] [--cv K] [--with-vhe [--vhe DIR]]

The events are the gold ones (their triggers and types); the names and words are the
pipeline's (the stages before the events), so the model learns from what it will see. A
name takes the role of the gold argument it overlaps most (VHE's `location` is the place,
`force` an agent, `temporal` none), `place` where it overlaps the gold place, else `O`.
Every sequence also carries the role the hand rules (arguments.py) give each name.
VHE's sentences go to training or test by the hash of split_of (scripts/train_event_model.py);
only the training split is read. Sets kept blind are never read.

--cv K trains K times, each time without one K-th of the project's texts, and prints the
argument scores (role and span overlap, the definitions of `vnevents eval`) on the texts
left out, for the model and for the hand rules alone; it writes nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_event_model import DEFAULT_VHE, VHE_FILE, gold_documents, read_vhe, split_of  # noqa: E402

# the role model's texts: every read set. In the seventeenth round each of sets 9, 10, 13, 14,
# 15 and 16 held out in turn did better with the others and train2 than with sets 1-8 and train
# alone (argument F1 +0.002 to +0.032, -0.003 on set 9; models/events/roles_crf_vi_20261207)
ROLE_TRAIN_SETS = ("set1", "set2", "set4", "set6", "set7", "set8", "train", "set9", "set10", "set13", "set14",
                   "set15", "set16", "train2")

from pipeline.events.roles import NONE, PLACE, ROLE_FILE  # noqa: E402
from pipeline.events.triggers import Trigger  # noqa: E402
from pipeline.ontology import ROLES, load_ontology  # noqa: E402

VHE_ROLES = {"location": PLACE, "force": "agent", "temporal": NONE}
COUNTED = ("agent", "theme", PLACE)  # the roles argument F1 counts (pipeline/evaluate.py)


class Reader:
    """The pipeline up to the event stage, and the event stage's argument rules."""

    def __init__(self):
        from pipeline import load
        self.nlp = load(overrides={"components.vi_events.role_model": None})
        self.stage = self.nlp.get_pipe("vi_events")

    def sequences(self, text: str, dct: str | None, events: list[dict]):
        """(rows, gold labels, rule labels) per gold event of the text; `events`:
        [{start, end, type, args: [(role, start, end)]}]."""
        from pipeline import make_doc
        from pipeline.text.extensions import sentence_words
        doc = make_doc(self.nlp, text, "train", dct, None)
        for name, proc in self.nlp.pipeline:
            if name != "vi_events":
                doc = proc(doc)
        entities = sorted(doc._.entities or [], key=lambda e: e.start)
        args, fold = self.stage.arguments, self.stage.fold
        out = []
        for toks in sentence_words(doc):
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            mine = sorted((ev for ev in events if s <= ev["start"] < e), key=lambda ev: (ev["start"], ev["end"]))
            names = args.names(text, toks, entities)
            if not mine or not names:
                continue
            triggers, gold_of = [], []
            for ev in mine:
                if triggers and (triggers[-1].start, triggers[-1].end) == (ev["start"], ev["end"]):
                    gold_of[-1] = gold_of[-1] + ev["args"]  # one trigger heading two events (VHE)
                    continue
                i = max(k for k, t in enumerate(toks) if t.idx <= ev["start"]) if toks[0].idx <= ev["start"] else 0
                j = max(k for k, t in enumerate(toks) if t.idx < ev["end"])
                triggers.append(Trigger(i, j, ev["start"], ev["end"], ev["type"], ""))
                gold_of.append(list(ev["args"]))
            keys = [fold(t.text) for t in toks]
            agents: list = []
            for k in range(len(triggers)):
                parts, place = args.find(names, triggers, k, toks, agents)
                agents = [p for p in parts if p.role in ("agent", "theme")][:1] or agents
                rows = args.role_rows(names, triggers, k, toks, keys, parts, place)
                gold = [label_of(n.entity, gold_of[k]) for n in names]
                given = {p.entity_id: p.role for p in reversed(parts)}
                rules = [PLACE if place and n.entity.id == place[0] else given.get(n.entity.id, NONE) for n in names]
                out.append((rows, gold, rules, [(n.entity.start, n.entity.end) for n in names], gold_of[k]))
        return out


def label_of(entity, gold_args: list[tuple[str, int, int]]) -> str:
    """The role of the gold argument overlapping the name most, or O."""
    best, size = NONE, 0
    for role, s, e in gold_args:
        common = min(e, entity.end) - max(s, entity.start)
        if common > size:
            best, size = role, common
    return best


def vhe_items(vhe_dir: Path) -> list[dict]:
    ontology = load_ontology()
    vhe_types = ontology.from_vhe()
    rows = [r for r in read_vhe(vhe_dir, vhe_types) if split_of(r["id"]) == "train"]
    out = []
    for r in rows:
        events = []
        for ev in r["events"]:
            s, e = ev["offset"]
            args = []
            for a in ev.get("arguments") or []:
                role = VHE_ROLES.get(a["role"], a["role"])
                if role != NONE and (role in ROLES or role == PLACE):
                    args.append((role, a["offset"][0], a["offset"][1]))
            events.append({"start": s, "end": e, "type": vhe_types[ev["type"]], "args": args})
        out.append({"id": r["id"], "text": r["text"], "dct": None, "events": events})
    return out


def our_items(sets) -> list[dict]:
    """The project's annotated texts with their events' triggers, types and arguments."""
    out = []
    for doc_id, text, dct, gold in gold_documents(sets):
        events = []
        for ev in gold["events"]:
            args = [(a["role"], a["start"], a["end"]) for a in ev.get("participants") or []
                    if "start" in a and a.get("role") in ROLES]
            if ev.get("location_span"):
                args.append((PLACE, ev["location_span"]["start"], ev["location_span"]["end"]))
            events.append({"start": ev["trigger"]["start"], "end": ev["trigger"]["end"], "type": ev["type"],
                           "args": args})
        out.append({"id": doc_id, "text": text, "dct": dct, "events": events})
    return out


def train(seqs, l2: float, iterations: int, min_freq: int):
    from underthesea_core import CRFTrainer
    counts = Counter(f for rows, *_ in seqs for row in rows for f in row)
    X = [[[f for f in row if counts[f] >= min_freq] for row in rows] for rows, *_ in seqs]
    Y = [gold for _, gold, *_ in seqs]
    trainer = CRFTrainer(loss_function="lbfgs", l1_penalty=0.0, l2_penalty=l2, max_iterations=iterations,
                         averaging=True, verbose=0)
    return trainer.train(X, Y)


def score(seqs, labels_of, roles=COUNTED) -> dict:
    """Argument P/R/F1 over the roles argument F1 counts (or `roles`): a predicted (role,
    name) matches a gold (role, span) of the same event that it overlaps; each gold
    argument once."""
    tp = n_pred = n_gold = 0
    for seq in seqs:
        rows, gold, rules, spans, gold_args = seq
        counted = [(r, s, e) for r, s, e in gold_args if r in roles]
        n_gold += len(counted)
        pred = [(lab, *sp) for lab, sp in zip(labels_of(seq), spans) if lab in roles]
        n_pred += len(pred)
        used = set()
        for role, s, e in pred:
            for m, (gr, gs, ge) in enumerate(counted):
                if m not in used and gr == role and s < ge and gs < e:
                    used.add(m)
                    tp += 1
                    break
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def bucket(name: str, folds: int) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % folds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhe", type=Path, default=DEFAULT_VHE, help="folder holding vhe_events.jsonl")
    ap.add_argument("--out", type=Path, default=None, help="model folder (default models/events/roles_crf_vi_<today>)")
    ap.add_argument("--l2", type=float, default=5.0, help="L2 penalty (5.0: cross-validated 0.613, 3.0: 0.612, 2.0: 0.607)")
    ap.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations")
    ap.add_argument("--min-freq", type=int, default=2, help="drop features seen fewer times in training")
    ap.add_argument("--weight", type=int, default=3, help="times each sequence of the project's texts is used")
    ap.add_argument("--cv", type=int, default=0, help="cross-validate over the project's texts; write nothing")
    ap.add_argument("--with-vhe", action="store_true",
                    help="add VHE's training split (it lowered the cross-validated F1: see the model's README)")
    ap.add_argument("--train-sets", nargs="*", default=list(ROLE_TRAIN_SETS))
    args = ap.parse_args(argv)
    if args.with_vhe and not (args.vhe / VHE_FILE).is_file():
        print(f"VHE not found: {args.vhe / VHE_FILE}", file=sys.stderr)
        return 2
    t0 = time.time()
    reader = Reader()
    ours = {it["id"]: reader.sequences(it["text"], it["dct"], it["events"]) for it in our_items(args.train_sets)}
    vhe = [] if not args.with_vhe else [s for it in vhe_items(args.vhe) for s in reader.sequences(it["text"], None,
                                                                                                 it["events"])]
    n_ours = sum(map(len, ours.values()))
    print(f"sequences: {n_ours} from {len(ours)} project texts, {len(vhe)} from VHE; read in {time.time() - t0:.0f}s",
          flush=True)
    if args.cv:
        pooled_model, pooled_rules = [], []
        for k in range(args.cv):
            held = [s for name, seqs in ours.items() if bucket(name, args.cv) == k for s in seqs]
            kept = [s for name, seqs in ours.items() if bucket(name, args.cv) != k for s in seqs]
            model = train(vhe + kept * args.weight, args.l2, args.iterations, args.min_freq)
            from underthesea_core import CRFTagger
            path = Path(f"/tmp/roles_cv_{k}.crfsuite")
            model.save(str(path))
            tagger = CRFTagger()
            tagger.load(str(path))
            path.unlink()
            pooled_model.extend((s, list(tagger.tag(s[0]))) for s in held)
            pooled_rules.extend(held)
        tagged = dict((id(s), lab) for s, lab in pooled_model)
        print("model:", score(pooled_rules, lambda s: tagged[id(s)]))
        print("rules:", score(pooled_rules, lambda s: s[2]))
        for role in COUNTED:
            print(f"  {role:6s} model {score(pooled_rules, lambda s: tagged[id(s)], (role,))}  "
                  f"rules {score(pooled_rules, lambda s: s[2], (role,))}")
        return 0
    all_seqs = vhe + [s for seqs in ours.values() for s in seqs] * args.weight
    model = train(all_seqs, args.l2, args.iterations, args.min_freq)
    out = args.out or ROOT / "models" / "events" / f"roles_crf_vi_{date.today():%Y%m%d}"
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / ROLE_FILE))
    labels = Counter(lab for _, gold, *_ in all_seqs for lab in gold)
    meta = {
        "task": "the role of each name of a sentence in one event (pipeline/events/roles.py)",
        "sources": [f"VHE ({VHE_FILE}), training split" if vhe else None,
                    f"tests/data/events/{{{','.join(args.train_sets)}}} (the project's annotated texts)"],
        "licence": "CC BY-SA 3.0 (features drawn from Wikipedia excerpts)" + ("; VHE: Apache-2.0" if vhe else ""),
        "sequences": {"vhe": len(vhe), "project": n_ours, "project_weight": args.weight},
        "labels": dict(sorted(labels.items())),
        "training": {"trainer": "underthesea_core.CRFTrainer (L-BFGS)", "l2": args.l2,
                     "iterations": args.iterations, "min_freq": args.min_freq},
    }
    meta["sources"] = [s for s in meta["sources"] if s]
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
