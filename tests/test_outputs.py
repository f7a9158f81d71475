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
        if name.endswith(".parquet") and not _same_writer(out / name, ROOT / "outputs" / name):
            _assert_same_table(out / name, ROOT / "outputs" / name)
            continue
        assert (out / name).read_bytes() == (ROOT / "outputs" / name).read_bytes(), name


def _same_writer(a, b) -> bool:
    """Whether two Parquet files were written by the same library version: the file names
    its writer ("parquet-cpp-arrow version 26.0.1"), so bytes can only match within one."""
    import pyarrow.parquet as pq
    return pq.ParquetFile(a).metadata.created_by == pq.ParquetFile(b).metadata.created_by


def _assert_same_table(a, b) -> None:
    """Across pyarrow versions, the same schema and the same values."""
    import pyarrow.parquet as pq
    assert pq.read_table(a).equals(pq.read_table(b)), a.name
