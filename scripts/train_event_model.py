"""Train the CRF event-trigger tagger on VHE (Vietnamese Historical Events, PACLIC 2024).

    .venv/bin/python scripts/train_trigger_crf.py [--vhe ../shared/data/vhe] [--out DIR] [--dev]

Each VHE sentence goes to the training or the test split by a hash of its id (80/20, see
`split_of`); nothing of the data is written into the repository, only the trained model:
models/events/trigger_crf_vhe_<YYYYMMDD>/{model.crfsuite, features.json, meta.json}
(README.md there is written by hand). Sentences are tokenised and POS-tagged by the
pipeline's own tokenizer and `vi_tagger` component, so the model sees the words it will
see at run time; each gold trigger becomes BIO labels over the words it overlaps, with
VHE's type names mapped to the contract's `Category.Subtype` (VHE_TYPES).

--dev holds out a further 10% of the training split (hash buckets 70-79), trains on the
rest and prints the scores on it without writing anything: use it to choose settings,
so the test split stays unseen until benchmarks/bench_vhe.py.
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

from pipeline.io.normalize import fold  # noqa: E402
from pipeline.events.model import (COLUMNS, FEATURES_FILE, FORMAT, LEXICON_FILE, MODEL_FILE,  # noqa: E402
                                    PriorLexicon, bio_spans, check_template, columns, longest_matches,
                                    repair, syllables)

DEFAULT_VHE = ROOT.parent / "shared" / "data" / "vhe"
VHE_FILE = "vhe_events.jsonl"

# VHE event type -> the contract's events[].type (docs/contract.md). VHE's two nature
# types have no ACE counterpart and become Other; "accquit" is VHE's spelling.
VHE_TYPES = {
    "be-born": "Life.Be-Born", "marry": "Life.Marry", "divorce": "Life.Divorce",
    "injure": "Life.Injure", "die": "Life.Die",
    "transport": "Movement.Transport",
    "start-position": "Personnel.Start-Position", "end-position": "Personnel.End-Position",
    "elect": "Personnel.Elect", "nominate": "Personnel.Nominate",
    "arrest-jail": "Justice.Arrest-Jail", "release-parole": "Justice.Release-Parole",
    "trial-hearing": "Justice.Trial-Hearing", "charge-indict": "Justice.Charge-Indict",
    "sue": "Justice.Sue", "convict": "Justice.Convict", "sentence": "Justice.Sentence",
    "fine": "Justice.Fine", "execute": "Justice.Execute", "extradite": "Justice.Extradite",
    "accquit": "Justice.Acquit", "appeal": "Justice.Appeal",
    "pardon": "Justice.Pardon",
    "transfer-ownership": "Transaction.Transfer-Ownership", "transfer-money": "Transaction.Transfer-Money",
    "start-org": "Business.Start-Org", "end-org": "Business.End-Org", "merge-org": "Business.Merge-Org",
    "declare-bankruptcy": "Business.Declare-Bankruptcy",
    "attack": "Conflict.Attack", "demonstrate": "Conflict.Demonstrate",
    "meet": "Contact.Meet", "phone-write": "Contact.Phone-Write",
    "natural-disaster": "Other", "natural-phenomenon": "Other",
}

# Feature templates over pipeline.trigger_model.COLUMNS: 0 folded word, 1 POS, 2 shape,
# 3 first syllable, 4 last syllable, 5 lexicon prior band, 6 lexicon type@band.
TEMPLATES = [
    "T[0]", "T[-1]", "T[1]", "T[-2]", "T[2]",
    "T[-1,0]", "T[0,1]", "T[-2,-1]", "T[1,2]",
    "T[0][1]", "T[-1][1]", "T[1][1]", "T[-2][1]", "T[2][1]", "T[-1,0][1]", "T[0,1][1]",
    "T[0][2]", "T[-1][2]", "T[1][2]",
    "T[0][3]", "T[0][4]", "T[-1][4]", "T[1][3]",
    "T[-3]", "T[3]", "T[-2][4]", "T[2][3]", "T[-1][3]", "T[1][4]",
    "T[0][5]", "T[0][6]", "T[-1][5]", "T[1][5]", "T[-1][6]", "T[1][6]",
]
# Chosen with --dev (buckets 70-79 of the training split). Without the prior columns,
# extra templates, L2 from 0.001 to 1, 100 or 200 iterations and min freq 1-3 all scored
# dev F1 0.60-0.62 (min freq 1 gives 12 MB for the same F1), below the training-split
# lexicon filtered to words that are triggers half the time (0.63): the CRF left many
# "làm", "giết", "chết" untagged. The prior columns (a word's best lexicon match and how
# often it was a trigger) brought dev F1 to 0.64-0.65 with L2 0.01-0.1.
# underthesea_core's L1 (OWL-QN) diverges to NaN on this data, leaving every weight zero,
# so the model is L2 only.
PRIOR_FOLDS = 5  # training sentences get their prior from a lexicon of the other folds

SPLIT_BUCKETS = 100
TRAIN_BELOW = 80   # buckets 0-79: training split; 80-99: test split
DEV_FROM = 70      # with --dev, buckets 70-79 of the training split are held out


def bucket(sentence_id: str) -> int:
    return int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16) % SPLIT_BUCKETS


def split_of(sentence_id: str) -> str:
    """'train' or 'test', fixed by the sentence id alone."""
    return "train" if bucket(sentence_id) < TRAIN_BELOW else "test"


def read_vhe(vhe_dir: Path) -> list[dict]:
    path = Path(vhe_dir) / VHE_FILE
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                for ev in row["events"]:
                    if ev["type"] not in VHE_TYPES:
                        raise ValueError(f"{path}:{line_no}: unknown VHE event type '{ev['type']}'")
                rows.append(row)
    return rows


def gold_triggers(row: dict) -> list[tuple[int, int, str]]:
    """The sentence's distinct (start, end, contract type) triggers, whitespace trimmed.
    VHE repeats a trigger once per event it heads ("gia phong" for two people): kept once."""
    text, out = row["text"], set()
    for ev in row["events"]:
        s, e = ev["offset"]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.add((s, e, VHE_TYPES[ev["type"]]))
    return sorted(out)


def load_tokenizer():
    """The pipeline's tokenizer and POS tagger only (the other stages are not needed)."""
    from pipeline import load
    nlp = load(overrides={"nlp.pipeline": ["vi_tagger"], "components.vi_tagger.ner": False})
    return nlp, nlp.get_pipe("vi_tagger")


def sentences_of(nlp, tagger, text: str):
    """[(words, pos, char spans)] for each pipeline sentence of the text."""
    from pipeline.text.extensions import sentences
    doc = tagger(nlp.make_doc(text))
    out = []
    for sent in sentences(doc):
        toks = [t for t in sent if not t.is_space]
        if toks:
            out.append(([t.text for t in toks], [t.tag_ for t in toks], [(t.idx, t.idx + len(t.text)) for t in toks]))
    return out


def bio_labels(spans: list[tuple[int, int]], gold: list[tuple[int, int, str]], stats: Counter) -> list[str]:
    """Words overlapping a gold trigger take its label (B- on the first word). A word that
    two triggers overlap keeps the first (by start, then type name) and is counted."""
    labels = ["O"] * len(spans)
    for gs, ge, gtype in gold:
        hit = [k for k, (s, e) in enumerate(spans) if s < ge and gs < e]
        if not hit:
            continue
        if any(labels[k] != "O" for k in hit):
            stats["word shared by two triggers"] += 1
            hit = [k for k in hit if labels[k] == "O"]
            if not hit:
                continue
        for n, k in enumerate(hit):
            labels[k] = ("B-" if n == 0 else "I-") + gtype
        if (spans[hit[0]][0], spans[hit[-1]][1]) != (gs, ge):
            stats["trigger not on word bounds"] += 1
    return repair(labels)


def prepare(nlp, tagger, rows: list[dict]) -> tuple[list[dict], Counter]:
    """Tokenise every VHE sentence: [{id, text, gold, sents: [(words, pos, spans, labels)]}]."""
    stats, out = Counter(), []
    for row in rows:
        gold = gold_triggers(row)
        sents = []
        for words, pos, spans in sentences_of(nlp, tagger, row["text"]):
            sents.append((words, pos, spans, bio_labels(spans, gold, stats)))
        out.append({"id": row["id"], "text": row["text"], "gold": gold, "sents": sents})
        stats["gold triggers"] += len(gold)
    return out, stats


def build_lexicon(prepared: list[dict]) -> dict[tuple[str, ...], tuple[str, float]]:
    """Every gold trigger word of these sentences (as folded syllables) -> (its most frequent
    type, the share of its matches in the same sentences that overlap a gold trigger).
    Matches are longest first over syllables, as PriorLexicon matches at run time."""
    types: dict[tuple[str, ...], Counter] = {}
    for item in prepared:
        for s, e, etype in item["gold"]:
            key = tuple(fold(item["text"][s:e]).split())
            if key:
                types.setdefault(key, Counter())[etype] += 1
    lexicon = {key: c.most_common(1)[0][0] for key, c in sorted(types.items())}
    longest = max(map(len, lexicon), default=1)
    hits, seen = Counter(), Counter()
    for item in prepared:
        for words, _, spans, _ in item["sents"]:
            syl = syllables(words)
            for i, j, key in longest_matches([x[2] for x in syl], lexicon, longest):
                s = spans[syl[i][0]][0] + syl[i][1]
                e = spans[syl[j - 1][0]][0] + syl[j - 1][1] + len(syl[j - 1][2])
                seen[key] += 1
                hits[key] += any(s < ge and gs < e for gs, ge, _ in item["gold"])
    return {key: (etype, hits[key] / seen[key] if seen[key] else 0.0) for key, etype in lexicon.items()}


def featurize(prepared: list[dict], templates: list[str], folds: int = PRIOR_FOLDS):
    """Feature rows and labels. Each sentence's prior comes from a lexicon built on the
    other folds, so a word seen once is not a perfect cue in training that it cannot be
    at run time (the shipped lexicon is built on the whole training split)."""
    from underthesea_core import CRFFeaturizer
    featurizer = CRFFeaturizer(templates, set())
    X, Y = [], []
    for fold_no in range(folds):
        part = [item for item in prepared if bucket(item["id"]) % folds == fold_no]
        rest = [item for item in prepared if bucket(item["id"]) % folds != fold_no]
        prior = PriorLexicon(build_lexicon(rest))
        for item in part:
            for words, pos, _, labels in item["sents"]:
                X.append(featurizer.process([columns(words, pos, prior)])[0])
                Y.append(labels)
    return X, Y


def prune(X: list[list[list[str]]], min_freq: int) -> tuple[list[list[list[str]]], int, int]:
    """Drop attributes seen fewer than min_freq times in training (the model ignores unseen
    attributes at run time, so the tagger needs no list of them)."""
    counts = Counter(a for seq in X for row in seq for a in row)
    keep = {a for a, c in counts.items() if c >= min_freq}
    return [[[a for a in row if a in keep] for row in seq] for seq in X], len(counts), len(keep)


def train(X, Y, l2: float, iterations: int, verbose: int = 0):
    from underthesea_core import CRFTrainer
    trainer = CRFTrainer(loss_function="lbfgs", l1_penalty=0.0, l2_penalty=l2,
                         max_iterations=iterations, averaging=True, verbose=verbose)
    return trainer.train(X, Y)


# ------------------------------------------------------------------ scoring

def char_spans(spans: list[tuple[int, int]], tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Word runs (first, last + 1, type) -> character spans."""
    return [(spans[i][0], spans[j - 1][1], t) for i, j, t in tagged]


def match(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]], typed: bool = True) -> int:
    """How many predictions pair one-to-one with an overlapping gold trigger (of the same
    type when typed). Pairs are taken greedily, largest overlap first."""
    pairs = []
    for gi, (gs, ge, gt) in enumerate(gold):
        for pi, (ps, pe, pt) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0 and (not typed or gt == pt):
                pairs.append((-overlap, gi, pi))
    used_g, used_p = set(), set()
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(prepared: list[dict], predict) -> dict:
    """predict(words, pos) -> [(first, last + 1, type)]; returns typed and untyped P/R/F1."""
    totals = Counter()
    for item in prepared:
        pred = []
        for words, pos, spans, _ in item["sents"]:
            pred.extend(char_spans(spans, predict(words, pos)))
        totals["gold"] += len(item["gold"])
        totals["pred"] += len(pred)
        totals["tp"] += match(item["gold"], pred, typed=True)
        totals["tp_id"] += match(item["gold"], pred, typed=False)
    return {"classification": prf(totals["tp"], totals["pred"], totals["gold"]),
            "identification": prf(totals["tp_id"], totals["pred"], totals["gold"]),
            "gold": totals["gold"], "predicted": totals["pred"]}


def crf_predictor(model_path: Path, templates: list[str], prior: PriorLexicon):
    from underthesea_core import CRFFeaturizer, CRFTagger
    tagger = CRFTagger()
    tagger.load(str(model_path))
    featurizer = CRFFeaturizer(templates, set())

    def predict(words, pos):
        return bio_spans(repair(list(tagger.tag(featurizer.process([columns(words, pos, prior)])[0]))))
    return predict


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhe", type=Path, default=DEFAULT_VHE, help="folder holding vhe_events.jsonl")
    ap.add_argument("--out", type=Path, default=None,
                    help="model folder (default models/events/trigger_crf_vhe_<today>)")
    ap.add_argument("--l2", type=float, default=0.1, help="L2 penalty")
    ap.add_argument("--iterations", type=int, default=100, help="L-BFGS iterations")
    ap.add_argument("--min-freq", type=int, default=3, help="drop attributes seen fewer times in training")
    ap.add_argument("--verbose", type=int, default=0, help="trainer log level")
    ap.add_argument("--dev", action="store_true", help="score on a dev part of the training split; write nothing")
    args = ap.parse_args(argv)

    if not (args.vhe / VHE_FILE).is_file():
        print(f"VHE not found: {args.vhe / VHE_FILE}", file=sys.stderr)
        return 2
    for template in TEMPLATES:
        reason = check_template(template)
        if reason:
            raise SystemExit(f"bad template {template!r}: {reason}")

    t0 = time.time()
    rows = read_vhe(args.vhe)
    train_rows = [r for r in rows if split_of(r["id"]) == "train"]
    test_n = len(rows) - len(train_rows)
    dev_rows: list[dict] = []
    if args.dev:
        dev_rows = [r for r in train_rows if bucket(r["id"]) >= DEV_FROM]
        train_rows = [r for r in train_rows if bucket(r["id"]) < DEV_FROM]
    nlp, tagger = load_tokenizer()
    prepared, stats = prepare(nlp, tagger, train_rows)
    X, Y = featurize(prepared, TEMPLATES)
    X, n_attrs, n_kept = prune(X, args.min_freq)
    prior = PriorLexicon(build_lexicon(prepared))
    dev_note = f"dev {len(dev_rows)}, " if args.dev else ""
    print(f"VHE: {len(rows)} sentences; train {len(train_rows)}, {dev_note}test {test_n} (held out); "
          f"{len(X)} training sequences, {stats['gold triggers']} gold triggers; "
          f"{stats['trigger not on word bounds']} not on word bounds, "
          f"{stats['word shared by two triggers']} sharing a word")
    print(f"attributes: {n_attrs}, kept {n_kept} (min freq {args.min_freq}); tokenised in {time.time() - t0:.1f}s")

    t1 = time.time()
    model = train(X, Y, args.l2, args.iterations, verbose=args.verbose)
    print(f"trained in {time.time() - t1:.1f}s: {model.num_labels} labels, {model.num_attributes} attributes, "
          f"{model.num_state_features()} state features")

    if args.dev:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / MODEL_FILE
            model.save(str(path))
            dev_prep, _ = prepare(nlp, tagger, dev_rows)
            scores = evaluate(dev_prep, crf_predictor(path, TEMPLATES, prior))
            size = path.stat().st_size
        for key in ("classification", "identification"):
            p, r, f = scores[key]
            print(f"dev {key:15s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        print(f"model size {size / 1e6:.2f} MB")
        return 0

    out = args.out or ROOT / "models" / "events" / f"trigger_crf_vhe_{date.today():%Y%m%d}"
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / MODEL_FILE))
    (out / FEATURES_FILE).write_text(json.dumps(
        {"format": FORMAT, "columns": list(COLUMNS), "templates": TEMPLATES}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    lexicon = prior.to_json()
    (out / LEXICON_FILE).write_text(  # one entry a line, so that a diff shows which words changed
        '{"format": ' + json.dumps(lexicon["format"]) + ', "entries": [\n'
        + ",\n".join(json.dumps(e, ensure_ascii=False) for e in lexicon["entries"]) + "\n]}\n", encoding="utf-8")
    meta = {
        "name": out.name,
        "source": "VHE: Vietnamese Historical Events (Hoang, Nguyen and Dinh, PACLIC 2024), vhe_events.jsonl",
        "licence": "Apache-2.0 (model derived from VHE, Apache-2.0); see README.md",
        "split": {"rule": "sha256(sentence id) % 100 < 80 -> train, else test",
                  "train_sentences": len(train_rows), "test_sentences": test_n},
        "training": {"sequences": len(X), "gold_triggers": stats["gold triggers"], "l1": 0.0, "l2": args.l2,
                     "iterations": args.iterations, "min_freq": args.min_freq, "prior_folds": PRIOR_FOLDS,
                     "lexicon_words": len(prior.entries),
                     "attributes_seen": n_attrs, "attributes_kept": n_kept,
                     "state_features": model.num_state_features(),
                     "trainer": "underthesea_core.CRFTrainer (L-BFGS)"},
        "tokens": "pipeline tokenizer (vnevents.underthesea_tokenizer.v1) and vi_tagger POS",
        "type_map": VHE_TYPES,
        "labels": sorted(model.get_labels()),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
