"""The cache of the temporal grammar (pipeline/cache.py, temporal/rules.py): a second load
reads what the first built (lists, tables, rules, the prefilter's tables) and compiles
patterns on first use, with the same results; a broken, foreign or absent cache costs only
time; changed rules are compiled (and checked) again."""
from __future__ import annotations

import json
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.errors import ResourceError
from pipeline.resources import models_path
from pipeline.temporal.grammar import Grammar
from pipeline.temporal.prefilter import Prefilter
from pipeline.temporal.rules import LazyPattern, load_temporal

TEXT = ("Ngày 14 tháng 10 năm 1962, máy bay U-2 chụp ảnh. Hai ngày sau, lúc 8 giờ 45 phút sáng, "
        "Kennedy được báo cáo. Cuối tháng 10 cùng năm, khủng hoảng kết thúc.")


def _found(res):
    return [(c.start, c.end, c.rule.id) for c in Grammar(res).find(TEXT)]


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("VNEVENTS_CACHE_DIR", str(folder))
    return folder


def _rules(res):
    return [(r.regex.pattern, *(getattr(r, f.name) for f in fields(r) if f.name != "regex")) for r in res.rules]


def test_second_load_reads_the_cache_with_the_same_results(cache_dir):
    fresh = load_temporal(models_path(None))
    assert len(list(cache_dir.glob("temporal-vi-*.json"))) == 1
    assert not any(isinstance(r.regex, LazyPattern) for r in fresh.rules)
    cached = load_temporal(models_path(None))
    assert all(isinstance(r.regex, LazyPattern) for r in cached.rules)
    assert _rules(cached) == _rules(fresh)  # every field of every rule, the pattern's source for the regex
    assert (cached.lists, cached.tables) == (fresh.lists, fresh.tables)
    assert cached.prefilter == fresh.prefilter and cached.reach == fresh.reach
    uncached = load_temporal(models_path(None), use_cache=False)
    assert _found(cached) == _found(fresh) == _found(uncached)
    assert len(_found(cached)) >= 3  # the text has dates: the comparison is not empty


def test_the_prefilter_of_the_cache_is_the_one_worked_out_from_the_patterns(cache_dir):
    """The tables stored (and read back) pick the same rules as a prefilter that analyses
    every pattern itself."""
    load_temporal(models_path(None))
    cached = load_temporal(models_path(None))
    own = Prefilter(cached.rules)
    stored = Grammar(cached).prefilter
    assert own.reach == stored.reach
    for text in (TEXT, "hôm qua", "Thứ Năm, ngày 8 tháng 1 năm 2015", "lúc 9h05 sáng", "không có ngày nào"):
        assert own.active(text) == stored.active(text)


@pytest.mark.parametrize("content", ['{"patterns": {}}', '{"rules": [], "lists": {}, "tables": {}}', "[]",
                                     '{"rules": [{"pattern": "x"}]}'])
def test_a_cache_file_of_another_shape_is_rebuilt(cache_dir, content):
    load_temporal(models_path(None))
    path = next(cache_dir.glob("temporal-vi-*.json"))
    path.write_text(content, encoding="utf-8")
    res = load_temporal(models_path(None))
    assert not any(isinstance(r.regex, LazyPattern) for r in res.rules)  # compiled anew
    assert len(res.rules) > 100


def test_a_broken_cache_file_is_rebuilt(cache_dir):
    load_temporal(models_path(None))
    path = next(cache_dir.glob("temporal-vi-*.json"))
    path.write_text("{not json", encoding="utf-8")
    res = load_temporal(models_path(None))
    assert not any(isinstance(r.regex, LazyPattern) for r in res.rules)  # compiled anew
    assert json.loads(path.read_text(encoding="utf-8"))["rules"]  # and stored again


def test_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("VNEVENTS_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_temporal(models_path(None))
    assert not list(tmp_path.rglob("*.json"))


def test_an_unwritable_cache_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("VNEVENTS_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    assert len(load_temporal(models_path(None)).rules) > 100


def test_a_changed_rule_is_compiled_and_checked_again(cache_dir, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(Path(models_path(None)) / "temporal", models / "temporal")
    load_temporal(models)  # fills the cache for these files
    rules = sorted((models / "temporal" / "vi" / "rules").glob("*.yaml"))[0]
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text + "\n- id: broken_rule\n  pattern: 'năm (\\d{4}'\n  type: DATE\n"
                     "  value: '{year}'\n  example: năm 1962\n  expect: '1962'\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="broken_rule"):
        load_temporal(models)


def test_a_new_build_replaces_the_older_ones(cache_dir):
    cache_dir.mkdir(parents=True)
    (cache_dir / "temporal-vi-0123456789abcdef.json").write_text("{}", encoding="utf-8")
    (cache_dir / "foreign-months-0123.json").write_text("[]", encoding="utf-8")
    load_temporal(models_path(None))
    assert sorted(p.name.split("-")[0] for p in cache_dir.glob("*.json")) == ["foreign", "temporal"]
    assert not (cache_dir / "temporal-vi-0123456789abcdef.json").exists()
    assert (cache_dir / "foreign-months-0123.json").exists()  # another family: left alone
