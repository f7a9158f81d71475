"""The package's functions stay small enough to change safely: by radon's cyclomatic
complexity, none above 20 and at most ten above 15 (the layout issue's bound)."""
from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
LIMIT = 20
HIGH = 15
MOST_HIGH = 10


def _functions():
    """(file:line name, complexity) of every function and method of the package (a class's
    own figure, the average of its methods, is left out; closures count in their function)."""
    radon = pytest.importorskip("radon.complexity")
    from radon.visitors import Function
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        blocks = radon.cc_visit(path.read_text(encoding="utf-8"))
        for item in [*blocks, *(m for b in blocks for m in getattr(b, "methods", ()))]:
            if isinstance(item, Function):
                name = f"{item.classname}.{item.name}" if item.classname else item.name
                out[f"{path.relative_to(PACKAGE.parent)}:{item.lineno} {name}"] = item.complexity
    return sorted(out.items())


def test_radon_sees_the_functions():
    names = {name.split(" ")[1] for name, _ in _functions()}
    assert {"extract", "Dating.sentence", "range_of"} <= names


def test_no_function_above_the_limit():
    over = [(name, cc) for name, cc in _functions() if cc > LIMIT]
    assert not over, over


def test_few_functions_above_fifteen():
    high = sorted((cc, name) for name, cc in _functions() if cc > HIGH)
    assert len(high) <= MOST_HIGH, high
