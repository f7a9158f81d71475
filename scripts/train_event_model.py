"""Train the event-trigger model: a CRF over words, their tags, the names and dates of the
earlier stages and the hand lexicon's reading, on VHE's training split (Vietnamese
Historical Events, PACLIC 2024) and the project's own annotated texts.

    .venv/bin/python scripts/train_event_model.py [--vhe ../shared/data/vhe] [--out DIR]
                                                   [--cv K] [--weight W]

Training data:
- VHE: each sentence goes to the training or the test split by a hash of its id (80/20,
  `split_of`); only the training split is read. VHE's types are mapped to the contract's
  through models/events/ontology.yaml. VHE marks only its own types, so a word the hand
  lexicon reads as one of the others (Contact.Statement, Conflict.Deploy, Policy.Decide,
  ...) is labelled with that type where it overlaps no VHE trigger (a silver label).
- The project's texts annotated by the guideline, tests/data/events/{TRAIN_SETS} (never a
  set kept blind), each sentence repeated --weight times: modern prose, which VHE lacks.
Nothing of the data is written into the repository, only the model:
models/events/trigger_crf_vi_<YYYYMMDD>/{model.crfsuite, features.json, lexicon.json, meta.json}.

--cv K trains K times, each time without one K-th of the project's texts (by a hash of the
text's name), and prints the trigger scores on the texts left out, pooled; it writes nothing.
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

from pipeline.events.features import (COLUMNS, PriorLexicon, check_template, columns,  # noqa: E402
                                       longest_matches, syllables)
from pipeline.events.model import (EVENT_LABEL, FEATURES_FILE, FORMAT, IDENTIFY_FILE, LEXICON_FILE,  # noqa: E402
                                    MODEL_FILE, bio_spans, decode, repair)
from pipeline.events.triggers import TriggerFinder, lexicon_spans, retype  # noqa: E402
from pipeline.io.normalize import fold  # noqa: E402
from pipeline.ontology import load_ontology  # noqa: E402
from pipeline.resources import default_models_dir, load_events  # noqa: E402
from pipeline.spans import SpanIndex  # noqa: E402

DEFAULT_VHE = ROOT.parent / "shared" / "data" / "vhe"
VHE_FILE = "vhe_events.jsonl"

EVENTS = ROOT / "tests" / "data" / "events"
# annotated texts to learn from; later sets stay blind. Sets 7 and 8 (read) and train2 joined in
# the tenth round: each of sets 4, 7 and 8 held out in turn, the trigger model trained with the
# others and train2 did better on it (trigger F1 0.775 -> 0.784, 0.743 -> 0.752, 0.742 -> 0.757;
# typed F1 +0.02 each); alone, set 7 had made set 4 worse (0.778 -> 0.773, the round before)
# Sets 9, 10, 13 and 14 (read) joined in the fifteenth round: each held out in turn against the
# model without them, trigger F1 +0.037, +0.009, -0.014, -0.004; dated F1 +0.032, +0.021, -0.002,
# +0.001 (sets 13, 14, 9, 10)
TRAIN_SETS = ("set1", "set2", "set4", "set6", "set7", "set8", "train", "train2", "set9", "set10", "set13", "set14")
BLIND_SETS = ("set3", "set5", "set11", "set12", "set22")  # never read here


# Feature templates over pipeline.events.model.COLUMNS: 0 folded word, 1 POS, 2 shape,
# 3 first syllable, 4 last syllable, 5 prior band, 6 prior type@band, 7 hand lexicon type,
# 8 name label, 9 date, 10 chunk tag.
TEMPLATES = [
    "T[0]", "T[-1]", "T[1]", "T[-2]", "T[2]",
    "T[-1,0]", "T[0,1]", "T[-2,-1]", "T[1,2]",
    "T[0][1]", "T[-1][1]", "T[1][1]", "T[-2][1]", "T[2][1]", "T[-1,0][1]", "T[0,1][1]",
    "T[0][2]", "T[-1][2]", "T[1][2]",
    "T[0][3]", "T[0][4]", "T[-1][4]", "T[1][3]",
    "T[-3]", "T[3]", "T[-2][4]", "T[2][3]", "T[-1][3]", "T[1][4]",
    "T[0][5]", "T[0][6]", "T[-1][5]", "T[1][5]", "T[-1][6]", "T[1][6]",
    "T[0][7]", "T[-1][7]", "T[1][7]",
    "T[0][8]", "T[-1][8]", "T[1][8]", "T[-2][8]", "T[2][8]",
    "T[0][9]", "T[-1][9]", "T[1][9]",
    "T[0][10]", "T[-1][10]", "T[1][10]",
]
# Chosen with --dev (buckets 70-79 of the training split). Without the prior columns,
# extra templates, L2 from 0.001 to 1, 100 or 200 iterations and min freq 1-3 all scored
# dev F1 0.60-0.62 (min freq 1 gives 12 MB for the same F1), below the training-split
# lexicon filtered to words that are triggers half the time (0.63): the CRF left many
# "làm", "giết", "chết" untagged. The prior columns (a word's best lexicon match and how
# often it was a trigger) brought dev F1 to 0.64-0.65 with L2 0.01-0.1.
# underthesea_core's L1 (OWL-QN) diverges to NaN on this data, leaving every weight zero,
# so the model is L2 only.
THRESHOLDS = (None, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1)  # decodings compared by --cv (None: best labels)
PRIOR_FOLDS = 5  # training sentences get their prior from a lexicon of the other folds

SPLIT_BUCKETS = 100
TRAIN_BELOW = 80   # buckets 0-79: training split; 80-99: test split


def bucket(sentence_id: str) -> int:
    return int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16) % SPLIT_BUCKETS


def split_of(sentence_id: str) -> str:
    """'train' or 'test', fixed by the sentence id alone."""
    return "train" if bucket(sentence_id) < TRAIN_BELOW else "test"


def read_vhe(vhe_dir: Path, vhe_types: dict[str, str]) -> list[dict]:
    path = Path(vhe_dir) / VHE_FILE
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                for ev in row["events"]:
                    if ev["type"] not in vhe_types:
                        raise ValueError(f"{path}:{line_no}: VHE type '{ev['type']}' is not in the ontology")
                rows.append(row)
    return rows


def gold_triggers(row: dict, vhe_types: dict[str, str]) -> list[tuple[int, int, str]]:
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
            out.add((s, e, vhe_types[ev["type"]]))
    return sorted(out)


def gold_documents(sets=TRAIN_SETS):
    """(id, text, dct, gold annotation) of each annotated text of the sets; a set kept
    blind is refused."""
    for name in sets:
        if name in BLIND_SETS:
            raise SystemExit(f"{name} is kept blind: it is never trained on")
        for gold_path in sorted((EVENTS / name).glob("*/*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = gold_path.with_name(gold_path.name[:-len(".gold.json")] + ".txt").read_text(encoding="utf-8")
            yield (f"{name}/{gold_path.parent.name}/{gold_path.name[:-10]}", text,
                   (gold.get("document") or {}).get("dct"), gold)


def our_texts(sets=TRAIN_SETS) -> list[dict]:
    """The project's annotated texts: {id, text, dct, gold [(start, end, type)]}."""
    return [{"id": doc_id, "text": text, "dct": dct,
             "gold": sorted({(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in gold["events"]})}
            for doc_id, text, dct, gold in gold_documents(sets)]


class Reader:
    """Runs the pipeline's stages before the events on a text and gives, per sentence, the
    Word views the trigger model sees (pipeline.events.triggers.TriggerFinder.words)."""

    def __init__(self):
        from pipeline import load
        self.nlp = load(overrides={"components.vi_events.trigger_model": None, "components.vi_events.role_model": None})
        res = load_events(default_models_dir(), fold)
        self.finder = TriggerFinder(res, None, fold)

    def sentences(self, text: str, dct: str | None):
        from pipeline import make_doc
        from pipeline.text.extensions import sentence_words
        doc = make_doc(self.nlp, text, "train", dct, None)
        for name, proc in self.nlp.pipeline:
            if name != "vi_events":
                doc = proc(doc)
        names = sorted((e for e in doc._.entities if e.label != "EVENT"), key=lambda e: e.start)
        dates = SpanIndex([(t.start, t.end) for t in doc._.timexes])
        entity_of = _labels(names)
        out = []
        for toks in sentence_words(doc):
            words, tags = self.finder.words(toks, entity_of, dates.hits)
            out.append((words, [(t.idx, t.idx + len(t.text)) for t in toks], tags))
        return out


def _labels(names):
    from bisect import bisect_right
    starts = [e.start for e in names]

    def entity_of(s: int, e: int) -> str:
        k = bisect_right(starts, e - 1) - 1
        while k >= 0 and names[k].start > s - 200:
            if names[k].end > s:
                return names[k].label
            k -= 1
        return ""
    return entity_of


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


def silver(item_gold, sents, unmarked: frozenset[str], stats: Counter) -> list[tuple[int, int, str]]:
    """Hand-lexicon triggers of the types VHE does not annotate, where no VHE trigger is."""
    extra = []
    for words, spans, tags in sents:
        for i, j, etype, flag in lexicon_spans(tags):
            s, e = spans[i][0], spans[j - 1][1]
            if etype in unmarked and flag == "" and not any(s < ge and gs < e for gs, ge, _ in item_gold):
                extra.append((s, e, etype))
                stats["silver triggers"] += 1
    return extra


def prepare(reader: Reader, items: list[dict], unmarked: frozenset[str] | None = None):
    """[{id, text, gold, sents: [(words, spans, labels)]}]; with `unmarked` (VHE), silver
    labels are added for those types."""
    stats, out = Counter(), []
    for item in items:
        sents = reader.sentences(item["text"], item.get("dct"))
        gold = list(item["gold"])
        if unmarked:
            gold = sorted(gold + silver(gold, sents, unmarked, stats))
        out.append({"id": item["id"], "text": item["text"], "gold": gold,
                    "sents": [(w, spans, bio_labels(spans, gold, stats)) for w, spans, _ in sents]})
        stats["gold triggers"] += len(item["gold"])
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
        for words, spans, _ in item["sents"]:
            syl = syllables([w.text for w in words])
            for i, j, key in longest_matches([x[2] for x in syl], lexicon, longest):
                s = spans[syl[i][0]][0] + syl[i][1]
                e = spans[syl[j - 1][0]][0] + syl[j - 1][1] + len(syl[j - 1][2])
                seen[key] += 1
                hits[key] += any(s < ge and gs < e for gs, ge, _ in item["gold"])
    return {key: (etype, hits[key] / seen[key] if seen[key] else 0.0) for key, etype in lexicon.items()}


def featurize(prepared: list[dict], templates: list[str], folds: int = PRIOR_FOLDS, weight: dict | None = None):
    """Feature rows and labels. Each sentence's prior comes from a lexicon built on the
    other folds, so a word seen once is not a perfect cue in training that it cannot be
    at run time (the shipped lexicon is built on the whole training data). `weight` gives
    how many times an item's sentences are repeated (the project's own texts)."""
    from underthesea_core import CRFFeaturizer
    featurizer = CRFFeaturizer(templates, set())
    X, Y = [], []
    for fold_no in range(folds):
        part = [item for item in prepared if bucket(item["id"]) % folds == fold_no]
        rest = [item for item in prepared if bucket(item["id"]) % folds != fold_no]
        prior = PriorLexicon(build_lexicon(rest))
        for item in part:
            for words, _, labels in item["sents"]:
                row = featurizer.process([columns(words, prior)])[0]
                for _ in range((weight or {}).get(item["id"], 1)):
                    X.append(row)
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
    """predict(words) -> [(first, last + 1, type)]; returns typed and untyped P/R/F1."""
    totals = Counter()
    for item in prepared:
        pred = []
        for words, spans, _ in item["sents"]:
            pred.extend(char_spans(spans, predict(words)))
        totals["gold"] += len(item["gold"])
        totals["pred"] += len(pred)
        totals["tp"] += match(item["gold"], pred, typed=True)
        totals["tp_id"] += match(item["gold"], pred, typed=False)
    return {"classification": prf(totals["tp"], totals["pred"], totals["gold"]),
            "identification": prf(totals["tp_id"], totals["pred"], totals["gold"]),
            "gold": totals["gold"], "predicted": totals["pred"], "totals": totals}


def crf_predictor(model_path: Path, templates: list[str], prior: PriorLexicon, threshold: float | None = None,
                  identifier: Path | None = None):
    """predict(words) -> tagged runs, typed as the event stage types them: the typed CRF's
    best labels (threshold None), or every word the identification CRF gives at least
    `threshold` (pipeline.events.model.decode), typed by the hand lexicon, else the typed
    CRF's best labels, else the training lexicon, else Other."""
    from underthesea_core import CRFFeaturizer, CRFTagger
    tagger = CRFTagger()
    tagger.load(str(model_path))
    ident = CRFTagger()
    ident.load(str(identifier))
    featurizer = CRFFeaturizer(templates, set())
    id_labels = list(ident.labels())

    def predict(words):
        feats = featurizer.process([columns(words, prior)])[0]
        typed = repair(list(tagger.tag(feats)))
        if threshold is None:
            runs = bio_spans(typed)
        else:
            runs = []
            for i, j, _ in decode(id_labels, ident.marginals(feats), threshold):
                found = [lab[2:] for lab in typed[i:j] if lab != "O"]
                runs.append((i, j, found[0] if found else ""))
        out = []
        for i, j, etype in runs:
            key = tuple(fold(" ".join(w.text for w in words[i:j])).split())
            out.append((i, j, retype(words[i:j], etype) or (prior.entries.get(key) or ("Other",))[0]))
        return out
    return predict


# ------------------------------------------------------------------ main

def untyped(labels: list[str]) -> list[str]:
    """B-Type / I-Type / O -> B-EV / I-EV / O, the labels of the identification model."""
    return [lab if lab == "O" else f"{lab[:2]}{EVENT_LABEL}" for lab in labels]


def types_only(labels: list[str]) -> list[str]:
    """B-Type / I-Type / O -> B-Type / O: the typed model labels each word of a trigger with
    its type (half the labels of B-/I-, so its best labelling costs a quarter as much)."""
    return [lab if lab == "O" else "B-" + lab[2:] for lab in labels]


def fit(vhe_prep: list[dict], ours: list[dict], args):
    """(typed model, identification model, prior lexicon, stats) trained on the prepared
    VHE and project items, over the same features."""
    items = vhe_prep + ours
    X, Y = featurize(items, TEMPLATES, weight={item["id"]: args.weight for item in ours})
    X, n_attrs, n_kept = prune(X, args.min_freq)
    prior = PriorLexicon(build_lexicon(items))
    t1 = time.time()
    model = train(X, [types_only(y) for y in Y], args.l2, args.iterations, verbose=args.verbose)
    identifier = train(X, [untyped(y) for y in Y], args.l2, args.iterations, verbose=args.verbose)
    return model, identifier, prior, {"sequences": len(X), "attributes_seen": n_attrs, "attributes_kept": n_kept,
                                      "seconds": round(time.time() - t1, 1)}


def cross_validate(vhe_prep: list[dict], ours: list[dict], args) -> int:
    import tempfile
    from collections import defaultdict
    totals = defaultdict(Counter)
    for k in range(args.cv):
        held = [item for item in ours if bucket(item["id"]) % args.cv == k]
        rest = [item for item in ours if bucket(item["id"]) % args.cv != k]
        model, identifier, prior, info = fit(vhe_prep, rest, args)
        with tempfile.TemporaryDirectory() as tmp:
            path, id_path = Path(tmp) / MODEL_FILE, Path(tmp) / IDENTIFY_FILE
            model.save(str(path))
            identifier.save(str(id_path))
            for threshold in THRESHOLDS:
                scores = evaluate(held, crf_predictor(path, TEMPLATES, prior, threshold, identifier=id_path))
                totals[threshold] += scores["totals"]
        p, r, f = prf(totals[None]["tp_id"], totals[None]["pred"], totals[None]["gold"])
        print(f"fold {k}: {len(held)} texts, trained in {info['seconds']}s: trigger P {p:.3f} R {r:.3f} F1 {f:.3f}",
              flush=True)
    for key in sorted(totals, key=str):
        c = totals[key]
        for what, tp in (("identification", "tp_id"), ("classification", "tp")):
            p, r, f = prf(c[tp], c["pred"], c["gold"])
            print(f"cross-validated, {key}: {what:15s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhe", type=Path, default=DEFAULT_VHE, help="folder holding vhe_events.jsonl")
    ap.add_argument("--out", type=Path, default=None,
                    help="model folder (default models/events/trigger_crf_vi_<today>)")
    ap.add_argument("--l2", type=float, default=0.1, help="L2 penalty")
    ap.add_argument("--iterations", type=int, default=100, help="L-BFGS iterations")
    ap.add_argument("--min-freq", type=int, default=5, help="drop attributes seen fewer times in training")
    ap.add_argument("--weight", type=int, default=3, help="times each sentence of the project's texts is used")
    ap.add_argument("--verbose", type=int, default=0, help="trainer log level")
    ap.add_argument("--cv", type=int, default=0, help="cross-validate over the project's texts; write nothing")
    ap.add_argument("--train-sets", nargs="*", default=list(TRAIN_SETS),
                    help="the project's sets to learn from (tests/data/events/<set>)")
    ap.add_argument("--vhe-share", type=float, default=1.0,
                    help="share of VHE's training sentences used (by hash; 0: the project's texts only)")
    args = ap.parse_args(argv)

    if not (args.vhe / VHE_FILE).is_file():
        print(f"VHE not found: {args.vhe / VHE_FILE}", file=sys.stderr)
        return 2
    for template in TEMPLATES:
        reason = check_template(template)
        if reason:
            raise SystemExit(f"bad template {template!r}: {reason}")
    ontology = load_ontology()
    vhe_types = ontology.from_vhe()
    unmarked = frozenset(name for name, etype in ontology.types.items() if not etype.vhe)

    t0 = time.time()
    rows = read_vhe(args.vhe, vhe_types)
    train_rows = [r for r in rows if split_of(r["id"]) == "train"
                  and int(hashlib.sha256(("share:" + r["id"]).encode()).hexdigest(), 16) % 1000 < args.vhe_share * 1000]
    items = [{"id": r["id"], "text": r["text"], "gold": gold_triggers(r, vhe_types)} for r in train_rows]
    reader = Reader()
    vhe_prep, vstats = prepare(reader, items, unmarked)
    ours, ostats = prepare(reader, our_texts(args.train_sets))
    print(f"VHE: {len(rows)} sentences, {len(train_rows)} in the training split ({vstats['gold triggers']} "
          f"triggers, {vstats['silver triggers']} silver); project texts: {len(ours)} ({ostats['gold triggers']} "
          f"triggers, {ostats['trigger not on word bounds']} not on word bounds); read in {time.time() - t0:.0f}s",
          flush=True)
    if args.cv:
        return cross_validate(vhe_prep, ours, args)

    model, identifier, prior, info = fit(vhe_prep, ours, args)
    print(f"trained in {info['seconds']}s: {model.num_labels} labels, {model.num_attributes} attributes")
    out = args.out or ROOT / "models" / "events" / f"trigger_crf_vi_{date.today():%Y%m%d}"
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / MODEL_FILE))
    identifier.save(str(out / IDENTIFY_FILE))
    (out / FEATURES_FILE).write_text(json.dumps(
        {"format": FORMAT, "columns": list(COLUMNS), "templates": TEMPLATES}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    lexicon = prior.to_json()
    (out / LEXICON_FILE).write_text(  # one entry a line, so that a diff shows which words changed
        '{"format": ' + json.dumps(lexicon["format"]) + ', "entries": [\n'
        + ",\n".join(json.dumps(e, ensure_ascii=False) for e in lexicon["entries"]) + "\n]}\n", encoding="utf-8")
    meta = {
        "name": out.name,
        "sources": ["VHE: Vietnamese Historical Events (Hoang, Nguyen and Dinh, PACLIC 2024), vhe_events.jsonl, "
                    "training split", f"tests/data/events/{{{','.join(args.train_sets)}}} (the project's annotated texts)"],
        "licence": "Apache-2.0 (derived from VHE, Apache-2.0, and the project's texts, which include "
                   "Wikipedia excerpts under CC BY-SA 3.0); see README.md",
        "split": {"rule": "sha256(sentence id) % 100 < 80 -> train, else test",
                  "train_sentences": len(train_rows), "test_sentences": len(rows) - len(train_rows)},
        "training": {**info, "vhe_triggers": vstats["gold triggers"], "silver_triggers": vstats["silver triggers"],
                     "project_texts": len(ours), "project_triggers": ostats["gold triggers"],
                     "project_weight": args.weight, "l1": 0.0, "l2": args.l2, "iterations": args.iterations,
                     "min_freq": args.min_freq, "prior_folds": PRIOR_FOLDS, "lexicon_words": len(prior.entries),
                     "trainer": "underthesea_core.CRFTrainer (L-BFGS)"},
        "tokens": "the pipeline's tokenizer, tagger, dates and names (vi_tagger, vi_temporal, vi_entities)",
        "type_map": vhe_types,
        "labels": sorted(model.get_labels()),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
