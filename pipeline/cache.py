"""A small on-disk cache for what does not change between runs (the temporal grammar as
loaded, with its prefilter's tables; the month names of dateparser's languages): JSON files named by a digest of what they were built from, in
$VNEVENTS_CACHE_DIR, else $XDG_CACHE_HOME/vnevents, else ~/.cache/vnevents.
VNEVENTS_CACHE_DIR=off turns it off. A cache that cannot be read or written is ignored:
the caller builds what it needs, as on a first run."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

FORMAT = 1


def cache_dir() -> Path | None:
    chosen = os.environ.get("VNEVENTS_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnevents"


def digest(paths: list[Path], *extra: str) -> str:
    """sha256 over the files' names and bytes (the data, and the code that builds from it),
    Python's version and `extra` (the versions of libraries involved)."""
    h = hashlib.sha256()
    for part in (f"format {FORMAT}", sys.version, *extra):
        h.update(part.encode("utf-8") + b"\0")
    for path in sorted(paths):
        h.update(str(path.name).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def read(name: str):
    """The JSON stored under `name`, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, data, replaces: str | None = None) -> None:
    """Store `data` under `name` (atomically: a reader never sees half a file); the other
    files whose names start with `replaces` (older builds of the same thing: "temporal-vi-")
    are removed, so the folder does not grow with every change of the rules."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, folder / f"{name}.json")
            if replaces:
                _remove_others(folder, replaces, name)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):  # a file system that refuses, or data JSON cannot hold
        pass


def _remove_others(folder: Path, prefix: str, name: str) -> None:
    for old in folder.glob(f"{prefix}*.json"):
        if old.name != f"{name}.json":
            try:
                old.unlink()
            except OSError:  # another process removed it first, or may not
                pass
