"""Batch runs: find the input files, give each a safe unique doc_id, process each
document in isolation (locally, in worker processes, or on a Dask cluster), and
count failures instead of stopping (black's Report habit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Messages, PipelineError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    path: str  # as given, used as the record's `source`
    doc_id: str


@dataclass
class Outcome:
    job: Job
    record: dict | None = None
    text: str | None = None
    error: str | None = None


@dataclass
class Settings:
    dct: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    config: str | None = None
    overrides: dict = field(default_factory=dict)


def collect(paths: list[str]) -> list[str]:
    """Files named on the command line, and every *.txt under a named folder, sorted."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*.txt")) if f.is_file())
        else:
            out.append(p)
    return out


def safe_id(stem: str) -> str:
    """Letters, digits, ".", "-" and "_" only, runs of anything else as one "_"."""
    out: list[str] = []
    for ch in stem:
        safe = ch.isalnum() or ch in "._-"
        if safe:
            out.append(ch)
        elif not out or out[-1] != "_":
            out.append("_")
    return "".join(out).strip("._")[:120] or "document"


def make_jobs(files: list[str]) -> list[Job]:
    jobs, used = [], set()
    reserved = {"timeline", "report"}
    for f in files:
        base = safe_id(Path(f).stem)
        doc_id, n = base, 1
        while doc_id in used or doc_id in reserved:
            n += 1
            doc_id = f"{base}-{n}"
        used.add(doc_id)
        jobs.append(Job(f, doc_id))
    return jobs


def read_text(path: str, settings: Settings) -> str:
    from .encodings import decode
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(Messages.E001.format(path=path, reason=exc.strerror or exc)) from None
    if not p.is_file():
        raise InputError(Messages.E001.format(path=path, reason="not a regular file"))
    if size > settings.max_bytes:
        raise InputError(Messages.E003.format(path=path, size=size, limit=settings.max_bytes))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(Messages.E001.format(path=path, reason=exc.strerror or exc)) from None
    return decode(data, path, settings.encoding)


def document_date(path: str) -> str | None:
    """The `dct` of a `<name>.meta.json` beside the text, if there is one."""
    import json
    meta = Path(path).with_suffix(".meta.json")
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"'{meta}': unreadable metadata: {exc}") from None
    return data.get("dct") if isinstance(data, dict) else None


class Processor:
    """Holds one loaded pipeline; processes jobs one at a time."""

    def __init__(self, settings: Settings):
        from . import load
        self.settings = settings
        self.nlp = load(settings.config, settings.overrides)

    def __call__(self, job: Job) -> Outcome:
        from . import extract
        try:
            text = read_text(job.path, self.settings)
            dct = self.settings.dct or document_date(job.path)
            result = extract(text, doc_id=job.doc_id, dct=dct, source=job.path, nlp=self.nlp)
            return Outcome(job, result.to_dict(), result.text)
        except PipelineError as exc:
            return Outcome(job, error=str(exc))
        except (MemoryError, RecursionError) as exc:
            return Outcome(job, error=f"'{job.path}': {type(exc).__name__}")
        except Exception as exc:  # a bug must cost one document, not the batch (as black's Report)
            return Outcome(job, error=f"'{job.path}': internal error ({type(exc).__name__}: {exc})".splitlines()[0])


class _WorkerState:
    """The pipeline of one worker process, loaded once per process."""
    processor: Processor | None = None


def _init_worker(settings: Settings) -> None:
    # with the fork start method the pipeline loaded by the parent is inherited as it is
    if _WorkerState.processor is None or _WorkerState.processor.settings != settings:
        _WorkerState.processor = Processor(settings)


def _work(job: Job) -> Outcome:
    return _WorkerState.processor(job)


def run_local(jobs: list[Job], settings: Settings, workers: int = 1, progress=None):
    """Yield outcomes in input order."""
    if workers <= 1 or len(jobs) <= 1:
        proc = Processor(settings)
        for job in jobs:
            out = proc(job)
            if progress:
                progress()
            yield out
        return
    import multiprocessing as mp
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        _WorkerState.processor = Processor(settings)  # load once; the workers share it copy-on-write
    with ctx.Pool(processes=workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for out in pool.imap(_work, jobs, chunksize=1):
            if progress:
                progress()
            yield out


def _dask_task(job: Job, settings: Settings) -> Outcome:
    if _WorkerState.processor is None or _WorkerState.processor.settings != settings:
        _WorkerState.processor = Processor(settings)
    return _WorkerState.processor(job)


def run_dask(jobs: list[Job], settings: Settings, scheduler: str | None, progress=None):
    """The same run on a Dask cluster: tasks read their input by path. Yields in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise PipelineError("--engine dask needs the 'distributed' package: pip install 'vnevents[dask]'") from None
    client = Client(scheduler) if scheduler else Client(processes=True, n_workers=1, threads_per_worker=1)
    try:
        futures = [client.submit(_dask_task, job, settings, key=f"vnevents-{i}-{job.doc_id}", pure=False)
                   for i, job in enumerate(jobs)]
        for fut in futures:
            out = fut.result()
            if progress:
                progress()
            yield out
    finally:
        client.close()
