"""`vnevents eval`: accuracy of a document record against a hand annotation in the
reference format (../shared/data/reference/ANNOTATION.md), or in brat standoff (a corrected
`.ann` of `run --format brat`, read into that format): timexes (relaxed and strict
span F1, TIMEX3 value F1, look-alike traps tagged), entities (exact-span F1 per label,
GPE counted as LOC; alias-pair F1), events (dated-event F1: same sentence and same
value; type accuracy; timeline date set F1).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import Messages, PipelineError
from .spans import overlap

COARSE = {"PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairs(gold: list[dict], pred: list[dict], same) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching in gold order."""
    free = list(range(len(pred)))
    out = []
    for g in gold:
        for k in free:
            if same(g, pred[k]):
                out.append((g, pred[k]))
                free.remove(k)
                break
    return out


def score_timexes(gold: dict, pred: dict) -> dict:
    strict_gold = [t for t in gold.get("timexes", []) if t.get("strict_timex3", True)]
    connectives = [t for t in gold.get("timexes", []) if not t.get("strict_timex3", True)]
    preds = [p for p in pred.get("timexes", [])
             if not any(overlap(c["start"], c["end"], p["start"], p["end"]) for c in connectives)
             or any(overlap(g["start"], g["end"], p["start"], p["end"]) for g in strict_gold)]
    matched = pairs(strict_gold, preds, lambda g, p: overlap(g["start"], g["end"], p["start"], p["end"]))

    def exact(g, p):
        spans = {(g["start"], g["end"])}
        if g.get("span_with_signal"):
            spans.add((g["span_with_signal"]["start"], g["span_with_signal"]["end"]))
        return (p["start"], p["end"]) in spans
    strict = sum(exact(g, p) for g, p in matched)
    values = sum(p.get("value") in {g["value"], *(g.get("alt_values") or [])} for g, p in matched)
    traps = sum(1 for p in preds
                if any(overlap(t["start"], t["end"], p["start"], p["end"]) for t in gold.get("non_timex_traps", []))
                and not any(overlap(g["start"], g["end"], p["start"], p["end"]) for g in strict_gold))
    p, r, f = f1(len(matched), len(preds), len(strict_gold))
    return {"timex_relaxed_p": p, "timex_relaxed_r": r, "timex_relaxed_f1": f,
            "timex_strict_f1": f1(strict, len(preds), len(strict_gold))[2],
            "timex_value_f1": f1(values, len(preds), len(strict_gold))[2],
            "timex_traps_tagged": traps}


def score_entities(gold: dict, pred: dict) -> dict:
    g_ents = [dict(e, _l=COARSE[e.get("type", e.get("label"))]) for e in gold.get("entities", [])
              if not e.get("nested") and e.get("type", e.get("label")) in COARSE]
    p_ents = [dict(e, _l=COARSE[e["label"]]) for e in pred.get("entities", []) if e["label"] in COARSE]
    exact = pairs(g_ents, p_ents, lambda g, p: (g["start"], g["end"], g["_l"]) == (p["start"], p["end"], p["_l"]))
    loose = pairs(g_ents, p_ents, lambda g, p: g["_l"] == p["_l"] and overlap(g["start"], g["end"], p["start"], p["end"]))
    out = {}
    out["entity_exact_p"], out["entity_exact_r"], out["entity_exact_f1"] = f1(len(exact), len(p_ents), len(g_ents))
    for lab in ("PER", "LOC", "ORG"):
        out[f"entity_{lab}_f1"] = f1(sum(g["_l"] == lab for g, _ in exact), sum(p["_l"] == lab for p in p_ents),
                                     sum(g["_l"] == lab for g in g_ents))[2]
    both = same_g = same_p = 0
    for i in range(len(loose)):
        for j in range(i + 1, len(loose)):
            gs = loose[i][0].get("canonical") == loose[j][0].get("canonical")
            ps = loose[i][1].get("canonical") == loose[j][1].get("canonical")
            same_g += gs
            same_p += ps
            both += gs and ps
    out["alias_pair_f1"] = f1(both, same_p, same_g)[2]
    return out


ARGUMENT_ROLES = ("agent", "theme")  # with the place, the arguments argument F1 counts


def event_counts(gold: dict, pred: dict) -> Counter:
    """Counts of the event measures of one document, to be pooled over many (see
    ratios_of): dated events (same sentence, same TIMEX3 value), triggers (overlap; with the
    same type), type on dated matches, timeline dates, and arguments (agent, theme and
    place of trigger-matched events, matched by span overlap and role)."""
    c = Counter()
    g_all, p_all = gold.get("events", []), pred.get("events", [])
    g_ev = [e for e in g_all if e.get("date")]
    p_ev = [e for e in p_all if e.get("time")]

    def same(g, p):
        s = p.get("sentence") or {}
        return overlap(g["sentence_start"], g["sentence_end"], s.get("start", -1), s.get("end", -1)) \
            and p["time"].get("value") == g["date"]
    dated = pairs(g_ev, p_ev, same)
    c["dated_gold"], c["dated_pred"], c["dated_match"] = len(g_ev), len(p_ev), len(dated)
    c["dated_typed"] = sum(g["type"] == p["type"] for g, p in dated)
    gold_dates, pred_dates = {e["date"] for e in g_ev}, {e["time"].get("value") for e in p_ev}
    c["dates_gold"], c["dates_pred"], c["dates_match"] = len(gold_dates), len(pred_dates), len(gold_dates & pred_dates)

    def trig(e):
        return e["trigger"]["start"], e["trigger"]["end"]
    found = pairs(g_all, p_all, lambda g, p: overlap(*trig(g), *trig(p)))
    typed = pairs(g_all, p_all, lambda g, p: g["type"] == p["type"] and overlap(*trig(g), *trig(p)))
    c["trig_gold"], c["trig_pred"], c["trig_match"], c["trig_typed"] = len(g_all), len(p_all), len(found), len(typed)
    spans = {e["id"]: (e["start"], e["end"]) for e in pred.get("entities", [])}
    for g in g_all:
        c["arg_gold"] += len(_gold_arguments(g))
    for p in p_all:
        c["arg_pred"] += len(_pred_arguments(p, spans))
    for g, p in found:
        theirs = _pred_arguments(p, spans)
        c["arg_match"] += len(pairs(_gold_arguments(g), theirs,
                                    lambda a, b: a[0] == b[0] and overlap(a[1], a[2], b[1], b[2])))
    return c


def _gold_arguments(ev: dict) -> list[tuple[str, int, int]]:
    out = [(a["role"], a["start"], a["end"]) for a in ev.get("participants") or []
           if a.get("role") in ARGUMENT_ROLES and "start" in a]
    if ev.get("location_span"):
        out.append(("place", ev["location_span"]["start"], ev["location_span"]["end"]))
    return out


def _pred_arguments(ev: dict, spans: dict) -> list[tuple[str, int, int]]:
    out = [(a["role"], *spans[a["entity_id"]]) for a in ev.get("participants") or []
           if a.get("role") in ARGUMENT_ROLES and a.get("entity_id") in spans]
    place = (ev.get("location") or {}).get("entity_id")
    if place in spans:
        out.append(("place", *spans[place]))
    return out


def ratios_of(c: Counter) -> dict:
    """The event measures from (pooled) counts."""
    p, r, f = f1(c["dated_match"], c["dated_pred"], c["dated_gold"])
    tp, tr, tf = f1(c["trig_match"], c["trig_pred"], c["trig_gold"])
    cp, cr, cf = f1(c["trig_typed"], c["trig_pred"], c["trig_gold"])
    ap, ar, af = f1(c["arg_match"], c["arg_pred"], c["arg_gold"])
    return {"event_dated_p": p, "event_dated_r": r, "event_dated_f1": f,
            "event_type_accuracy": c["dated_typed"] / c["dated_match"] if c["dated_match"] else 0.0,
            "timeline_dates_f1": f1(c["dates_match"], c["dates_pred"], c["dates_gold"])[2],
            "trigger_p": tp, "trigger_r": tr, "trigger_f1": tf,
            "trigger_typed_p": cp, "trigger_typed_r": cr, "trigger_typed_f1": cf,
            "argument_p": ap, "argument_r": ar, "argument_f1": af}


def score_events(gold: dict, pred: dict) -> dict:
    return ratios_of(event_counts(gold, pred))


def evaluate(gold: dict, pred: dict) -> dict:
    return {**score_timexes(gold, pred), **score_entities(gold, pred), **score_events(gold, pred)}


def _read(path: Path, message: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = getattr(exc, "strerror", None) or (f"not JSON ({exc.msg}, line {exc.lineno})"
                                                   if isinstance(exc, json.JSONDecodeError)
                                                   else f"not JSON that can be read ({type(exc).__name__})")
        raise PipelineError(message.format(path=path, reason=reason)) from None
    if not isinstance(data, dict):
        raise PipelineError(message.format(path=path, reason="not a JSON object"))
    return data


def _check(data: dict, schema_name: str, path: Path, message: str) -> None:
    import jsonschema

    from .export.schemas import schema
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise PipelineError(message.format(path=path, reason=f"at {where}: {error.message[:200]}"))


def read_brat_gold(ann_path: Path, pred: dict | None = None) -> dict:
    """A brat annotation (`.ann`, with its `.txt` beside it: what `run --format brat` writes,
    corrected by hand) as a gold annotation in the reference format. When `pred` is given,
    the .txt must be the text its record was made from (same sha256)."""
    import hashlib

    from .export.brat import AnnError, gold_from_ann
    from .ontology import load_ontology
    ann_path, txt_path = Path(ann_path), Path(ann_path).with_suffix(".txt")
    try:
        ann, text = (p.read_bytes().decode("utf-8") for p in (ann_path, txt_path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"'{exc.filename}': {exc.strerror}" if isinstance(exc, OSError) else f"not UTF-8 ({exc.reason})"
        raise PipelineError(Messages.E041.format(path=ann_path, reason=reason)) from None
    if pred is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() != pred.get("text_sha256"):
        raise PipelineError(Messages.E041.format(path=ann_path, reason=f"'{txt_path.name}' is not the text "
                                                                       "the record was made from"))
    try:
        return gold_from_ann(ann, text, load_ontology().names)
    except AnnError as exc:
        raise PipelineError(Messages.E041.format(path=ann_path, reason=str(exc))) from None


def evaluate_files(gold_path: Path, pred_path: Path) -> dict:
    """Scores of a document record against a gold annotation (the reference JSON format, or
    a brat `.ann` with its `.txt`); both files are checked against their schema first, so
    anything else is refused in one line."""
    pred = _read(pred_path, Messages.E040)
    _check(pred, "document", pred_path, Messages.E040)
    if Path(gold_path).suffix == ".ann":
        gold = read_brat_gold(gold_path, pred)
    else:
        gold = _read(gold_path, Messages.E041)
    _check(gold, "gold", gold_path, Messages.E041)
    return evaluate(gold, pred)


def format_scores(scores: dict) -> str:
    return "\n".join(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}" for k, v in scores.items())
