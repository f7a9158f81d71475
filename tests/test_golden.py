"""Golden cases: tests/golden/<case>.txt with <case>.expected.json, compared as whole
timelines (dates, events, participants). `pytest --update-golden` rewrites the expected
files; review their diff before committing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))
SETTINGS = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))


def _summary(record: dict) -> dict:
    """What a reader checks in a timeline: each date and each event with its parties."""
    return {
        "timexes": [[t["text"], t["type"], t["value"], t["anchor"]] for t in record["timexes"]],
        "entities": [[e["text"], e["label"], e["canonical"]] for e in record["entities"]],
        "events": [[e["type"], e["trigger"]["text"], (e["time"] or {}).get("value"),
                    [[p["canonical"], p["role"]] for p in e["participants"]],
                    (e["location"] or {}).get("canonical")] for e in record["events"]],
    }


@pytest.mark.parametrize("case", CASES)
def test_golden(run, case, request):
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    got = _summary(run(text, dct=SETTINGS.get(case, {}).get("dct"), doc_id=case).to_dict())
    path = GOLDEN / f"{case}.expected.json"
    if request.config.getoption("--update-golden"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected
