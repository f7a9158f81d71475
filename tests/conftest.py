"""Shared fixtures: one pipeline per test session, and the shared data folder when present."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the compile cache (pipeline/cache.py) of this test session: never the user's own
os.environ["VNEVENTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="vnevents-cache-")
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "data" / "reference"


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("underthesea")
    from pipeline import load
    return load()


@pytest.fixture(scope="session")
def run(nlp):
    """extract() with the session pipeline: run(text, dct=None) -> DocumentResult."""
    from pipeline import extract

    def _run(text: str, dct: str | None = None, doc_id: str = "doc"):
        return extract(text, doc_id=doc_id, dct=dct, nlp=nlp)
    return _run


@pytest.fixture(scope="session")
def reference():
    """(text, gold annotation) of the reference text; skips when ../shared is absent."""
    import json
    txt, gold = REFERENCE / "cuban_missile_crisis.txt", REFERENCE / "cuban_missile_crisis.gold.json"
    if not (txt.exists() and gold.exists()):
        pytest.skip("../shared/data/reference is not here")
    return txt.read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))


def make_run_formats() -> str:
    """The --format list of `make run` (the Makefile's FORMATS): every format the tool writes."""
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition(":=")
        if sep and name.strip() == "FORMATS":
            return value.strip()
    raise AssertionError("the Makefile has no FORMATS line")


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """`vnevents run corpus` from the repository root, as `make run` does: (exit code, out dir, stderr)."""
    import subprocess
    import sys
    out = tmp_path_factory.mktemp("corpus_run")
    exe = Path(sys.executable).with_name("vnevents")
    proc = subprocess.run([str(exe), "run", "corpus", "--out", str(out), "--format", make_run_formats()], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, out, proc.stderr


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.expected.json from the current pipeline")
