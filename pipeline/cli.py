"""The `vnevents` command: run, show, eval (see the contract)."""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from .errors import PipelineError
from .limits import DEFAULT_MAX_BYTES, TIMEOUT_BASE, TIMEOUT_PER_MB

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Vietnamese prose to dated event records and timelines.")
FORMATS = ("json", "csv", "timelinejs", "html", "jsonl", "parquet", "timeml", "brat", "spacy", "geojson")
DEFAULT_FORMATS = ("json", "csv", "timelinejs", "html")  # the contract's files; others on request


def _one_line(message: str) -> str:
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"vnevents: {_one_line(message)}", err=True)
    raise typer.Exit(code)


def _say(message: str) -> None:
    typer.echo(f"vnevents: {_one_line(message)}", err=True)


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"vnevents {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")):
    """Vietnamese prose to dated event records and timelines."""


def _overrides(pairs: list[str]) -> dict:
    """--set section.key=value pairs -> a config overrides dict (values as in a config file)."""
    from confection import try_load_json
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or "." not in key.strip(".") or not key.strip():
            _fail(f"--set needs section.key=value, got '{pair}'")
        out[key.strip()] = try_load_json(value)
    return out


@app.command()
def run(paths: List[str] = typer.Argument(..., metavar="PATH",
                                          help="Text files or folders (all *.txt inside), or - for standard input."),
        out: Path = typer.Option(Path("outputs"), "--out", metavar="DIR", help="Output folder."),
        dct: Optional[str] = typer.Option(None, "--dct", metavar="DATE", help="Document creation time, YYYY-MM-DD."),
        formats: str = typer.Option(",".join(DEFAULT_FORMATS), "--format", metavar="LIST",
                                    help="Comma-separated: json,csv,timelinejs,html (the default), "
                                         "jsonl, parquet, timeml, brat, spacy."),
        workers: Optional[int] = typer.Option(None, "--workers", min=1, metavar="N",
                                              help="Worker processes on this machine (default: one per "
                                                   "core, up to 4, for 8 documents or more)."),
        engine: str = typer.Option("local", "--engine", metavar="local|dask", help="Where documents are processed."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address."),
        encoding: Optional[str] = typer.Option(None, "--encoding", metavar="NAME", help="Force the input encoding."),
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, metavar="BYTES",
                                      help="Refuse larger input files."),
        timeout: Optional[float] = typer.Option(None, "--timeout", min=0, metavar="SECONDS",
                                                help="Seconds one document may take (0: no limit; "
                                                     f"default: {TIMEOUT_BASE:.0f} plus {TIMEOUT_PER_MB:.0f} per MB)."),
        excel: bool = typer.Option(False, "--excel", help="Write timeline.csv with a UTF-8 byte order mark, "
                                                          "for spreadsheets."),
        follow_links: bool = typer.Option(False, "--follow-links",
                                          help="Follow links in input folders that point outside them."),
        config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="A pipeline config file."),
        settings_: List[str] = typer.Option([], "--set", metavar="SECTION.KEY=VALUE",
                                            help="Override a config setting (repeatable), e.g. "
                                                 "components.vi_events.carry_context_time=true."),
        debug: bool = typer.Option(False, "--debug", help="Show tracebacks.")):
    """Process documents and write per-document JSON, the timeline files and the report."""
    import time
    started = time.monotonic()
    from .runner import Settings, collect, make_jobs
    wanted = _formats(formats)
    _check_engine(engine, paths)
    overrides = _overrides(settings_)
    dct = _checked_dct(dct, encoding)
    files = collect(paths, follow_links=follow_links, notice=_say)
    if not files:
        _fail("no input files found")
    stdin_text = _read_stdin(files)
    _make_folder(out)
    documents = _document_files(out, wanted, excel)
    settings = Settings(dct=dct, encoding=encoding, max_bytes=max_bytes, config=str(config) if config else None,
                        timeout=timeout, stdin_text=stdin_text, overrides=tuple(sorted(overrides.items())),
                        spill_dir=str(out) if engine == "local" else None,  # Dask workers may be elsewhere
                        keep_text=documents.needs_text)
    jobs = make_jobs(files)
    spool = _open_spool(out)
    try:
        with _run_errors(out, debug):
            records, failures, texts = _execute(jobs, settings, workers, engine, scheduler, out, wanted, spool,
                                                documents)
            _write_run(spool, records, out, wanted, texts, excel, jobs, documents)
    finally:
        spool.close()
    _say_done(len(jobs), len(failures), len(spool), started, out)
    raise typer.Exit(1 if failures else 0)


def _formats(formats: str) -> set[str]:
    """The case of --format: the formats asked for; a usage error when none is named or one is unknown."""
    wanted = {f.strip() for f in formats.split(",") if f.strip()}
    if not wanted or wanted - set(FORMATS):
        _fail(f"unknown format(s): {', '.join(sorted(wanted - set(FORMATS))) or '(none)'}; choose from {', '.join(FORMATS)}")
    return wanted


def _document_files(out: Path, wanted: set[str], excel: bool):
    """The per-document formats of the run, their folders made and their libraries loaded
    before any document is processed: a usage error (one line) when a library is missing
    or a folder cannot be made."""
    from .export import DocumentFiles
    if "parquet" in wanted:
        from .export.parquet import arrow
        try:
            arrow()
        except PipelineError as exc:
            _fail(str(exc))
    documents = DocumentFiles(out, wanted, excel)
    try:
        documents.prepare()
    except PipelineError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write in output folder '{out}': {exc.strerror or exc}")
    return documents


def _check_engine(engine: str, paths: List[str]) -> None:
    """The case of --engine: a usage error for an unknown engine, or for standard input sent to Dask."""
    from .runner import STDIN
    if engine not in ("local", "dask"):
        _fail(f"unknown engine '{engine}': choose local or dask")
    if STDIN in paths and engine == "dask":
        _fail("standard input (-) is read by the local engine only")


def _checked_dct(dct: Optional[str], encoding: Optional[str]) -> Optional[str]:
    """The case of --dct and --encoding: the document date as the pipeline takes it; a usage
    error when the date or the encoding is bad."""
    from .days import validate_dct
    from .io.encodings import check_encoding
    try:
        dct = validate_dct(dct)
        check_encoding(encoding)
    except PipelineError as exc:
        _fail(str(exc))
    return dct


def _read_stdin(files: list) -> Optional[bytes]:
    """The case of standard input among the inputs: its bytes, read once here; else None."""
    from .runner import STDIN
    return sys.stdin.buffer.read() if STDIN in files else None


def _make_folder(out: Path) -> None:
    """The output folder, created when missing; a usage error when it cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create output folder '{out}': {exc.strerror or exc}")


def _open_spool(out: Path):
    """The event spool of this run, in the output folder once what an earlier run left half
    written there is cleared; a usage error when the folder cannot be written in."""
    from .export import EventSpool, clear_stale
    clear_stale(out)
    try:
        return EventSpool(out)
    except OSError as exc:
        _fail(f"cannot write in output folder '{out}': {exc.strerror or exc}")


def _write_run(spool, records: list, out: Path, wanted: set[str], texts: dict, excel: bool, jobs: list,
               documents) -> None:
    """The run's files (timelines, report, what the per-document formats gathered), then the
    records and per-document files an earlier run left in the folder for documents that are
    not in this one removed, each with a notice."""
    from .export import remove_old_records, write_run
    write_run(spool, records, out, wanted, texts, excel, documents)
    kept = {j.doc_id for j in jobs}
    for name in remove_old_records(out, kept) + documents.remove_old(kept):
        _say(f"removed '{out / name}': a file of an earlier run whose document is not in this one")


@contextmanager
def _run_errors(out: Path, debug: bool):
    """The errors that end a run while it processes and writes: a pipeline error or one of the
    file system exits 2 (or is raised as it is with --debug), Ctrl-C exits 130."""
    try:
        yield
    except PipelineError as exc:
        if debug:
            raise
        _fail(str(exc), 2)
    except OSError as exc:
        if debug:
            raise
        _fail(f"cannot write the run's files in '{out}': {exc.strerror or exc}", 2)
    except KeyboardInterrupt:
        _fail("interrupted", 130)


def _say_done(jobs: int, failures: int, events: int, started: float, out: Path) -> None:
    """The last line of a run: documents done, events, failures, time taken and the folder."""
    import time
    done = jobs - failures
    _say(f"done: {done} document{'s' if done != 1 else ''}, {events} events, {failures} failed, "
         f"{time.monotonic() - started:.1f} s, in '{out}'")


def _execute(jobs, settings, workers, engine, scheduler, out, wanted, spool, documents):
    """Process the jobs, write each document's JSON and per-document files as it comes,
    spool its events; keep whole only the first documents, for the report, so memory stays
    flat. A document whose files cannot be written fails alone."""
    from .export import REPORT_TEXT_DOCS
    from .runner import run_dask, run_local
    records, failures, texts = [], [], {}
    use_bar = sys.stderr.isatty()
    progress_ctx = None
    if use_bar:
        from rich.console import Console
        from rich.progress import Progress
        progress_ctx = Progress(console=Console(stderr=True), transient=True)  # stdout stays the user's
        progress_ctx.start()
        task = progress_ctx.add_task("documents", total=len(jobs))
        tick = lambda: progress_ctx.advance(task)  # noqa: E731
    else:
        tick = None
    try:
        stream = (run_dask(jobs, settings, scheduler, tick) if engine == "dask"
                  else run_local(jobs, settings, workers, tick))
        for outcome in stream:
            for message in outcome.notices:
                _say(message)
            error = outcome.error or _write_document(outcome, out, wanted, documents)
            if error:  # the message names the file; keep it on one line whatever the name
                _say(error)
                failure = {"doc_id": outcome.job.doc_id, "source": outcome.job.shown, "error": error}
                failures.append(failure)
                spool.fail(failure)
                if outcome.record is not None:
                    outcome.record.close()
                continue
            try:
                spool.add(outcome.record)
                if len(texts) < REPORT_TEXT_DOCS:
                    records.append(outcome.record.report_view())
                    texts[outcome.job.doc_id] = outcome.text
            finally:
                outcome.record.close()
    finally:
        if progress_ctx:
            progress_ctx.stop()
    return records, failures, texts


def _write_document(outcome, out: Path, wanted: set[str], documents) -> str | None:
    """One document's files: its JSON (when asked) and those of the per-document formats;
    the one-line error when one cannot be written, else None."""
    from .export import write_document
    try:
        if "json" in wanted:
            write_document(outcome.record, out)
    except OSError as exc:
        return (f"'{outcome.job.shown}': cannot write "
                f"'{out / (outcome.job.doc_id + '.json')}': {exc.strerror or exc}")
    try:
        documents.add(outcome.record, outcome.full_text)
    except OSError as exc:
        return f"'{outcome.job.shown}': cannot write its files in '{out}': {exc.strerror or exc}"
    return None


@app.command()
def show(file: Path = typer.Argument(..., metavar="FILE.json", help="A document record or timeline.json."),
         type_: Optional[str] = typer.Option(None, "--type", metavar="TYPE",
                                             help="Event type, or its category (Conflict)."),
         date_from: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="Earliest date, YYYY[-MM[-DD]]."),
         date_to: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="Latest date, YYYY[-MM[-DD]]."),
         entity: Optional[str] = typer.Option(None, "--entity", metavar="NAME", help="A participant or place name.")):
    """A terminal table of the events of a document record or timeline."""
    from .show import load_events, filter_events, render
    try:
        events = filter_events(load_events(file), type_, date_from, date_to, entity)
    except PipelineError as exc:
        _fail(str(exc))
    render(events, title=str(file))


@app.command("eval")
def eval_cmd(gold: Path = typer.Argument(..., metavar="GOLD.json|GOLD.ann",
                                         help="Gold annotation JSON, or a brat .ann with its .txt beside it."),
             pred: Path = typer.Argument(..., metavar="PRED.json", help="A document record written by `run`.")):
    """Accuracy of a document record against a gold annotation."""
    from .evaluate import evaluate_files, format_scores
    try:
        scores = evaluate_files(gold, pred)
    except PipelineError as exc:
        _fail(str(exc))
    typer.echo(format_scores(scores))


def main() -> None:
    try:
        app()
    finally:
        # The process ends here. Without this, the collector walks every object of the
        # loaded pipeline once more while the interpreter shuts down (half a second and
        # more); the run's files are closed already, and standard streams are flushed at exit.
        gc.freeze()
