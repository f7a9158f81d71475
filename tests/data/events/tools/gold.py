"""Annotators' tool for the event sets (see ../GUIDELINE.md). Standard library only, and
independent of the pipeline: annotators use it without seeing what the tool under test does.

    python tests/data/events/tools/gold.py sentences FILE.txt   # numbered sentences
    python tests/data/events/tools/gold.py build FOLDER [NAME ...]  # check <NAME>.events.json (all
                                                                    # when none named), write *.gold.json

`build` resolves every string of an annotator's `<name>.events.json` to character offsets in
`<name>.txt` and writes `<name>.gold.json` in the layout of the reference annotation
(`../shared/data/reference/ANNOTATION.md`, section 3): events with `sentence_start`,
`sentence_end`, `trigger{text,start,end}`, `type`, `date`, `date_text`, `date_basis`,
`participants[{name,role,start,end}]`, `location`, `location_span`, `modality`, `negated`.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

TYPES = frozenset("""
Life.Be-Born Life.Marry Life.Divorce Life.Injure Life.Die Movement.Transport
Transaction.Transfer-Ownership Transaction.Transfer-Money Business.Start-Org Business.Merge-Org
Business.Declare-Bankruptcy Business.End-Org Conflict.Attack Conflict.Demonstrate Contact.Meet
Contact.Phone-Write Personnel.Start-Position Personnel.End-Position Personnel.Nominate
Personnel.Elect Justice.Arrest-Jail Justice.Release-Parole Justice.Trial-Hearing
Justice.Charge-Indict Justice.Sue Justice.Convict Justice.Sentence Justice.Fine Justice.Execute
Justice.Extradite Justice.Acquit Justice.Appeal Justice.Pardon Contact.Statement
Contact.Agreement Conflict.Deploy Conflict.Blockade Conflict.Withdraw Artifact.Build
Cognition.Discover Policy.Decide Disaster.Natural Other""".split())
ROLES = frozenset("agent theme recipient beneficiary instrument source goal content experiencer other".split())
MODALITIES = frozenset({None, "future", "possible", "desired", "planned", "proposed", "conditional"})
BASES = frozenset({"explicit", "context", None})
_POINT = (r"(?:-?\d{4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:MO|AF|EV|NI|\d{2}(?::\d{2}(?::\d{2})?)?))?)?|SP|SU|FA|WI|"
          r"Q[1-4]|H[12]|W\d{2}(?:-WE)?))?(?:T(?:MO|AF|EV|NI))?|\d{3}|\d{2}|BC\d{2,4})")
VALUE = re.compile(rf"^(?:{_POINT}(?:/{_POINT})?|PAST_REF|PRESENT_REF|FUTURE_REF)$")
_END = re.compile(r"[.!?…]+(?=\s|$)|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: it ends after '.', '!', '?' or '…' followed by white
    space or the end of the text, or at a newline; white space around it is left out."""
    out, start = [], 0
    for m in _END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        _add(text, start, end, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _find(text: str, span: tuple[int, int], needle: str, nth: int = 1) -> tuple[int, int] | None:
    s, e = span
    at = s - 1
    for _ in range(nth):
        at = text.find(needle, at + 1, e)
        if at < 0:
            return None
    return at, at + len(needle)


def build_one(txt: Path, ann: Path) -> tuple[dict | None, list[str]]:
    errors: list[str] = []
    text = txt.read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        errors.append(f"{txt.name}: the text is not NFC")
    try:
        data = json.loads(ann.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return None, [f"{ann.name}: not JSON: {exc}"]
    sents = sentences(text)
    doc = data.get("document") or {}
    out = []
    for k, ev in enumerate(data.get("events") or [], 1):
        where = f"{ann.name} event {k}"
        s = ev.get("s")
        if not isinstance(s, int) or not 0 <= s < len(sents):
            errors.append(f"{where}: 's' must be a sentence number 0..{len(sents) - 1}")
            continue
        span = sents[s]
        trig = _find(text, span, ev.get("trigger") or "\0", int(ev.get("nth") or 1))
        if trig is None:
            errors.append(f"{where}: trigger {ev.get('trigger')!r} (occurrence {ev.get('nth') or 1}) "
                          f"not in sentence {s}")
            continue
        if ev.get("type") not in TYPES:
            errors.append(f"{where}: unknown type {ev.get('type')!r}")
        date = ev.get("date")
        if date is not None and not (isinstance(date, str) and VALUE.match(date)):
            errors.append(f"{where}: date {date!r} is not a TIMEX3 value")
        basis = ev.get("basis")
        if basis not in BASES or (date is None) != (basis is None):
            errors.append(f"{where}: basis is explicit or context when there is a date, null when not")
        if ev.get("modality") not in MODALITIES:
            errors.append(f"{where}: unknown modality {ev.get('modality')!r}")
        parts = []
        for item in ev.get("args") or []:
            if not (isinstance(item, list) and len(item) in (2, 3) and item[1] in ROLES
                    and (len(item) == 2 or isinstance(item[2], int))):
                errors.append(f"{where}: an arg is [name, role] or [name, role, nth], role one of "
                              f"{sorted(ROLES)}: {item!r}")
                continue
            at = _find(text, span, item[0], item[2] if len(item) == 3 else 1)
            if at is None:
                errors.append(f"{where}: arg {item[0]!r} not in sentence {s}")
                continue
            parts.append({"name": item[0], "role": item[1], "start": at[0], "end": at[1]})
        place = ev.get("place")
        place_span = None
        if place:
            at = _find(text, span, place, int(ev.get("place_nth") or 1))
            if at is None:
                errors.append(f"{where}: place {place!r} not in sentence {s}")
            else:
                place_span = {"start": at[0], "end": at[1]}
        date_text = ev.get("date_text")
        if date is not None and date_text and date_text not in text:
            errors.append(f"{where}: date_text {date_text!r} not in the text")
        out.append({"id": f"ev{len(out) + 1:02d}", "sentence_id": f"s{s}",
                    "sentence_start": span[0], "sentence_end": span[1],
                    "trigger": {"text": text[trig[0]:trig[1]], "start": trig[0], "end": trig[1]},
                    "type": ev.get("type"), "date": date, "date_text": date_text, "date_basis": basis,
                    "participants": parts, "location": place if place_span else None,
                    "location_span": place_span, "modality": ev.get("modality"),
                    "negated": bool(ev.get("negated")), **({"note": ev["note"]} if ev.get("note") else {})})
    gold = {"document": {"id": txt.stem, "path": txt.name, "dct": doc.get("dct"), "genre": doc.get("genre"),
                         "source": doc.get("source"), "licence": doc.get("licence"), "n_chars": len(text)},
            "sentences": [{"id": f"s{k}", "start": a, "end": b} for k, (a, b) in enumerate(sents)],
            "events": out}
    return gold, errors


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "sentences":
        text = Path(argv[1]).read_text(encoding="utf-8")
        for k, (a, b) in enumerate(sentences(text)):
            print(f"[{k}] {text[a:b]}")
        return 0
    if len(argv) >= 2 and argv[0] == "build":
        folder, bad = Path(argv[1]), 0
        names = set(argv[2:])
        for ann in sorted(folder.glob("*.events.json")):
            if names and ann.name[:-len(".events.json")] not in names:
                continue
            txt = ann.with_name(ann.name[:-len(".events.json")] + ".txt")
            if not txt.is_file():
                print(f"{ann.name}: no {txt.name} beside it")
                bad += 1
                continue
            gold, errors = build_one(txt, ann)
            for e in errors:
                print(e)
            bad += len(errors)
            if gold is not None and not errors:
                txt.with_name(txt.stem + ".gold.json").write_text(
                    json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                print(f"{txt.stem}: {len(gold['events'])} events")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
