"""The import graph of pipeline/ matches docs/ARCHITECTURE.md: imports only go down the
layers, modules form no cycle, and no private name crosses a module."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"
# layer of each top-level part of the package (docs/ARCHITECTURE.md)
LAYERS = {"errors": 0, "spans": 0, "days": 0, "resources": 0, "records": 0, "ontology": 0, "cache": 0, "limits": 0,
          "io": 1, "text": 2, "temporal": 3, "entities": 4, "events": 5, "export": 6,
          "__init__": 7, "cli": 7, "runner": 7, "pool": 7, "show": 7, "evaluate": 7}
STAGES = {"temporal", "entities", "events"}  # stages never import one another


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path):
    """(imported module, imported names, line) of every pipeline import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "pipeline" or target.startswith("pipeline."):
                names = [a.name for a in node.names]
                # "from . import x" imports the module x
                if not node.module:
                    for name in names:
                        yield f"{target}.{name}", [], node.lineno
                else:
                    yield target, names, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline"):
                    yield alias.name, [], node.lineno


def _part(module: str) -> str:
    parts = module.split(".")
    # "from . import load": a name of pipeline/__init__.py, not a module
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "__init__"


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_part_has_a_layer():
    parts = {_part(_module_name(p)) for p in MODULES}
    assert parts <= set(LAYERS), parts - set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_down_and_stages_stay_apart(path):
    source = _part(_module_name(path))
    for target, _, line in _imports(path):
        dest = _part(target)
        if dest == source:
            continue
        # the foundation modules and the applications may use one another (never in a cycle)
        assert LAYERS[dest] < LAYERS[source] or LAYERS[dest] == LAYERS[source] in (0, 7), \
            f"{path.name}:{line} imports {target} (layer {LAYERS[dest]}) from layer {LAYERS[source]}"
        assert not (source in STAGES and dest in STAGES), f"{path.name}:{line}: stage {source} imports {dest}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_crosses_a_module(path):
    for target, names, line in _imports(path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{path.name}:{line} imports {private} from {target}"


def test_no_import_cycle():
    known = {_module_name(p) for p in MODULES}
    graph: dict[str, set[str]] = {m: set() for m in known}
    for path in MODULES:
        here = _module_name(path)
        for target, names, _ in _imports(path):
            for cand in [f"{target}.{n}" for n in names] + [target]:
                if cand in known and cand != here:
                    graph[here].add(cand)
                    break
    # a package's __init__ re-exporting its own modules is not a cycle of the flow
    for m in graph:
        graph[m] = {t for t in graph[m] if not (t.startswith(m + ".") or m.startswith(t + "."))}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [node, nxt]
                                                          if nxt in trail else trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2
    for m in sorted(graph):
        if m not in state:
            visit(m, [])


def test_the_architecture_document_names_every_part():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for part in LAYERS:
        if part != "__init__":
            assert f"`{part}`" in text, part


def test_every_part_of_the_package_has_a_layer():
    """A new top-level module or package is placed in a layer (else its imports go unchecked)."""
    parts = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert parts - {"models"} <= set(LAYERS), sorted(parts - {"models"} - set(LAYERS))


def test_the_architecture_document_names_every_module():
    """Each module of a stage's or the export's package is named in the picture."""
    import re
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    picture = text[text.index("```"):text.index("```", text.index("```") + 3)]
    missing = [f"{p.parent.name}/{p.stem}" for p in PACKAGE.glob("*/*.py")
               if p.stem != "__init__" and p.parent.name != "models"
               and not re.search(rf"\b{p.stem}\b", picture)]
    assert not missing, missing


def test_the_pipeline_declares_what_each_stage_needs():
    """Every stage says what it requires and assigns, so spaCy's analyze_pipes catches a
    pipeline put together in the wrong order (the events before the dates)."""
    pytest = __import__("pytest")
    pytest.importorskip("underthesea")
    from pipeline import load
    nlp = load()
    assert not nlp.analyze_pipes()["problems"] or not any(nlp.analyze_pipes()["problems"].values())
    names = [name for name, _ in nlp.pipeline]
    assert names == ["vi_tagger", "vi_temporal", "vi_entities", "vi_events"]
    wrong = load()
    wrong.remove_pipe("vi_events")
    wrong.add_pipe("vnevents_events", name="vi_events", before="vi_temporal")
    problems = wrong.analyze_pipes()["problems"]
    assert "doc._.timexes" in problems["vi_events"] and "doc._.entities" in problems["vi_events"]
