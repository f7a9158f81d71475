"""Start-up: wall time of whole commands, each run as a new process, several times (the
commands taking turns), against underthesea's ner() on the same sentence in the same run:

    .venv/bin/python benchmarks/bench_startup.py [--repeat 5] [--stages]

  vnevents run ONE.txt        the pipeline on a one-sentence file, outputs written
  usage error                 `vnevents run ONE.txt --dct nonsense` (answered before any model loads)
  underthesea ner()           python -c "import underthesea; underthesea.ner('...')"

For each command: the median and the best wall time, and the best CPU time (user + sys of the
process); the ratio to ner() is given of the medians, of the bests and of the CPU times. On a
shared machine compare the bests and the CPU times, never single runs. `--stages` adds where
the time of one run goes, in one process (the best of `--repeat` runs for each stage): the
imports (timed with the collector paused, as a run makes them), the loading of each
component, spaCy's own part of loading, the document, the files written, and python's
start-up and exit.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập tại Hà Nội."

# Run in a new process by --stages: the steps of `vnevents run` timed one by one, each
# component's loading measured around its class's constructor. Prints JSON {stage: [wall, cpu]}.
STAGES = r"""
import time
began = time.time()
import json, sys
out = {}
def clock():
    return time.perf_counter(), time.process_time()
def note(name, start):
    wall, cpu = clock()
    out[name] = [wall - start[0], cpu - start[1]]
def timed_init(cls, name):
    init = cls.__init__
    def wrapper(self, *a, **k):
        start = clock()
        try:
            init(self, *a, **k)
        finally:
            note(name, start)
    cls.__init__ = wrapper
start = clock()
from pipeline import cli
note("import pipeline.cli (typer)", start)
import gc
gc.disable()  # as in a run, where these imports happen while the pipeline loads (runner.Processor)
start = clock()
import spacy
note("import spacy", start)
start = clock()
import underthesea
note("import underthesea", start)
start = clock()
from pipeline import entities, events, temporal
from pipeline.text import tagger, tokenizer
from pipeline import runner
note("import the pipeline's stages", start)
gc.enable()
import pipeline
load = pipeline.load
def timed_load(*a, **k):
    start = clock()
    try:
        return load(*a, **k)
    finally:
        note("load the pipeline", start)
pipeline.load = timed_load
timed_init(tokenizer.UndertheseaTokenizer, "load tokenizer (word segmentation CRF)")
timed_init(tagger.CRFTagger, "load tagger (POS, chunk, NER CRFs)")
timed_init(temporal.TemporalTagger, "load temporal (grammar, prefilter)")
timed_init(entities.EntityRecognizer, "load entities (gazetteers, cues)")
timed_init(events.stage.EventExtractor, "load events (lexicon, trigger and role CRFs)")
call = runner.Processor.__call__
def process(self, job):
    start = clock()
    try:
        return call(self, job)
    finally:
        note("process the document", start)
runner.Processor.__call__ = process
write = cli._write_run
def write_run(*a, **k):
    start = clock()
    try:
        return write(*a, **k)
    finally:
        note("write the run's files", start)
cli._write_run = write_run
sys.argv = ["vnevents", "run", sys.argv[1], "--out", sys.argv[2]]
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps({"began": began, "ended": time.time(), "stages": out}))
"""
PARTS = ("load tokenizer", "load tagger", "load temporal", "load entities", "load events")


def timed(commands: list[list[str]], repeat: int) -> list[tuple[list[float], list[float]]]:
    """Wall and CPU (user + sys) seconds of each of `repeat` runs of each command. The
    commands take turns, so that a change in the machine's load falls on all of them."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for _ in range(repeat):
        for args, (walls, cpus) in zip(commands, times):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False)
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


def stages(one: Path, out: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """{stage: (best wall, best cpu)} over `repeat` runs in new processes."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        launched = time.time()
        done = subprocess.run([sys.executable, "-c", STAGES, str(one), str(out)], capture_output=True,
                              text=True, check=True)
        finished = time.time()
        report = json.loads(done.stdout.strip().splitlines()[-1])
        found = report["stages"]
        whole = found.pop("load the pipeline")
        parts = [v for k, v in found.items() if k.startswith(PARTS)]
        found["load the pipeline: spaCy's part (config, vocab)"] = [whole[0] - sum(w for w, _ in parts),
                                                                   whole[1] - sum(c for _, c in parts)]
        found["python's start-up and exit (wall only)"] = [report["began"] - launched + finished - report["ended"],
                                                           0.0]
        for name, (wall, cpu) in found.items():
            old = best.get(name, (wall, cpu))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stages", action="store_true", help="also time the stages of one run, in one process")
    a = ap.parse_args()
    exe = str(Path(sys.executable).with_name("vnevents"))
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(SENTENCE + "\n", encoding="utf-8")
        out = str(Path(tmp) / "out")
        baseline, run, usage = timed([[sys.executable, "-c", f"import underthesea; underthesea.ner({SENTENCE!r})"],
                                      [exe, "run", str(one), "--out", out],
                                      [exe, "run", str(one), "--out", out, "--dct", "nonsense"]], a.repeat)
        parts = stages(one, Path(out), a.repeat) if a.stages else {}
    print(f"{'':37s}{'median':>8s}{'best':>8s}{'best CPU':>10s}   (seconds, {a.repeat} runs each)")
    for name, (walls, cpus) in (("underthesea ner() on one sentence", baseline),
                                ("vnevents run on a one-sentence file", run), ("vnevents usage error", usage)):
        print(f"{name:37s}{statistics.median(walls):8.2f}{min(walls):8.2f}{min(cpus):10.2f}")
    print(f"vnevents run / ner(): {statistics.median(run[0]) / statistics.median(baseline[0]):.2f}x (medians), "
          f"{min(run[0]) / min(baseline[0]):.2f}x (bests), {min(run[1]) / min(baseline[1]):.2f}x (CPU)")
    if parts:
        print(f"\nstages of one run, in one process (the best of {a.repeat} runs for each):")
        print(f"{'':52s}{'wall':>8s}{'CPU':>8s}")
        for name, (wall, cpu) in parts.items():
            print(f"{name:52s}{wall:8.3f}{cpu:8.3f}")
        print(f"{'sum':52s}{sum(w for w, _ in parts.values()):8.3f}{sum(c for _, c in parts.values()):8.3f}")


if __name__ == "__main__":
    main()
