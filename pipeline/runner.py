"""Batch runs: find the input files, give each a safe unique doc_id, process each
document in isolation (locally, in worker processes, or on a Dask cluster), and
count failures instead of stopping (black's Report habit).
"""
from __future__ import annotations

import gc
import os
import signal
import stat
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Messages, PipelineError
from .limits import DEFAULT_MAX_BYTES, TIMEOUT_BASE, TIMEOUT_PER_MB
# doc_ids are file names: at most this many UTF-8 bytes, so "<doc_id>.json", its
# ".meta.json" lookup and the temporary file of an atomic write stay under 255 bytes.
MAX_ID_BYTES = 200
# Output names a document must not take (compared case-insensitively, for macOS and
# Windows): the run's own files, written as "<name>.json"-like files in the same folder.
MAX_NAME_BYTES = 255  # the longest file name of common file systems
RESERVED_IDS = frozenset({"timeline", "timeline.timelinejs", "report", "entities"})
STDIN = "-"


@dataclass(frozen=True)
class Job:
    path: str  # the path to open (may hold undecodable bytes as surrogates)
    doc_id: str
    source: str = ""  # the path as shown to people and written in records: valid Unicode

    @property
    def shown(self) -> str:
        return self.source or self.path


@dataclass
class Outcome:
    job: Job
    record: object = None  # an export.RecordFile
    text: str | None = None  # the start of the text, that the report shows
    error: str | None = None
    notices: tuple[str, ...] = ()
    full_text: str | None = None  # the whole text as read, when Settings.keep_text


@dataclass
class Settings:
    dct: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    config: str | None = None
    timeout: float | None = None  # seconds per document; None: TIMEOUT_BASE + TIMEOUT_PER_MB per MB
    stdin_text: bytes | None = None  # the bytes of "-", read once by the CLI
    overrides: tuple = ()  # (dotted key, value) config overrides (--set)
    spill_dir: str | None = None  # where records being encoded are spooled (None: the system's temp folder)
    keep_text: bool = False  # send each document's whole text back (for the formats that copy or mark it up)


def display(path: str) -> str:
    """A path as valid Unicode: bytes that were not UTF-8 (kept by Python as surrogates)
    become U+FFFD, and decomposed (macOS) names are composed."""
    fixed = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", fixed)


# --- finding the inputs ---------------------------------------------------------------

def collect(paths: list[str], follow_links: bool = False, notice=None) -> list[str]:
    """Files named on the command line, and every *.txt (any case) under a named folder,
    sorted. In folders, hidden entries (".git") are skipped, and so are, each with a
    one-line notice: links that point outside the folder (unless follow_links), broken
    links, things that are not regular files, and subfolders that cannot be read."""
    notice = notice or (lambda message: None)
    out: list[str] = []
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            out.extend(_walk(p, follow_links, notice))
        else:
            out.append(p)
    return out


def _walk(root: str, follow_links: bool, notice) -> list[str]:
    real_root = os.path.realpath(root)
    found: list[str] = []
    seen_dirs = {real_root}

    def onerror(exc: OSError) -> None:
        notice(f"skipped '{display(exc.filename or root)}': {exc.strerror or exc}")

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=follow_links):
        keep = []
        for d in sorted(dirs):
            full = os.path.join(folder, d)
            if d.startswith("."):
                continue
            if os.path.islink(full):
                if not follow_links:
                    notice(f"skipped '{display(full)}': a link to a folder (use --follow-links)")
                    continue
                real = os.path.realpath(full)
                if real in seen_dirs:
                    continue  # a loop of links
                seen_dirs.add(real)
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(".txt"):
                continue
            full = os.path.join(folder, name)
            reason = _skip_reason(full, real_root, follow_links)
            if reason:
                notice(f"skipped '{display(full)}': {reason}")
            else:
                found.append(full)
    return sorted(found)


def _skip_reason(path: str, real_root: str, follow_links: bool) -> str | None:
    try:
        info = os.stat(path)
    except OSError:
        return "a broken link" if os.path.islink(path) else "cannot be read"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if os.path.islink(path) and not follow_links:
        real = os.path.realpath(path)
        if os.path.commonpath([real, real_root]) != real_root:
            return "a link to a file outside the folder (use --follow-links)"
    return None


# --- doc_ids ----------------------------------------------------------------------------

def safe_id(stem: str) -> str:
    """Letters, digits, ".", "-" and "_" only, runs of anything else as one "_"; composed
    (NFC), never starting with "." or "-", at most MAX_ID_BYTES bytes of UTF-8."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", stem):
        if ch.isalnum() or ch in "._-":
            out.append(ch)
        elif not out or out[-1] != "_":
            out.append("_")
    text = "".join(out).strip("._-")
    while len(text.encode("utf-8")) > MAX_ID_BYTES:
        text = text[:-1]
    return text.rstrip("._-") or "document"


def _reserved(doc_id: str) -> bool:
    key = doc_id.casefold()
    return key in RESERVED_IDS or key.endswith(".meta")


def make_jobs(files: list[str]) -> list[Job]:
    """A Job per file, each with a doc_id unique without regard to case (two ids that differ
    only in case would be one file on macOS and Windows) that never names a file of the run
    itself nor a `.meta.json`. Numbering is linear in the number of files."""
    jobs: list[Job] = []
    used: set[str] = set()
    counters: dict[str, int] = {}
    for f in files:
        shown = "<stdin>" if f == STDIN else display(f)
        base = "stdin" if f == STDIN else safe_id(Path(shown).stem)
        doc_id = base
        n = counters.get(base.casefold(), 1)
        while doc_id.casefold() in used or _reserved(doc_id):
            n += 1
            suffix = f"-{n}"
            head = base
            while len((head + suffix).encode("utf-8")) > MAX_ID_BYTES:
                head = head[:-1]
            doc_id = head + suffix
        counters[base.casefold()] = n
        used.add(doc_id.casefold())
        jobs.append(Job(f, doc_id, shown))
    return jobs


# --- reading one document -------------------------------------------------------------

def read_text(job: Job, settings: Settings, notice=None) -> str:
    from .io.encodings import decode
    if job.path == STDIN:
        data = settings.stdin_text or b""
        if len(data) > settings.max_bytes:
            raise InputError(Messages.E003.format(path=job.shown, size=len(data), limit=settings.max_bytes))
        return decode(data, job.shown, settings.encoding, notice)
    p = Path(job.path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(Messages.E001.format(path=job.shown, reason=exc.strerror or exc)) from None
    if not p.is_file():
        raise InputError(Messages.E001.format(path=job.shown, reason="not a regular file"))
    if size > settings.max_bytes:
        raise InputError(Messages.E003.format(path=job.shown, size=size, limit=settings.max_bytes))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(Messages.E001.format(path=job.shown, reason=exc.strerror or exc)) from None
    return decode(data, job.shown, settings.encoding, notice)


def document_date(job: Job) -> str | None:
    """The `dct` of a `<name>.meta.json` beside the text, if there is one, checked here so
    that a bad one names its file."""
    import json
    if job.path == STDIN:
        return None
    meta = Path(job.path).with_suffix(".meta.json")
    shown = display(str(meta))
    if len(os.fsencode(meta.name)) > MAX_NAME_BYTES:
        return None  # a name the file system cannot hold: there is no such file
    try:
        if not meta.is_file():
            return None
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"'{shown}': unreadable metadata: {_one_line(exc)}") from None
    dct = data.get("dct") if isinstance(data, dict) else None
    if dct is None:
        return None
    from .days import validate_dct
    try:
        return validate_dct(dct)
    except PipelineError as exc:
        raise InputError(f"'{shown}': {exc}") from None


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.replace("\r", " ").replace("\n", " ")[:300]


class DocumentTimeout(PipelineError):
    """One document took longer than its time limit."""


def time_limit(settings: Settings, size: int) -> float:
    if settings.timeout is not None:
        return settings.timeout
    return TIMEOUT_BASE + TIMEOUT_PER_MB * size / 1e6


class _Alarm:
    """A time limit on the code inside, by SIGALRM: only in the main thread of a process
    (worker processes and a local run; Dask runs tasks in threads, where none is set)."""

    def __init__(self, seconds: float, message: str):
        self.seconds, self.message = seconds, message
        self.active = (seconds > 0 and hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())

    def _fire(self, signum, frame):
        raise DocumentTimeout(self.message)

    def __enter__(self):
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


class Processor:
    """Holds one loaded pipeline; processes jobs one at a time."""

    def __init__(self, settings: Settings):
        from . import load
        self.settings = settings
        self.nlp = _without_collector(load, settings.config, dict(settings.overrides))

    def __call__(self, job: Job) -> Outcome:
        notices: list[str] = []
        try:
            text = read_text(job, self.settings, notices.append)
            limit = time_limit(self.settings, len(text))
            with _Alarm(limit, f"'{job.shown}': took longer than {limit:g} s (see --timeout)"):
                record, shown, whole = self._record(job, text)
                return Outcome(job, record, shown, notices=tuple(notices),
                               full_text=whole if self.settings.keep_text else None)
        except PipelineError as exc:
            error = _one_line(exc)
        except (MemoryError, RecursionError) as exc:
            error = f"'{job.shown}': {type(exc).__name__}"
        except OSError as exc:  # the records' temporary files (a full disk), past reading the input
            error = f"'{job.shown}': cannot spool its records: {exc.strerror or exc}"
        except Exception as exc:  # a bug must cost one document, not the batch (as black's Report)
            error = f"'{job.shown}': internal error ({type(exc).__name__}: {_one_line(exc)})"
        return Outcome(job, error=error, notices=tuple(notices))

    def _record(self, job: Job, text: str):
        """(RecordFile, the start of the text the report shows, the text as the pipeline
        read it): the records are encoded piece by piece as they come, so a long document's
        records are never held whole."""
        from . import extract_pieces
        from .export import RecordFile, report_cut
        dct = self.settings.dct or document_date(job)
        head, pieces = extract_pieces(text, doc_id=job.doc_id, dct=dct, source=job.shown, nlp=self.nlp)
        cut = report_cut(head.text)
        fields = {k: v for k, v in head.to_dict().items() if k not in RecordFile.SECTIONS}
        record = RecordFile(fields, keep_chars=cut, text_chars=len(head.text), folder=self.settings.spill_dir)
        try:
            for piece in pieces:
                record.add([t.to_dict() for t in piece.timexes], [e.to_dict() for e in piece.entities],
                           [e.to_dict() for e in piece.events])
        except BaseException:
            record.close()
            raise
        return record, head.text[:cut], head.text


def _without_collector(make, *args):
    """make(*args) with the cyclic garbage collector paused, and what exists then frozen
    (gc.freeze) for the collections that follow. Loading the pipeline makes a few hundred
    thousand objects that live as long as the process (modules, models, tables): while they
    are made, each collection would walk them all again (about a third of a second of every
    start), and after, every collection of a long run would too."""
    paused = gc.isenabled()
    gc.disable()
    try:
        made = make(*args)
    finally:
        if paused:
            gc.enable()
    gc.freeze()
    return made


class _WorkerState:
    """The pipeline of one worker process, loaded once per process."""
    processor: Processor | None = None


def _processor(settings: Settings) -> Processor:
    if _WorkerState.processor is None or _WorkerState.processor.settings != settings:
        _WorkerState.processor = Processor(settings)
    return _WorkerState.processor


AUTO_MIN_JOBS = 8  # documents from which a run uses more than one process by itself
AUTO_MAX_WORKERS = 4  # processes a run starts by itself (each holds its own models)


def default_workers(n_jobs: int) -> int:
    """The worker processes of a run that names none: one per core, at most
    AUTO_MAX_WORKERS, from AUTO_MIN_JOBS documents on; a smaller run stays in this process
    (a worker's start costs more than it saves)."""
    if n_jobs < AUTO_MIN_JOBS:
        return 1
    return max(1, min(os.cpu_count() or 1, AUTO_MAX_WORKERS))


def run_local(jobs: list[Job], settings: Settings, workers: int | None = 1, progress=None):
    """Yield outcomes in input order: in this process, or in `workers` processes (see
    pipeline.pool: a worker that dies costs only the document it held); None: as many as
    default_workers gives. The records are the same either way."""
    if workers is None:
        workers = default_workers(len(jobs))
    if workers <= 1 or len(jobs) <= 1:
        proc = _processor(settings)
        for job in jobs:
            out = proc(job)
            if progress:
                progress()
            yield out
        return
    from .pool import WorkerPool
    pool = WorkerPool(workers, _pool_init, (settings,), _pool_work, hard_limit=lambda job: _hard_limit(job, settings))
    for out in pool.map(jobs, on_death=_died):
        if progress:
            progress()
        yield out


def _hard_limit(job: Job, settings: Settings) -> float | None:
    """When the parent stops a worker that the per-document alarm did not: the limit
    (counted on the input's bytes, an upper bound of its characters) and a margin."""
    if settings.timeout == 0:
        return None
    try:
        size = len(settings.stdin_text or b"") if job.path == STDIN else os.path.getsize(job.path)
    except OSError:
        size = 0
    return time_limit(settings, size) * 1.5 + 30


def _pool_init(settings: Settings) -> None:
    _processor(settings)


def _pool_work(job: Job) -> Outcome:
    return _WorkerState.processor(job)


def _died(job: Job, reason: str) -> Outcome:
    return Outcome(job, error=f"'{job.shown}': {reason}")


def _dask_task(job: Job, settings: Settings) -> Outcome:
    return _processor(settings)(job)


def run_dask(jobs: list[Job], settings: Settings, scheduler: str | None, progress=None):
    """The same run on a Dask cluster: tasks read their input by path. Yields in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise PipelineError("--engine dask needs the 'distributed' package: pip install 'vnevents[dask]'") from None
    try:
        client = (Client(scheduler, timeout="10s") if scheduler
                  else Client(processes=True, n_workers=1, threads_per_worker=1))
    except (OSError, ValueError, TypeError, TimeoutError) as exc:
        raise PipelineError(f"cannot reach the Dask scheduler '{scheduler}': {_one_line(exc)}") from None
    try:
        futures = [client.submit(_dask_task, job, settings, key=f"vnevents-{i}-{job.doc_id}", pure=False)
                   for i, job in enumerate(jobs)]
        for job, fut in zip(jobs, futures):
            try:
                out = fut.result()
            except Exception as exc:  # a task lost with its worker, or killed: one document
                out = Outcome(job, error=f"'{job.shown}': the Dask task failed ({type(exc).__name__}: "
                                         f"{_one_line(exc)})")
            if progress:
                progress()
            yield out
    finally:
        client.close()
