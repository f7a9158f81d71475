"""`vnevents eval`: accuracy of a document record against a hand annotation in the
reference format (../shared/data/reference/ANNOTATION.md): timexes (relaxed and strict
span F1, TIMEX3 value F1, look-alike traps tagged), entities (exact-span F1 per label,
GPE counted as LOC; alias-pair F1), events (dated-event F1: same sentence and same
value; type accuracy; timeline date set F1).
"""
from __future__ import annotations

import json
from pathlib import Path

from .errors import Messages, PipelineError

_COARSE = {"PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _pairs(gold: list[dict], pred: list[dict], same) -> list[tuple[dict, dict]]:
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
             if not any(_overlap(c["start"], c["end"], p["start"], p["end"]) for c in connectives)
             or any(_overlap(g["start"], g["end"], p["start"], p["end"]) for g in strict_gold)]
    matched = _pairs(strict_gold, preds, lambda g, p: _overlap(g["start"], g["end"], p["start"], p["end"]))

    def exact(g, p):
        spans = {(g["start"], g["end"])}
        if g.get("span_with_signal"):
            spans.add((g["span_with_signal"]["start"], g["span_with_signal"]["end"]))
        return (p["start"], p["end"]) in spans
    strict = sum(exact(g, p) for g, p in matched)
    values = sum(p.get("value") in {g["value"], *(g.get("alt_values") or [])} for g, p in matched)
    traps = sum(1 for p in preds
                if any(_overlap(t["start"], t["end"], p["start"], p["end"]) for t in gold.get("non_timex_traps", []))
                and not any(_overlap(g["start"], g["end"], p["start"], p["end"]) for g in strict_gold))
    p, r, f = _f1(len(matched), len(preds), len(strict_gold))
    return {"timex_relaxed_p": p, "timex_relaxed_r": r, "timex_relaxed_f1": f,
            "timex_strict_f1": _f1(strict, len(preds), len(strict_gold))[2],
            "timex_value_f1": _f1(values, len(preds), len(strict_gold))[2],
            "timex_traps_tagged": traps}


def score_entities(gold: dict, pred: dict) -> dict:
    g_ents = [dict(e, _l=_COARSE[e.get("type", e.get("label"))]) for e in gold.get("entities", [])
              if not e.get("nested") and e.get("type", e.get("label")) in _COARSE]
    p_ents = [dict(e, _l=_COARSE[e["label"]]) for e in pred.get("entities", []) if e["label"] in _COARSE]
    exact = _pairs(g_ents, p_ents, lambda g, p: (g["start"], g["end"], g["_l"]) == (p["start"], p["end"], p["_l"]))
    loose = _pairs(g_ents, p_ents, lambda g, p: g["_l"] == p["_l"] and _overlap(g["start"], g["end"], p["start"], p["end"]))
    out = {}
    out["entity_exact_p"], out["entity_exact_r"], out["entity_exact_f1"] = _f1(len(exact), len(p_ents), len(g_ents))
    for lab in ("PER", "LOC", "ORG"):
        out[f"entity_{lab}_f1"] = _f1(sum(g["_l"] == lab for g, _ in exact), sum(p["_l"] == lab for p in p_ents),
                                     sum(g["_l"] == lab for g in g_ents))[2]
    both = same_g = same_p = 0
    for i in range(len(loose)):
        for j in range(i + 1, len(loose)):
            gs = loose[i][0].get("canonical") == loose[j][0].get("canonical")
            ps = loose[i][1].get("canonical") == loose[j][1].get("canonical")
            same_g += gs
            same_p += ps
            both += gs and ps
    out["alias_pair_f1"] = _f1(both, same_p, same_g)[2]
    return out


def score_events(gold: dict, pred: dict) -> dict:
    g_ev = [e for e in gold.get("events", []) if e.get("date")]
    p_ev = [e for e in pred.get("events", []) if e.get("time")]

    def same(g, p):
        s = p.get("sentence") or {}
        return _overlap(g["sentence_start"], g["sentence_end"], s.get("start", -1), s.get("end", -1)) \
            and p["time"].get("value") == g["date"]
    pairs = _pairs(g_ev, p_ev, same)
    typed = sum(g["type"] == p["type"] for g, p in pairs)
    gold_dates = {e["date"] for e in g_ev}
    pred_dates = {e["time"].get("value") for e in p_ev}
    p, r, f = _f1(len(pairs), len(p_ev), len(g_ev))
    return {"event_dated_p": p, "event_dated_r": r, "event_dated_f1": f,
            "event_type_accuracy": typed / len(pairs) if pairs else 0.0,
            "timeline_dates_f1": _f1(len(gold_dates & pred_dates), len(pred_dates), len(gold_dates))[2]}


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


def evaluate_files(gold_path: Path, pred_path: Path) -> dict:
    """Scores of a document record against a gold annotation; both files are checked
    against their schema first, so anything else is refused in one line."""
    gold, pred = _read(gold_path, Messages.E041), _read(pred_path, Messages.E040)
    _check(gold, "gold", gold_path, Messages.E041)
    _check(pred, "document", pred_path, Messages.E040)
    return evaluate(gold, pred)


def format_scores(scores: dict) -> str:
    return "\n".join(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}" for k, v in scores.items())
