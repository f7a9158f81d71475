"""Alias linking inside one document: every mention of one referent gets one
`canonical` name. States and organisations take the gazetteer's canonical form
("Mỹ" -> "Hoa Kỳ", "Nato" -> "NATO"); a person's short form takes the full name met
before it ("Khrushchev" -> "Nikita Khrushchev"), and a short form first met on its
own stays its own referent, so "Kennedy" is never merged with a later "Robert Kennedy".
"""
from __future__ import annotations

from ..records import Entity


def link_aliases(text: str, mentions, titles: dict[int, tuple[int, int]]) -> list[Entity]:
    present = {m.canonical for m in mentions if m.canonical}
    canon: list[str] = []
    first_seen: dict[str, int] = {}  # surface form -> first offset
    for m in mentions:
        surface = " ".join(text[m.start:m.end].split())
        first_seen.setdefault(surface, m.start)
    people = [(m.start, " ".join(text[m.start:m.end].split())) for m in mentions if m.label == "PER"]
    for m in mentions:
        surface = " ".join(text[m.start:m.end].split())
        if m.canonical:
            name = m.prefer if m.prefer and m.prefer in present else m.canonical
        elif m.label == "PER":
            name = _person(surface, first_seen[surface], people)
        else:
            name = surface
        canon.append(name)
    out = []
    for i, (m, name) in enumerate(zip(mentions, canon), 1):
        title = titles.get(m.start)
        out.append(Entity(id=f"E{i}", text=text[m.start:m.end], start=m.start, end=m.end, label=m.label,
                          canonical=name, title=text[title[0]:title[1]] if title else None, source=m.source,
                          evidence=_with_alias(m.evidence, name, text[m.start:m.end])))
    return out


def _with_alias(evidence: tuple[str, ...], name: str, text: str) -> tuple[str, ...]:
    """A mention's evidence, with "alias:<canonical>" when its canonical name is not its text."""
    return evidence + (f"alias:{name}",) if name != " ".join(text.split()) else evidence


def _person(surface: str, first: int, people: list[tuple[int, str]]) -> str:
    """The longest full name ending with `surface` met before the surface's first use."""
    words = surface.split()
    best = surface
    for start, full in people:
        if start >= first:
            break
        fw = full.split()
        if len(fw) > len(words) and fw[-len(words):] == words and len(full) > len(best):
            best = full
    return best
