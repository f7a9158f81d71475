"""Every example in the README is run: the Python API example returns what its comments
show, the JSON and CSV excerpts are what `make run` wrote into outputs/, and each option
of the usage lines is one the command knows."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.S)
EXE = str(Path(sys.executable).with_name("vnevents"))


def _blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCKS if kind == lang]


def test_the_api_example_returns_what_it_shows(run):
    code = _blocks("python")[0]
    text = re.search(r'extract\("([^"]+)"', code).group(1)
    shown = json.loads(re.search(r"# ->\s*(\{.*\})", code).group(1))
    events = run(text).to_dict()["events"]
    assert any(all(ev.get(k) == v if not isinstance(v, dict) else
                   all(ev[k].get(kk) == vv for kk, vv in v.items()) for k, v in shown.items())
               for ev in events), events


@pytest.mark.parametrize("block", _blocks("json"))
def test_json_excerpts_are_in_the_outputs(block):
    record = json.loads((ROOT / "outputs" / "cuban_missile_crisis.json").read_text(encoding="utf-8"))
    excerpt = json.loads(block)
    pool = record["timexes"] + record["events"]
    found = next(x for x in pool if x["id"] == excerpt["id"])
    assert _within(excerpt, found)


def _within(part, whole) -> bool:
    """Whether every key of `part` has its value in `whole` (objects compared key by key)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and _within(v, whole[k]) for k, v in part.items())
    return part == whole


def test_csv_excerpt_is_the_start_of_the_timeline():
    block = next(b for b in _blocks("") if b.startswith("doc_id,event_id"))
    rows = list(csv.reader((ROOT / "outputs" / "timeline.csv").read_text(encoding="utf-8").splitlines()))
    for shown, real in zip(csv.reader(block.strip().splitlines()), rows):
        shown = [c for c in shown if c != "..."]
        assert real[:len(shown)] == shown


@pytest.mark.parametrize("command", ["run", "show", "eval"])
def test_usage_lines_name_real_options(command):
    usage = re.search(rf"    vnevents {command} .*?(?=\n    vnevents |\n\n)", README, flags=re.S).group(0)
    helptext = subprocess.run([EXE, command, "--help"], capture_output=True, text=True, timeout=120).stdout
    for option in re.findall(r"--[a-z-]+", usage):
        assert option in helptext, option


@pytest.mark.parametrize("start, path", [("canonical,label", "entities.csv"),
                                         ("T1\t", "brat/cuban_missile_crisis.ann")])
def test_new_format_excerpts_are_in_the_outputs(start, path):
    block = next(b for b in _blocks("") if b.strip().startswith(start))
    lines = set((ROOT / "outputs" / path).read_text(encoding="utf-8").splitlines())
    for line in block.strip().splitlines():
        assert line.strip() in lines, line
