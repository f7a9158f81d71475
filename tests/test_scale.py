"""Large inputs in pieces, several workers, and a Dask cluster: same output as one plain run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXE = str(Path(sys.executable).with_name("vnevents"))
TEXTS = {
    "a": "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Hà Nội. Ngày hôm sau, "
         "chính phủ họp phiên đầu tiên.",
    "b": "Năm 1954, quân Pháp thất bại tại Điện Biên Phủ. Tháng 7 năm 1954, Hiệp định Genève được ký kết.",
    "c": "Ngày 30 tháng 4 năm 1975, xe tăng tiến vào Dinh Độc Lập ở Sài Gòn.",
}


def test_chunked_document_matches_offsets(run):
    from pipeline.text import pieces as chunks
    para = "Ngày 5 tháng 8 năm 1963, Hoa Kỳ và Liên Xô ký Hiệp ước cấm thử hạt nhân tại Moskva.\n"
    text = para * (chunks.CHUNK_CHARS // len(para) + 40)
    result = run(text)
    assert len(list(chunks.split(text))) == 2
    assert result.text == text
    assert len(result.timexes) == text.count("Ngày 5 tháng 8 năm 1963")
    assert all(t.value == "1963-08-05" and text[t.start:t.end] == t.text for t in result.timexes)
    assert [t.id for t in result.timexes] == [f"T{i}" for i in range(1, len(result.timexes) + 1)]
    ids = {e.id for e in result.entities}
    for ev in result.events:
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger_text
        assert ev.time.timex_id in {t.id for t in result.timexes}
        assert all(p.entity_id in ids for p in ev.participants)
    # each telling is an event of its own, in every piece alike
    per_paragraph = [(e.type, e.trigger_text) for e in run(para).events]
    assert per_paragraph and len(result.events) == len(per_paragraph) * text.count(para)
    assert [e.id for e in result.events] == [f"EV{i}" for i in range(1, len(result.events) + 1)]


def test_split_keeps_every_character():
    from pipeline.text.pieces import split
    text = ("một hai ba. " * 5000) + ("x" * 30000)
    pieces = list(split(text, 10000))
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _run(corpus, out, *extra):
    proc = subprocess.run([EXE, "run", str(corpus), "--out", str(out), *extra], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory):
    return _run(corpus, tmp_path_factory.mktemp("w1"), "--workers", "1")


def test_two_workers_same_output(corpus, one_worker, tmp_path):
    assert _run(corpus, tmp_path / "w2", "--workers", "2") == one_worker
    timeline = json.loads(one_worker["timeline.json"])
    assert [d["doc_id"] for d in timeline["documents"]] == ["a", "b", "c"]


def test_dask_cluster_same_output(corpus, one_worker, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        got = _run(corpus, tmp_path / "dask", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert got == one_worker


def test_default_workers():
    import os

    from pipeline.runner import AUTO_MAX_WORKERS, AUTO_MIN_JOBS, default_workers
    assert default_workers(1) == 1 and default_workers(AUTO_MIN_JOBS - 1) == 1
    assert default_workers(AUTO_MIN_JOBS) == max(1, min(os.cpu_count() or 1, AUTO_MAX_WORKERS))


def test_a_run_with_its_own_workers_gives_the_same_files(tmp_path):
    from pipeline.runner import AUTO_MIN_JOBS
    folder = tmp_path / "many"
    folder.mkdir()
    texts = list(TEXTS.values())
    for k in range(AUTO_MIN_JOBS + 1):
        (folder / f"d{k:02d}.txt").write_text(texts[k % len(texts)], encoding="utf-8")
    assert _run(folder, tmp_path / "auto") == _run(folder, tmp_path / "one", "--workers", "1")
