"""outputs/ is what `make run` writes for corpus/: a fresh run reproduces it byte for byte."""
from __future__ import annotations

from tests.conftest import ROOT


def test_fresh_run_reproduces_outputs(corpus_run):
    code, out, err = corpus_run
    assert code == 0, err
    committed = sorted(p.name for p in (ROOT / "outputs").iterdir() if not p.name.startswith("."))
    fresh = sorted(p.name for p in out.iterdir())
    assert committed == fresh
    for name in fresh:
        assert (out / name).read_bytes() == (ROOT / "outputs" / name).read_bytes(), name
