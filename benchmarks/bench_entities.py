"""Entity accuracy next to underthesea's ner() on the same texts, and the stage's throughput.

    .venv/bin/python benchmarks/bench_entities.py [--limit 100]

Texts: the project's own entity table (tests/data/entities_vi.tsv, written for the tests)
and, when ../shared is beside the checkout, the reference text with its hand annotation.
Scores are exact-span F1 over PER, LOC (GPE counted as LOC) and ORG.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import ROOT, viwiki_articles  # noqa: E402

COARSE = {"PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def table_cases():
    for line in (ROOT / "tests" / "data" / "entities_vi.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = (line.split("\t") + [""])[:2]
        gold = []
        for item in expected.split(";;"):
            if item.strip():
                surface, label = item.strip().rsplit("|", 1)
                if label in COARSE:
                    start = text.index(surface)
                    gold.append((start, start + len(surface), COARSE[label]))
        yield text, gold


def reference_case():
    ref = ROOT.parent / "shared" / "data" / "reference"
    if not ref.exists():
        return None
    text = (ref / "cuban_missile_crisis.txt").read_text(encoding="utf-8")
    gold = json.loads((ref / "cuban_missile_crisis.gold.json").read_text(encoding="utf-8"))
    spans = [(e["start"], e["end"], COARSE[e["type"]]) for e in gold["entities"]
             if not e.get("nested") and e["type"] in COARSE]
    return text, spans


def underthesea_spans(text: str, nlp) -> list[tuple[int, int, str]]:
    """underthesea's ner() over each sentence, mapped to character spans."""
    from underthesea import ner
    from pipeline.text.extensions import sentences
    out = []
    for sent in sentences(nlp.make_doc(text)):
        cursor = sent.start_char
        current = None
        for word, _, _, tag in ner(sent.text):
            at = text.find(word, cursor)
            if at < 0:
                at = cursor
            end = at + len(word)
            cursor = end
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
                if current:
                    out.append(tuple(current))
                current = [at, end, tag[2:]]
            elif tag.startswith("I-"):
                current[1] = end
            else:
                if current:
                    out.append(tuple(current))
                current = None
        if current:
            out.append(tuple(current))
    return [(s, e, COARSE[lab]) for s, e, lab in out if lab in COARSE]


def f1(gold, pred):
    tp = len(set(gold) & set(pred))
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100, help="viwiki articles for the throughput figure")
    a = ap.parse_args()
    from pipeline import extract, load
    nlp = load()
    cases = [("own table (tests/data/entities_vi.tsv)", list(table_cases()))]
    ref = reference_case()
    if ref:
        cases.append(("reference text", [ref]))
    for name, items in cases:
        g_all, ours, theirs = [], [], []
        for k, (text, gold) in enumerate(items):
            g_all += [(k, *x) for x in gold]
            ours += [(k, e.start, e.end, COARSE[e.label]) for e in extract(text, nlp=nlp).entities
                     if e.label in COARSE]
            theirs += [(k, *x) for x in underthesea_spans(text, nlp)]
        print(f"{name}: {len(g_all)} gold mentions; exact-span F1 vnevents {f1(g_all, ours):.3f}, "
              f"underthesea ner() {f1(g_all, theirs):.3f}")
        for lab in ("PER", "LOC", "ORG"):
            sel = lambda xs: [x for x in xs if x[3] == lab]  # noqa: E731
            print(f"   {lab}: vnevents {f1(sel(g_all), sel(ours)):.3f}  underthesea {f1(sel(g_all), sel(theirs)):.3f}")
    texts = viwiki_articles(a.limit)
    chars = sum(len(t) for t in texts)
    docs = [nlp.get_pipe("vi_temporal")(nlp.get_pipe("vi_tagger")(nlp.make_doc(t))) for t in texts]
    stage = nlp.get_pipe("vi_entities")
    t0 = time.perf_counter()
    for d in docs:
        stage(d)
    dt = time.perf_counter() - t0
    print(f"entity stage alone (after tagging): {chars / dt:,.0f} chars/s on {len(texts)} viwiki articles")


if __name__ == "__main__":
    main()
