"""Benchmark inputs: articles of the Vietnamese Wikipedia sample in ../shared (never copied here)."""
from __future__ import annotations

import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "viwiki_sample" / "viwiki_sample.tar.gz"


def viwiki_articles(limit: int | None = None) -> list[str]:
    """Texts of the sample's articles in name order; exits with a message when ../shared is absent."""
    if not SAMPLE.exists():
        sys.exit(f"skipped: {SAMPLE} is not here (the benchmarks need ../shared beside the checkout)")
    texts = []
    with tarfile.open(SAMPLE) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")),
                         key=lambda m: m.name)
        for m in members[:limit]:
            texts.append(tar.extractfile(m).read().decode("utf-8"))
    return texts
