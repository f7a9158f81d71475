"""JSON Schemas of the files `vnevents run` writes, and a validator for them."""
from __future__ import annotations

import json
from importlib import resources


def schema(name: str) -> dict:
    """`document` or `timeline`."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


def validate(instance: dict, name: str) -> None:
    """Raise jsonschema.ValidationError when `instance` does not follow the schema."""
    import jsonschema
    jsonschema.validate(instance, schema(name), cls=jsonschema.Draft202012Validator)
