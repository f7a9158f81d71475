"""The wheel holds every data file the code loads: each folder of models/ and of the export
assets is a package of pyproject.toml, and each of their files matches its package-data
globs (a model folder added without listing it, or a new kind of file, fails here)."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
DATA = {"pipeline.models": ROOT / "models", "pipeline.export.assets": ROOT / "pipeline" / "export" / "assets",
        "pipeline.export.schemas": ROOT / "pipeline" / "export" / "schemas",
        "pipeline.export.templates": ROOT / "pipeline" / "export" / "templates"}


def _shipped(package: str, path: Path) -> bool:
    """Whether a file is package data of `package` or of a package above it."""
    parts = package.split(".")
    for k in range(len(parts), 0, -1):
        owner = ".".join(parts[:k])
        rel = "/".join([*parts[k:], path.name])
        if any(fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(rel, glob.replace("**/", ""))
               for glob in CONFIG["package-data"].get(owner, ())):
            return True
    return False


def test_every_data_folder_is_a_package():
    for package, folder in DATA.items():
        for sub in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
            name = ".".join([package, *sub.relative_to(folder).parts])
            assert name in CONFIG["packages"], f"{sub.relative_to(ROOT)}: add {name!r} to [tool.setuptools] packages"


def test_every_data_file_is_package_data():
    missing = []
    for package, folder in DATA.items():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".py"
                           and "__pycache__" not in p.parts):
            sub = ".".join([package, *path.parent.relative_to(folder).parts])
            if not _shipped(sub, path):
                missing.append(str(path.relative_to(ROOT)))
    assert not missing, missing


def test_the_models_folder_is_installed_as_pipeline_models():
    assert CONFIG["package-dir"]["pipeline.models"] == "models"
    assert (ROOT / "models" / "events").is_dir() and (ROOT / "models" / "temporal" / "vi" / "rules").is_dir()


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> the pipeline files that import it, for every module that is neither
    the standard library nor the package itself (imports inside functions included)."""
    import ast
    import sys
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "pipeline" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def _distribution(name: str) -> str:
    """A requirement's distribution name, normalised ("underthesea-core>=3.0" -> "underthesea_core")."""
    import re
    return re.split(r"[<>=!~;\[ ]", name, maxsplit=1)[0].strip().lower().replace("-", "_")


def test_every_runtime_import_is_declared_and_every_dependency_is_used():
    """Each third-party module pipeline/ imports belongs to a distribution of
    [project.dependencies] or of the `dask` extra (the --engine dask path), and each declared
    dependency is imported somewhere in pipeline/ (build-time and test tools are extras)."""
    import importlib.metadata
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_distribution(d) for d in project["dependencies"]}
    optional = {_distribution(d) for d in project["optional-dependencies"]["dask"]}
    owners = importlib.metadata.packages_distributions()
    imported: dict[str, set[str]] = {}
    for module, files in _third_party_imports().items():
        dists = {_distribution(d) for d in owners.get(module, [module])}
        assert dists & (declared | optional), f"{module} (imported by {sorted(files)}) is not declared"
        for dist in dists:
            imported.setdefault(dist, set()).update(files)
    unused = sorted(declared - set(imported))
    assert not unused, f"declared but never imported by pipeline/: {unused}"
