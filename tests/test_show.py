"""`vnevents show`: reading records and timelines, the filters, the table, the command."""
from __future__ import annotations

import io
import json

import pytest

from pipeline.errors import PipelineError
from pipeline.show import FilterError, filter_events, load_events, render


def _ev(eid, etype, rng=None, names=(), place=None, basis="explicit", value=None, doc_id="doc"):
    time = None
    if rng:
        time = {"timex_id": "T1", "value": value or rng[0], "granularity": "day", "range": list(rng), "basis": basis}
    return {"id": eid, "type": etype, "trigger": {"text": "gặp", "start": 0, "end": 3}, "time": time,
            "participants": [{"entity_id": f"E{k}", "canonical": n, "label": "PER", "role": "agent"}
                             for k, n in enumerate(names)],
            "location": {"entity_id": "E9", "canonical": place} if place else None,
            "sentence": {"index": 0, "start": 0, "end": 3, "text": "gặp"}, "confidence": 0.9, "doc_id": doc_id}


EVENTS = [
    _ev("EV1", "Conflict.Attack", ("1962-10-27", "1962-10-27"), ["Hoa Kỳ"], "Cuba"),
    _ev("EV2", "Conflict.Blockade", ("1962-10-22", "1962-10-22"), ["Kennedy"], basis="context"),
    _ev("EV3", "Contact.Meet", ("1961-01-01", "1961-12-31"), ["Nikita Khrushchev", "Tổng thống Kennedy"], "Vienna",
        value="1961"),
    _ev("EV4", "Contact.Statement", None, ["Hồ Chí Minh"], "Hà Nội"),
    _ev("EV5", "Conflict.Withdraw", ("-0207-01-01", "-0207-12-31"), ["quân Tần"], value="BC0208"),
    _ev("EV6", "Movement.Transport", ("1962-06-01", "1962-08-31"), ["Đoàn Văn Đức"], "Thanh Hóa", value="1962-SU"),
    _ev("EV7", "Contact.Phone-Write", ("1962-10-26", "1962-10-26"), ["Fidel Castro"]),
]


@pytest.mark.parametrize("type_, date_from, date_to, entity, expected", [
    (None, None, None, None, ["EV1", "EV2", "EV3", "EV4", "EV5", "EV6", "EV7"]),
    ("Conflict", None, None, None, ["EV1", "EV2", "EV5"]),           # a category matches its subtypes
    ("conflict.attack", None, None, None, ["EV1"]),                   # case does not matter
    ("Contact.Meet", None, None, None, ["EV3"]),
    ("Con", None, None, None, []),                                     # not a prefix match
    ("Attack", None, None, None, []),
    (None, "1962-10", None, None, ["EV1", "EV2", "EV7"]),             # undated EV4 is left out
    (None, None, "1962-06", None, ["EV3", "EV5", "EV6"]),             # summer 1962 overlaps June
    (None, "1962-08-31", "1962-08-31", None, ["EV6"]),                # overlap on the last day
    (None, "1962-09-01", "1962-10-21", None, []),
    (None, "1962-10-22", "1962-10-26", None, ["EV2", "EV7"]),
    (None, "1961", "1961", None, ["EV3"]),
    (None, "-0300", "-0100", None, ["EV5"]),                          # BC years
    (None, None, "0001", None, ["EV5"]),
    (None, None, None, "kennedy", ["EV2", "EV3"]),                    # substring, any case
    (None, None, None, "Kennedy", ["EV2", "EV3"]),
    (None, None, None, "ha noi", ["EV4"]),                            # no diacritics typed: ignore them
    (None, None, None, "Hà Nội", ["EV4"]),
    (None, None, None, "hà nội", ["EV4"]),
    (None, None, None, "Hà Nôi", []),                                 # diacritics typed must match
    (None, None, None, "Thanh Hoá", ["EV6"]),                         # old tone placement
    (None, None, None, "doan van duc", ["EV6"]),                      # đ typed as d
    (None, None, None, "Đoàn", ["EV6"]),
    (None, None, None, "cuba", ["EV1"]),                              # the place counts
    (None, None, None, "tần", ["EV5"]),
    ("Conflict", "1962", "1962", "hoa ky", ["EV1"]),
    ("Contact", "1962", None, "castro", ["EV7"]),
    (" ", "", "  ", "", ["EV1", "EV2", "EV3", "EV4", "EV5", "EV6", "EV7"]),  # blank filters are no filters
])
def test_filter_events(type_, date_from, date_to, entity, expected):
    got = filter_events(EVENTS, type_, date_from, date_to, entity)
    assert [e["id"] for e in got] == expected


@pytest.mark.parametrize("date_from, date_to", [
    ("1962-13", None), (None, "1962-02-30"), ("1962-02-29", None), ("abc", None), ("1962/10", None),
    ("1962-10-22-1", None), ("١٩٦٢", None), ("1963", "1962"), ("1962-10-28", "1962-10-27"),
])
def test_bad_dates_raise(date_from, date_to):
    with pytest.raises(FilterError) as info:
        filter_events(EVENTS, None, date_from, date_to, None)
    assert isinstance(info.value, PipelineError)
    assert ("--from" in str(info.value)) or ("--to" in str(info.value))


def test_leap_day_is_a_date():
    assert [e["id"] for e in filter_events(EVENTS, None, "1964-02-29", None, None)] == []


# --- loading --------------------------------------------------------------------

def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False),
                    encoding="utf-8")
    return path


def test_load_document_record_sets_doc_id(tmp_path):
    events = [{k: v for k, v in e.items() if k != "doc_id"} for e in EVENTS[:2]]
    path = _write(tmp_path, "rec.json", {"schema_version": "1.0", "doc_id": "cuba", "events": events})
    assert [(e["doc_id"], e["id"]) for e in load_events(path)] == [("cuba", "EV1"), ("cuba", "EV2")]


def test_load_timeline_keeps_doc_ids(tmp_path):
    events = [dict(EVENTS[0], doc_id="a"), dict(EVENTS[1], doc_id="b")]
    path = _write(tmp_path, "timeline.json", {"schema_version": "1.0", "documents": [], "events": events})
    assert [e["doc_id"] for e in load_events(path)] == ["a", "b"]


@pytest.mark.parametrize("content", [
    "", "{not json", "[]", '{"events": 3}', {"doc_id": "x"},
    {"events": [3]}, {"events": [{"id": "EV1"}]},
    {"events": [dict(EVENTS[0], trigger=None)]},
    {"events": [dict(EVENTS[0], time={"range": ["1962-10-27"]})]},
    {"events": [dict(EVENTS[0], time={"range": ["1962-10-27", "hôm qua"]})]},
    {"events": [dict(EVENTS[0], participants=[{"role": "agent"}])]},
    {"events": [dict(EVENTS[0], location="Cuba")]},
])
def test_load_rejects_what_is_not_a_record(tmp_path, content):
    path = _write(tmp_path, "bad.json", content)
    with pytest.raises(PipelineError, match="is not a vnevents document record"):
        load_events(path)


def test_load_missing_or_binary_file(tmp_path):
    with pytest.raises(PipelineError, match="No such file"):
        load_events(tmp_path / "nope.json")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PipelineError):
        load_events(binary)
    with pytest.raises(PipelineError):
        load_events(tmp_path)


# --- the table ----------------------------------------------------------------------

def _printed(events, **kw) -> str:
    from rich.console import Console
    out = io.StringIO()
    render(events, console=Console(file=out, width=200, color_system=None), **kw)
    return out.getvalue()


def test_table_columns_and_cells():
    text = _printed(EVENTS, title="timeline.json", total=10)
    assert "timeline.json — 7 of 10 events" in text
    for header in ("date", "type", "trigger", "participants", "place"):
        assert header in text
    assert "1962-10-22 ~" in text          # carried over from the narrative
    assert "BC0208" in text and "1962-SU" in text and "undated" in text
    assert "Tổng thống Kennedy agent" in text and "Thanh Hóa" in text


def test_table_names_are_not_markup():
    text = _printed([_ev("EV1", "Other", None, ["[bold]Lê[/bold]"], "[red]")])
    assert "[bold]Lê[/bold]" in text and "[red]" in text


def test_table_of_nothing():
    assert "no event matches" in _printed([], title="x.json")


def test_several_documents_prefix_ids():
    text = _printed([dict(EVENTS[0], doc_id="a"), dict(EVENTS[1], doc_id="b")])
    assert "a:EV1" in text and "b:EV2" in text


# --- the command ------------------------------------------------------------------------

def _cli(*args):
    from typer.testing import CliRunner
    from pipeline.cli import app
    return CliRunner().invoke(app, ["show", *map(str, args)])


def test_cli_show_filters(tmp_path):
    path = _write(tmp_path, "timeline.json", {"schema_version": "1.0", "documents": [], "events": EVENTS})
    result = _cli(path, "--type", "Conflict", "--from", "1962", "--entity", "hoa ky")
    assert result.exit_code == 0, result.output
    assert "EV1" in result.output and "EV2" not in result.output and "Hoa Kỳ" in result.output


@pytest.mark.parametrize("content", ["{oops", '{"events": "none"}'])
def test_cli_bad_file_is_one_line_exit_2(tmp_path, content):
    result = _cli(_write(tmp_path, "bad.json", content))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("vnevents: ") and "bad.json" in lines[0]


def test_cli_missing_file_exit_2(tmp_path):
    result = _cli(tmp_path / "absent.json")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_bad_date_exit_2_without_traceback(tmp_path):
    path = _write(tmp_path, "timeline.json", {"schema_version": "1.0", "documents": [], "events": EVENTS})
    result = _cli(path, "--from", "1962-13")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "1962-13" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
