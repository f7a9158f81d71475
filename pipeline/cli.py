"""The `vnevents` command: run, show, eval (see the contract)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import PipelineError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese prose to dated event records and timelines.")
FORMATS = ("json", "csv", "timelinejs", "html")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"vnevents: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def run(paths: List[str] = typer.Argument(..., help="Text files or folders (all *.txt inside)."),
        out: Path = typer.Option(Path("outputs"), "--out", help="Output folder."),
        dct: Optional[str] = typer.Option(None, "--dct", help="Document creation time, YYYY-MM-DD."),
        formats: str = typer.Option(",".join(FORMATS), "--format", help="Comma-separated: json,csv,timelinejs,html."),
        workers: int = typer.Option(1, "--workers", min=1, help="Worker processes on this machine."),
        engine: str = typer.Option("local", "--engine", help="local or dask."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address."),
        encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding."),
        max_bytes: int = typer.Option(200 * 1024 * 1024, "--max-bytes", min=1, help="Refuse larger input files."),
        config: Optional[Path] = typer.Option(None, "--config", help="A pipeline config file."),
        debug: bool = typer.Option(False, "--debug", help="Show tracebacks.")):
    """Process documents and write per-document JSON, the timeline files and the report."""
    from .runner import Settings, collect, make_jobs
    from .temporal.anchoring import validate_dct
    wanted = {f.strip() for f in formats.split(",") if f.strip()}
    if not wanted or wanted - set(FORMATS):
        _fail(f"unknown format(s): {', '.join(sorted(wanted - set(FORMATS))) or '(none)'}; choose from {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        _fail(f"unknown engine '{engine}': choose local or dask")
    try:
        dct = validate_dct(dct)
    except PipelineError as exc:
        _fail(str(exc))
    files = collect(paths)
    if not files:
        _fail("no input files found")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create output folder '{out}': {exc.strerror}")
    settings = Settings(dct=dct, encoding=encoding, max_bytes=max_bytes, config=str(config) if config else None)
    jobs = make_jobs(files)
    try:
        from .export import EventSpool, write_run
        spool = EventSpool(out)
        try:
            records, failures, texts = _execute(jobs, settings, workers, engine, scheduler, out, wanted, spool)
            write_run(spool, records, out, wanted, texts)
        finally:
            spool.close()
    except PipelineError as exc:
        if debug:
            raise
        _fail(str(exc), 2)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    raise typer.Exit(1 if failures else 0)


def _execute(jobs, settings, workers, engine, scheduler, out, wanted, spool):
    """Process the jobs, write each document's JSON as it comes, spool its events; keep
    whole only the first documents, for the report, so memory stays flat."""
    from .export import REPORT_TEXT_DOCS, write_document
    from .runner import run_dask, run_local
    records, failures, texts = [], [], {}
    use_bar = sys.stderr.isatty()
    progress_ctx = None
    if use_bar:
        from rich.progress import Progress
        progress_ctx = Progress(transient=True)
        progress_ctx.start()
        task = progress_ctx.add_task("documents", total=len(jobs))
        tick = lambda: progress_ctx.advance(task)  # noqa: E731
    else:
        tick = None
    try:
        stream = (run_dask(jobs, settings, scheduler, tick) if engine == "dask"
                  else run_local(jobs, settings, workers, tick))
        for outcome in stream:
            if outcome.error:  # the message names the file; keep it on one line whatever the name
                typer.echo("vnevents: " + outcome.error.replace("\r", "\\r").replace("\n", "\\n"), err=True)
                failure = {"doc_id": outcome.job.doc_id, "source": outcome.job.path, "error": outcome.error}
                failures.append(failure)
                spool.fail(failure)
                continue
            if "json" in wanted:
                write_document(outcome.record, out)
            spool.add(outcome.record)
            if len(texts) < REPORT_TEXT_DOCS:
                records.append(outcome.record)
                texts[outcome.job.doc_id] = outcome.text
    finally:
        if progress_ctx:
            progress_ctx.stop()
    return records, failures, texts


@app.command()
def show(file: Path = typer.Argument(..., help="A document record or timeline.json."),
         type_: Optional[str] = typer.Option(None, "--type", help="Event type, or its category (Conflict)."),
         date_from: Optional[str] = typer.Option(None, "--from", help="Earliest date, YYYY[-MM[-DD]]."),
         date_to: Optional[str] = typer.Option(None, "--to", help="Latest date, YYYY[-MM[-DD]]."),
         entity: Optional[str] = typer.Option(None, "--entity", help="A participant or place name.")):
    """A terminal table of the events of a document record or timeline."""
    from .show import load_events, filter_events, render
    try:
        events = filter_events(load_events(file), type_, date_from, date_to, entity)
    except PipelineError as exc:
        _fail(str(exc))
    render(events, title=str(file))


@app.command("eval")
def eval_cmd(gold: Path = typer.Argument(..., help="Gold annotation JSON."),
             pred: Path = typer.Argument(..., help="A document record written by `run`.")):
    """Accuracy of a document record against a gold annotation."""
    from .evaluate import evaluate_files, format_scores
    try:
        scores = evaluate_files(gold, pred)
    except PipelineError as exc:
        _fail(str(exc))
    typer.echo(format_scores(scores))


def main() -> None:
    app()
