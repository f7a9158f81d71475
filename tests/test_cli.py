"""The command line: usage errors, eval, show, dct, and batch failures."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT

EXE = str(Path(sys.executable).with_name("vnevents"))


def vnevents(*args, cwd=ROOT):
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("args, message", [
    (["run", "corpus", "--format", "xml"], "unknown format"),
    (["run", "corpus", "--dct", "26/11/2026"], "expected YYYY-MM-DD"),
    (["run", "corpus", "--engine", "spark"], "unknown engine"),
    (["run", "EMPTY"], "no input files"),
    (["show", "no-such-file.json"], "not a vnevents document record"),
])
def test_usage_errors_exit_2_without_traceback(args, message, tmp_path):
    (tmp_path / "empty").mkdir()
    args = [str(tmp_path / "empty") if a == "EMPTY" else a for a in args]
    proc = vnevents(*args, "--out", str(tmp_path)) if args[0] == "run" else vnevents(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_eval_on_reference(corpus_run):
    if not REFERENCE.exists():
        pytest.skip("../shared is not here")
    _, out, _ = corpus_run
    proc = vnevents("eval", str(REFERENCE / "cuban_missile_crisis.gold.json"), str(out / "cuban_missile_crisis.json"))
    assert proc.returncode == 0, proc.stderr
    scores = {line.split()[0]: float(line.split()[1]) for line in proc.stdout.splitlines()}
    assert scores["timex_relaxed_f1"] >= 0.95
    assert scores["timex_value_f1"] >= 0.92
    assert scores["timex_traps_tagged"] == 0
    assert scores["entity_exact_f1"] >= 0.88
    assert scores["event_dated_f1"] >= 0.85


def test_show_filters(corpus_run):
    _, out, _ = corpus_run
    proc = vnevents("show", str(out / "timeline.json"), "--type", "Conflict", "--from", "1962-10-22",
                    "--to", "1962-10-25")
    assert proc.returncode == 0, proc.stderr
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    expected = [e for e in timeline["events"] if e["type"].startswith("Conflict.") and e["time"]
                and e["time"]["range"][1] >= "1962-10-22" and e["time"]["range"][0] <= "1962-10-25"]
    assert f"{len(expected)} events" in proc.stdout
    for e in expected:
        assert e["trigger"]["text"] in proc.stdout


def test_dct_resolves_deictic_expressions(tmp_path):
    (tmp_path / "tin.txt").write_text("Hôm qua, Thủ tướng gặp Đại sứ Nhật Bản tại Hà Nội.", encoding="utf-8")
    proc = vnevents("run", str(tmp_path / "tin.txt"), "--out", str(tmp_path / "out"), "--dct", "2024-03-15",
                    "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((tmp_path / "out" / "tin.json").read_text(encoding="utf-8"))
    assert doc["dct"] == "2024-03-15"
    assert [(t["text"], t["value"], t["anchor"]) for t in doc["timexes"]] == [("Hôm qua", "2024-03-14", "DCT")]
    assert doc["events"][0]["time"]["value"] == "2024-03-14"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["timeline.json", "tin.json"]


def test_clashing_and_unsafe_names_get_unique_ids(tmp_path):
    from pipeline.runner import make_jobs
    jobs = make_jobs(["a/tin tức.txt", "b/tin tức.txt", "../../etc/passwd.txt", "c/timeline.txt", "d/.txt"])
    ids = [j.doc_id for j in jobs]
    assert ids == ["tin_tức", "tin_tức-2", "passwd", "timeline-2", "txt"]


def test_missing_file_is_a_failed_document(tmp_path):
    (tmp_path / "ok.txt").write_text("Năm 1945, Việt Nam tuyên bố độc lập.", encoding="utf-8")
    proc = vnevents("run", str(tmp_path / "ok.txt"), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"),
                    "--format", "json")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "missing.txt" in proc.stderr and "Traceback" not in proc.stderr
    timeline = json.loads((tmp_path / "o" / "timeline.json").read_text(encoding="utf-8"))
    assert [(d["doc_id"], d["error"] is None) for d in timeline["documents"]] == [("missing", False), ("ok", True)]
    assert (tmp_path / "o" / "ok.json").exists()
