"""Output files are never half-written: `vnevents run` killed midway leaves only whole
files (and perhaps hidden `.*.tmp` files), and a rerun replaces them cleanly."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.export import writers as export
from pipeline.export.documents import ENTITY_COLUMNS
from tests.conftest import ROOT

EXE = str(Path(sys.executable).with_name("vnevents"))
COPIES = 30
# A paragraph of real prose (read from the corpus), long enough that the run takes a
# few seconds after the models are loaded.
PARAGRAPH = (ROOT / "corpus" / "cuban_missile_crisis.txt").read_text(encoding="utf-8")[:1500]
RUN_FILES = {"timeline.json", "timeline.csv", "timeline.timelinejs.json", "report.html", "entities.csv"}


def _check_folder(out: Path) -> dict[str, bytes]:
    """Every visible file in `out` is whole; returns them by name. Hidden files may only
    be the temporary files of export.atomic_write."""
    files = {}
    for path in out.iterdir():
        if path.name.startswith("."):
            assert path.name.endswith(".tmp"), path.name
            continue
        data = path.read_bytes()
        files[path.name] = data
        if path.name in RUN_FILES - {"report.html"}:
            if path.suffix == ".csv":
                rows = list(csv.reader(data.decode("utf-8").splitlines()))
                header = ENTITY_COLUMNS if path.name == "entities.csv" else export.CSV_COLUMNS
                assert rows and rows[0] == header and all(len(r) == len(rows[0]) for r in rows)
            else:
                json.loads(data.decode("utf-8"))
        elif path.name == "report.html":
            assert data.rstrip().endswith(b"</html>")
        else:
            assert path.suffix == ".json", path.name
            record = json.loads(data.decode("utf-8"))
            assert record["doc_id"] == path.stem and "events" in record
    return files


def _gone(marker: str, within: float) -> bool:
    """Whether, within `within` seconds, no process runs with `marker` on its command line."""
    deadline = time.monotonic() + within
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    alive.append(entry.name)
            except OSError:
                continue
        if not alive or time.monotonic() > deadline:
            return not alive
        time.sleep(0.2)


def test_killed_run_leaves_no_broken_file_and_rerun_replaces_them(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(COPIES):
        (src / f"doc{i:02d}.txt").write_text(PARAGRAPH, encoding="utf-8")
    args = [EXE, "run", str(src), "--out", str(out)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if out.is_dir() and len(list(out.glob("doc*.json"))) >= 3:
                break
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed midway"
    assert _gone(str(src), within=10), "a worker process outlived the run that was killed"
    before = _check_folder(out)
    assert 3 <= len(before) < COPIES and not RUN_FILES & set(before)
    leftovers = {p.name for p in out.glob(".*.tmp")}

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    after = _check_folder(out)
    assert set(after) == {f"doc{i:02d}.json" for i in range(COPIES)} | RUN_FILES
    for name, data in before.items():  # the same documents, written the same way
        assert after[name] == data, name
    timeline = json.loads(after["timeline.json"])
    assert len(timeline["documents"]) == COPIES and not any(d["error"] for d in timeline["documents"])
    assert {p.name for p in out.glob(".*.tmp")} <= leftovers


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    """A write that dies before the rename leaves the previous file and no temporary file."""
    target = tmp_path / "timeline.json"
    export.atomic_write(target, '{"old": true}\n')

    def fail(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        export.atomic_write(target, '{"new": ' + "1" * 100_000)
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]
