"""The event types of the contract, read from models/events/ontology.yaml: the one list
that the event stage, its lexicon and model, the report and `show` use (and that a test
checks the JSON Schemas against)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import ResourceError
from .resources import default_models_dir, load_yaml

ROLES = frozenset({"agent", "theme", "recipient", "beneficiary", "instrument", "source", "goal", "content",
                   "experiencer", "other"})


TIMEML_CLASSES = frozenset({"OCCURRENCE", "REPORTING", "PERCEPTION", "ASPECTUAL", "I_ACTION", "I_STATE", "STATE"})


@dataclass(frozen=True)
class EventType:
    name: str
    category: str
    vhe: tuple[str, ...] = ()
    subject: str = "agent"
    object: str = "theme"
    parties: bool = True
    timeml: str = "OCCURRENCE"  # its TimeML event class


@dataclass(frozen=True)
class Ontology:
    types: MappingProxyType  # name -> EventType, in the contract's order
    categories: MappingProxyType  # name -> {"hue": int, "style": str}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.types)

    def check(self, name: str, path, where: str) -> None:
        """ResourceError unless `name` is a type of the ontology."""
        if name not in self.types:
            raise ResourceError(path, rule_id=where, reason=f"'{name}' is not an event type of "
                                                            "models/events/ontology.yaml")

    def check_role(self, label: str, path) -> None:
        """ResourceError unless `label` is a role, 'place' or 'O' (a role model's labels)."""
        if label not in ROLES and label not in ("place", "O"):
            raise ResourceError(path, rule_id="label", reason=f"'{label}' is not a role, 'place' or 'O'")

    def from_vhe(self) -> dict[str, str]:
        return {v: t.name for t in self.types.values() for v in t.vhe}


@lru_cache(maxsize=4)
def load_ontology(models_dir: str | None = None) -> Ontology:
    path = Path(models_dir or default_models_dir()) / "events" / "ontology.yaml"
    data = load_yaml(path) or {}
    cats, types = data.get("categories"), data.get("types")
    if not isinstance(cats, dict) or not isinstance(types, dict) or not types:
        raise ResourceError(path, reason="needs the mappings 'categories' and 'types'")
    out = {}
    for name, spec in types.items():
        spec = spec or {}
        category = name.split(".")[0]
        if name != "Other" and ("." not in name or category not in cats):
            raise ResourceError(path, rule_id=name, reason="a type is Category.Subtype of a listed category, or Other")
        for key in ("subject", "object"):
            if key in spec and spec[key] not in ROLES:
                raise ResourceError(path, rule_id=name, reason=f"{key} '{spec[key]}' is not a role")
        unknown = set(spec) - {"vhe", "subject", "object", "parties", "timeml"}
        if unknown:
            raise ResourceError(path, rule_id=name, reason=f"unknown keys {sorted(unknown)}")
        if spec.get("timeml", "OCCURRENCE") not in TIMEML_CLASSES:
            raise ResourceError(path, rule_id=name, reason=f"timeml '{spec['timeml']}' is not a TimeML event class")
        out[name] = EventType(name, category, tuple(spec.get("vhe") or ()), spec.get("subject", "agent"),
                              spec.get("object", "theme"), bool(spec.get("parties", True)),
                              spec.get("timeml", "OCCURRENCE"))
    return Ontology(MappingProxyType(out), MappingProxyType({k: dict(v) for k, v in cats.items()}))
