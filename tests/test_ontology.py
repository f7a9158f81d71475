"""One ontology (models/events/ontology.yaml): the schemas, the trigger lexicon, the trigger
model, the report and `show` agree with it."""
from __future__ import annotations

import pytest
import yaml

from pipeline.export.schemas import schema
from pipeline.ontology import load_ontology
from tests.conftest import ROOT

CONTRACT_TYPES = """Life.Be-Born Life.Marry Life.Divorce Life.Injure Life.Die Movement.Transport
Transaction.Transfer-Ownership Transaction.Transfer-Money Business.Start-Org Business.Merge-Org
Business.Declare-Bankruptcy Business.End-Org Conflict.Attack Conflict.Demonstrate Contact.Meet
Contact.Phone-Write Personnel.Start-Position Personnel.End-Position Personnel.Nominate Personnel.Elect
Justice.Arrest-Jail Justice.Release-Parole Justice.Trial-Hearing Justice.Charge-Indict Justice.Sue
Justice.Convict Justice.Sentence Justice.Fine Justice.Execute Justice.Extradite Justice.Acquit
Justice.Appeal Justice.Pardon Contact.Statement Contact.Agreement Conflict.Deploy Conflict.Blockade
Conflict.Withdraw Artifact.Build Cognition.Discover Policy.Decide Disaster.Natural Other""".split()


def test_the_ontology_is_the_contract_list():
    assert list(load_ontology().names) == CONTRACT_TYPES


@pytest.mark.parametrize("name", ["document", "timeline"])
def test_schemas_take_their_types_from_the_ontology(name):
    assert schema(name)["$defs"]["event_type"]["enum"] == list(load_ontology().names)


def test_lexicon_types_are_in_the_ontology():
    data = yaml.safe_load((ROOT / "models" / "events" / "triggers.yaml").read_text(encoding="utf-8"))
    assert set(data["triggers"]) <= set(load_ontology().names)


def test_model_labels_are_in_the_ontology():
    from pipeline.events.model import TriggerTagger
    for folder in sorted((ROOT / "models" / "events").glob("trigger_crf_*")):
        assert set(TriggerTagger(folder).types) <= set(load_ontology().names), folder.name


def test_every_category_has_a_colour_and_a_style():
    ontology = load_ontology()
    from pipeline.export.report import type_colour
    firsts = {}
    for t in ontology.types.values():
        firsts.setdefault(t.category, t.name)
    colours = [type_colour(name) for name in firsts.values()]
    assert len(set(colours)) == len(colours)  # each category its own hue
    assert all(c.startswith("#") and len(c) == 7 for c in map(type_colour, ontology.names))
    for cat in {t.category for t in ontology.types.values() if t.name != "Other"}:
        assert {"hue", "style"} <= set(ontology.categories[cat])


def test_timeml_classes_come_from_the_ontology(tmp_path):
    from pipeline.errors import ResourceError
    types = load_ontology().types
    assert types["Contact.Statement"].timeml == "REPORTING" and types["Cognition.Discover"].timeml == "PERCEPTION"
    assert types["Conflict.Attack"].timeml == "OCCURRENCE"  # the default
    folder = tmp_path / "events"
    folder.mkdir()
    text = (ROOT / "models" / "events" / "ontology.yaml").read_text(encoding="utf-8")
    (folder / "ontology.yaml").write_text(text.replace("timeml: REPORTING}", "timeml: SAYING}", 1), encoding="utf-8")
    with pytest.raises(ResourceError, match="not a TimeML event class"):
        load_ontology(str(tmp_path))
