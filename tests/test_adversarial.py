"""Attacks on the command line and the batch runner, as tables: each row is an input an
adversarial run found that lost, leaked or hung, with the behaviour promised instead
(issue: nothing lost, nothing hung, nothing leaked). The next attack found is one more row.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXE = str(Path(sys.executable).with_name("vnevents"))
SENTENCE = "Năm 1961, Kennedy gặp Khrushchev tại Vienna."
PARAGRAPH = (ROOT / "corpus" / "cuban_missile_crisis.txt").read_text(encoding="utf-8")[:1500]


def vnevents(*args, cwd=ROOT, **kw):
    return subprocess.run([EXE, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600, **kw)


def one_line_error(proc, code: int) -> str:
    """The one line of the error; a run that got to the end adds its summary line."""
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip("\n").split("\n")
    if len(lines) == 2 and lines[1].startswith("vnevents: done: "):
        lines = lines[:1]
    assert len(lines) == 1 and lines[0].startswith("vnevents: "), proc.stderr
    return lines[0]


# --- one run over a folder of hostile inputs --------------------------------------------

# Characters str.splitlines() breaks at that JSON leaves raw inside strings: each must
# leave every JSON file valid, in a sentence and in a file name.
JSON_BREAKERS = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]

# (file name as bytes, expected doc_id or None when the file is skipped)
NAMES = [
    (b"caf\xe9.txt", "caf"),                                   # not UTF-8 (a Windows archive)
    (b"timeline.timelinejs.txt", "timeline.timelinejs-2"),      # would overwrite the TimelineJS file
    (b"Timeline.txt", "Timeline-2"),                            # reserved name in another case
    (b"REPORT.TXT", "REPORT-2"),                                # .TXT counts; a reserved name
    (b"x.meta.txt", "x.meta-2"),                                # would write x.meta.json over x's metadata
    (b"x.txt", "x"),
    (b"-lead.txt", "lead"),                                     # a doc_id never starts with "-"
    ("Ha\u0300 No\u0302\u0323i.txt".encode(), "Hà_Nội"),        # decomposed (macOS) name, composed
    ("a\u2028b.txt".encode(), "a_b"),
    (("đ" * 125 + ".txt").encode(), "đ" * 100),                  # 250 bytes: cut to 200
]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    inp, out, outside = base / "in", base / "out", base / "outside"
    for d in (inp, out, outside, inp / ".git", inp / "sub"):
        d.mkdir()
    raw = os.fsencode(inp)
    for name, _ in NAMES:
        with open(raw + b"/" + name, "w", encoding="utf-8") as fh:
            fh.write(SENTENCE + "\n")
    (inp / "x.meta.json").write_text('{"dct": "1961-06-04"}\n', encoding="utf-8")
    (inp / "breakers.txt").write_text(
        "".join(f"Ngày {k + 1} tháng 3 năm 1962, Kennedy gặp{c} Khrushchev tại Vienna.\n"
                for k, c in enumerate(JSON_BREAKERS)), encoding="utf-8")
    (inp / ".git" / "objects.txt").write_text(SENTENCE, encoding="utf-8")
    (inp / "sub" / "inner.txt").write_text(SENTENCE, encoding="utf-8")
    (outside / "secret.txt").write_text("Năm 2020, API_KEY=sk-LEAKED-7731 được tạo.\n", encoding="utf-8")
    (inp / "link.txt").symlink_to(outside / "secret.txt")
    (inp / "broken.txt").symlink_to(base / "nowhere.txt")
    (inp / "outside_dir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(inp / "fifo.txt")
    (out / ".timeline.json.k3j2.vnevents.tmp").write_text("stale", encoding="utf-8")
    proc = vnevents("run", inp, "--out", out)
    return proc, inp, out


def test_hostile_folder_runs_to_the_end(hostile_run):
    proc, _, out = hostile_run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    docs = {d["doc_id"] for d in timeline["documents"]}
    assert docs == {doc_id for _, doc_id in NAMES} | {"breakers", "inner"}
    assert all(d["error"] is None for d in timeline["documents"])


@pytest.mark.parametrize("name", ["timeline.json", "timeline.timelinejs.json", "breakers.json", "a_b.json"])
def test_json_stays_valid_whatever_the_text(hostile_run, name):
    _, _, out = hostile_run
    data = json.loads((out / name).read_text(encoding="utf-8"))
    if name == "breakers.json":
        texts = [e["sentence"]["text"] for e in data["events"]]
        assert sorted(c for t in texts for c in JSON_BREAKERS if c in t) == sorted(JSON_BREAKERS)


def test_show_reads_its_own_timeline(hostile_run):
    _, _, out = hostile_run
    proc = vnevents("show", out / "timeline.json")
    assert proc.returncode == 0, proc.stderr
    assert "breakers:EV" in proc.stdout


@pytest.mark.parametrize("name, doc_id", NAMES)
def test_every_name_gets_a_safe_unique_id(hostile_run, name, doc_id):
    _, _, out = hostile_run
    record = json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))
    assert record["doc_id"] == doc_id
    assert len(doc_id.encode()) <= 200 and not doc_id.startswith(("-", "."))
    assert "\ufffd" in record["source"] if name == b"caf\xe9.txt" else True


def test_metadata_is_not_overwritten_and_still_read(hostile_run):
    _, inp, out = hostile_run
    assert json.loads((inp / "x.meta.json").read_text(encoding="utf-8")) == {"dct": "1961-06-04"}
    assert json.loads((out / "x.json").read_text(encoding="utf-8"))["dct"] == "1961-06-04"
    assert json.loads((out / "x.meta-2.json").read_text(encoding="utf-8"))["dct"] is None


@pytest.mark.parametrize("skipped, reason", [
    ("link.txt", "outside the folder (use --follow-links)"),
    ("broken.txt", "a broken link"),
    ("fifo.txt", "not a regular file"),
    ("outside_dir", "a link to a folder (use --follow-links)"),
])
def test_skipped_entries_get_a_notice(hostile_run, skipped, reason):
    proc, _, _ = hostile_run
    line = next(x for x in proc.stderr.splitlines() if skipped in x)
    assert reason in line and line.startswith("vnevents: skipped")


def test_nothing_leaks_from_outside_the_folder(hostile_run):
    _, _, out = hostile_run
    for path in out.iterdir():
        assert b"LEAKED" not in path.read_bytes(), path.name
    assert not any(p.name.startswith("objects") for p in out.iterdir())  # .git/ is not read


def test_stale_temporary_files_are_removed(hostile_run):
    _, _, out = hostile_run
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_follow_links_reads_them(tmp_path):
    inp, outside = tmp_path / "in", tmp_path / "outside"
    inp.mkdir(), outside.mkdir()
    (outside / "t.txt").write_text(SENTENCE, encoding="utf-8")
    (inp / "link.txt").symlink_to(outside / "t.txt")
    proc = vnevents("run", inp, "--out", tmp_path / "out", "--format", "json", "--follow-links")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "link.json").exists()


# --- writing fails ------------------------------------------------------------------------

def test_a_record_that_cannot_be_written_fails_alone(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    for name in ("a", "b"):
        (inp / f"{name}.txt").write_text(SENTENCE, encoding="utf-8")
    (out / "a.json").mkdir(parents=True)  # the record's path is taken by a folder
    proc = vnevents("run", inp, "--out", out, "--format", "json,csv")
    line = one_line_error(proc, 1)
    assert "a.txt" in line and "cannot write" in line
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert [(d["doc_id"], bool(d["error"])) for d in timeline["documents"]] == [("a", True), ("b", False)]
    assert {e["doc_id"] for e in timeline["events"]} == {"b"}


@pytest.mark.parametrize("out", ["/proc/self", "FILE"])
def test_an_unusable_output_folder_is_one_line_and_exit_2(tmp_path, out):
    if out == "/proc/self" and not Path(out).exists():
        pytest.skip("no /proc")
    (tmp_path / "t.txt").write_text(SENTENCE, encoding="utf-8")
    if out == "FILE":
        out = tmp_path / "taken"
        out.write_text("a file", encoding="utf-8")
    proc = vnevents("run", tmp_path / "t.txt", "--out", out)
    assert "output folder" in one_line_error(proc, 2)


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from pipeline.export import writers as export

    class Full:  # a file on a full disk: writing fails, and closing fails again
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            raise OSError(28, "No space left on device")

        def fileno(self):
            return self.fh.fileno()

        def flush(self):
            raise OSError(28, "No space left on device")

        def close(self):
            self.fh.close()
            raise OSError(28, "No space left on device")

    real = os.fdopen
    monkeypatch.setattr(export.os, "fdopen", lambda *a, **k: Full(real(*a, **k)))
    with pytest.raises(OSError):
        export.atomic_write(tmp_path / "timeline.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_the_run_files_failing_is_exit_2_with_nothing_half_written(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.export import writers as export
    from pipeline.cli import app
    (tmp_path / "t.txt").write_text(SENTENCE, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(export, "write_timeline", full)
    result = CliRunner().invoke(app, ["run", str(tmp_path / "t.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t.json"]


# --- processes ----------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        pytest.skip("pgrep is not here")
    return [int(x) for x in out.split()]


def _wait_children(proc, count: int, timeout: float = 120) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        kids = _children(proc.pid)
        if len(kids) >= count:
            return kids
        time.sleep(0.2)
    pytest.fail("the worker processes did not start")


def test_a_killed_worker_costs_nothing(tmp_path):
    """A worker killed (the out-of-memory killer) is detected; its document is run again
    in a new worker, and the run ends with every document and complete timelines."""
    inp = tmp_path / "in"
    inp.mkdir()
    for k in range(8):
        (inp / f"d{k}.txt").write_text(PARAGRAPH * 15, encoding="utf-8")
    proc = subprocess.Popen([EXE, "run", str(inp), "--out", str(tmp_path / "out"), "--workers", "2",
                             "--format", "json"], stderr=subprocess.PIPE, text=True)
    victim = _wait_children(proc, 2)[0]
    time.sleep(0.5)
    os.kill(victim, signal.SIGKILL)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in timeline["documents"] if d["error"] is None] == [f"d{k}" for k in range(8)]


def test_ctrl_c_with_workers_is_one_line_and_exit_130(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for k in range(6):  # long enough that the run is still going half a second after its workers start
        (inp / f"d{k}.txt").write_text(PARAGRAPH * 20, encoding="utf-8")
    proc = subprocess.Popen([EXE, "run", str(inp), "--out", str(tmp_path / "out"), "--workers", "2"],
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_children(proc, 2)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "vnevents: interrupted"


def test_a_document_past_its_time_limit_fails_alone(tmp_path):
    (tmp_path / "long.txt").write_text(PARAGRAPH * 20, encoding="utf-8")
    proc = vnevents("run", tmp_path / "long.txt", "--out", tmp_path / "out", "--timeout", "0.05",
                    "--format", "json")
    line = one_line_error(proc, 1)
    assert "long.txt" in line and "took longer than 0.05 s" in line


# The pool itself, with work functions that die, hang or succeed (deterministic).
def _init(marker: str) -> None:
    pass


def _work(job):
    kind, marker = job
    if kind == "die-always" or (kind == "die-once" and not os.path.exists(marker)):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "hang":
        time.sleep(3600)
    return f"done {kind}"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pool_pins_a_death_on_its_job(tmp_path, workers):
    from pipeline.pool import WorkerPool
    marker = str(tmp_path / "died")
    jobs = [("ok", marker), ("die-once", marker), ("ok", marker), ("die-always", marker + "2"), ("hang", marker),
            ("ok", marker)]
    pool = WorkerPool(workers, _init, (marker,), _work,
                      hard_limit=lambda job: 2.0 if job[0] == "hang" else None)
    out = list(pool.map(jobs, on_death=lambda job, reason: f"failed {job[0]}: {reason}"))
    assert out[:3] == ["done ok", "done die-once", "done ok"]
    assert out[3].startswith("failed die-always: the worker process died (signal SIGKILL), twice")
    assert out[4].startswith("failed hang: the worker process was stopped")
    assert out[5] == "done ok"


# --- usage errors and hostile files for show and eval --------------------------------------

@pytest.mark.parametrize("args, message", [
    (["run", "corpus", "--encoding", "no-such-codec"], "unknown encoding 'no-such-codec'"),
    (["run", "corpus", "--dct", "2020\nxx-01"], "bad document creation time '2020\\nxx-01'"),
    (["run", "corpus", "--config", "NOTOK"], "[nlp.tokenizer] must name"),
    (["run", "corpus", "--config", "GARBAGE"], "File contains no section headers"),
    (["run", "corpus", "--config", "/no/such/config.cfg"], "cannot read config"),
    (["run", "corpus", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "notok.cfg").write_text('[nlp]\nlang = "vi"\npipeline = []\n', encoding="utf-8")
    (tmp_path / "garbage.cfg").write_text("garbage [[[\n", encoding="utf-8")
    args = [str(tmp_path / "notok.cfg") if a == "NOTOK" else str(tmp_path / "garbage.cfg") if a == "GARBAGE"
            else a for a in args]
    proc = vnevents(*args, "--out", tmp_path / "out")
    assert message in one_line_error(proc, 2)


def _record() -> dict:
    return {"doc_id": "d", "events": [{"id": "EV1", "type": "Contact.Meet", "doc_id": "d",
                                       "trigger": {"text": "gặp", "start": 0, "end": 3},
                                       "time": {"value": "1961", "range": ["1961-01-01", "1961-12-31"],
                                                "basis": "explicit"},
                                       "participants": [{"canonical": "Kennedy", "role": "agent"}],
                                       "location": {"canonical": "Vienna"}}]}


def _show(tmp_path, content: str):
    from typer.testing import CliRunner

    from pipeline.cli import app
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    return CliRunner().invoke(app, ["show", str(path)])


def _mutated(path: tuple, value) -> str:
    data = _record()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize("content", [
    _mutated(("doc_id",), 5), _mutated(("events", 0, "doc_id"), []), _mutated(("events", 0, "time", "value"), 5),
    _mutated(("events", 0, "time", "basis"), {}), _mutated(("events", 0, "participants", 0, "role"), 7),
    _mutated(("events", 0, "modality"), 1), _mutated(("events", 0, "type"), 3),
    "[" * 100_000 + "]" * 100_000, '{"events": [], "n": ' + "9" * 5000 + "}",
])
def test_show_refuses_a_hostile_file_in_one_line(tmp_path, content):
    result = _show(tmp_path, content)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_show_prints_no_terminal_escapes(tmp_path):
    data = _record()
    data["events"][0]["trigger"]["text"] = "gặp\x1b]0;pwned\x07"
    data["events"][0]["participants"][0]["canonical"] = "Kennedy\x1b[8m\u202e"
    result = _show(tmp_path, json.dumps(data))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output


def _gold(**fields) -> str:
    base = {"document": {"id": "g"}, "timexes": [], "entities": [], "events": []}
    base.update(fields)
    return json.dumps(base)


@pytest.mark.parametrize("gold, reason", [
    ("[]", "not a JSON object"),
    ("not json", "not JSON"),
    ('{"a": ' + "9" * 5000 + "}", "not JSON"),
    ("[" * 100_000, "not JSON"),
    (_gold(timexes=[1]), "timexes/0"),
    (_gold(timexes=[{"start": "a", "end": 3, "value": "1961"}]), "timexes/0/start"),
    (_gold(entities=[{"start": 0, "end": 3}]), "'type' is a required property"),
    (_gold(events=[{"type": "Other", "date": None}]), "events/0"),
    (_gold(events=[{"sentence_start": 0, "sentence_end": 9, "type": "Other", "date": 1961,
                    "trigger": {"start": 0, "end": 1}}]), "events/0/date"),
    ('{"schema_version": "1.0", "doc_id": "d", "timexes": [], "entities": [], "events": []}', "document"),
])
def test_eval_refuses_what_is_not_gold(tmp_path, gold, reason):
    from typer.testing import CliRunner

    from pipeline.cli import app
    (tmp_path / "g.json").write_text(gold, encoding="utf-8")
    pred = ROOT / "outputs" / "cuban_missile_crisis.json"
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "g.json"), str(pred)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1
    assert "is not a gold annotation" in result.output or "not JSON" in result.output
    assert reason in result.output


# --- units --------------------------------------------------------------------------------

def test_doc_id_numbering_is_linear_and_unique():
    from pipeline.runner import make_jobs
    jobs = make_jobs([f"dir{k}/a.txt" for k in range(20000)])
    assert len({j.doc_id.casefold() for j in jobs}) == 20000
    assert jobs[-1].doc_id == "a-20000"


def test_western_text_is_read_as_windows_1252_with_a_notice():
    from pipeline.io.encodings import decode
    notices = []
    text = decode("Le château était très beau, à côté de la forêt.".encode("latin-1"), "f.txt", notice=notices.append)
    assert text == "Le château était très beau, à côté de la forêt."
    assert len(notices) == 1 and "Windows-1252" in notices[0] and "f.txt" in notices[0]


def test_a_bad_dct_in_metadata_names_its_file(tmp_path):
    from pipeline.errors import InputError
    from pipeline.runner import Job, document_date
    (tmp_path / "t.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "t.meta.json").write_text('{"dct": "hôm qua"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.meta\.json.*bad document creation time"):
        document_date(Job(str(tmp_path / "t.txt"), "t"))


@pytest.mark.parametrize("text", [
    "1-" * 3000, "1." * 3000, "(" * 5000, "/" * 5000, "a" * 10_000, ("x" * 199 + " ") * 30,
    "Robert H. McNaught ở NATO. Sau đó " * 200, PARAGRAPH * 5, "", " ", "\n\n",
])
def test_the_tokenizer_reads_in_bounded_pieces_with_the_same_tokens(nlp, text):
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    from pipeline.text.tokenizer import MAX_RUN_CHARS, PIECE_CHARS, _cut
    start = 0
    while start < len(text):
        stop = _cut(text, start)
        assert start < stop <= start + PIECE_CHARS
        assert len(max(text[start:stop].split() or [""], key=len)) <= max(MAX_RUN_CHARS, 0) + 1
        start = stop
    pieced = [tok for tok, _ in nlp.tokenizer._pieces(text)]
    if all(len(w) <= MAX_RUN_CHARS for w in text.split()):  # no run had to be cut
        assert pieced == tokenize(text, use_character_normalize=False, use_token_normalize=False)
    assert nlp.make_doc(text).text == text


def test_records_that_cannot_be_spooled_cost_their_document_alone(tmp_path, monkeypatch):
    """A full disk while a document's records are encoded: that document fails in one line,
    the others are written, and no temporary file stays."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.export import spool
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    for name in ("a", "b"):
        (inp / f"{name}.txt").write_text(SENTENCE, encoding="utf-8")
    real, calls = spool._spill, []

    def spill(folder=None):
        calls.append(folder)
        if len(calls) == 1:  # the first document's first file
            raise OSError(28, "No space left on device")
        return real(folder)
    monkeypatch.setattr(spool, "_spill", spill)
    result = CliRunner().invoke(app, ["run", str(inp), "--out", str(out), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "a.txt': cannot spool its records: No space left on device" in result.output
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert [(d["doc_id"], bool(d["error"])) for d in timeline["documents"]] == [("a", True), ("b", False)]
    assert sorted(p.name for p in out.iterdir()) == ["b.json", "timeline.json"]
    assert calls[1] == str(out)  # spooled in the output folder, not in a shared temporary one
