"""outputs/ is what `make run` writes for corpus/: a fresh run reproduces it byte for byte."""
from __future__ import annotations

from tests.conftest import ROOT


def _files(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def test_fresh_run_reproduces_outputs(corpus_run):
    code, out, err = corpus_run
    assert code == 0, err
    fresh = _files(out)
    assert _files(ROOT / "outputs") == fresh
    for name in fresh:
        assert (out / name).read_bytes() == (ROOT / "outputs" / name).read_bytes(), name
