"""What an entity's record says beyond its name: the kind word before a place's or an
organisation's name (`designator`: "phường" before "An Sơn", "tờ" before a newspaper),
and the ids and coordinates of a place or state, looked up by its canonical name in what
resources.load_entities read from the gazetteers (so aliases share their canonical's)."""
from __future__ import annotations

from dataclasses import replace

from ..records import Entity
from .mentions import word_span_before

DESIGNATED_LABELS = ("LOC", "GPE", "ORG")  # labels whose name may follow a kind word
PLACE_LABELS = ("LOC", "GPE")  # labels that may have ids and coordinates
KIND_LISTS = ("place_nouns", "feature_nouns", "admin_units", "kind_words")  # cue lists of kind words


class Places:
    """Designators, ids and coordinates for the entities of one document."""

    def __init__(self, cues: dict[str, frozenset[str]], places: dict, fold):
        self.kinds = frozenset().union(*(cues[name] for name in KIND_LISTS))
        self.max_words = max(len(k.split()) for k in self.kinds)
        self.places = places
        self.fold = fold

    def annotate(self, text: str, entities: list[Entity], word_starts: set[int]) -> list[Entity]:
        """The entities with their designators, ids and coordinates; `word_starts` are the
        offsets where the segmenter's words start."""
        return [self._annotated(text, e, word_starts) for e in entities]

    def _annotated(self, text: str, e: Entity, word_starts: set[int]) -> Entity:
        designator = self.designator(text, e.start, word_starts) if e.label in DESIGNATED_LABELS else None
        ids, coordinates = self.places.get(e.canonical, ((), None)) if e.label in PLACE_LABELS else ((), None)
        return replace(e, designator=designator, ids=ids, coordinates=coordinates)

    def designator(self, text: str, start: int, word_starts: set[int]) -> tuple[str, int, int] | None:
        """(text, start, end) of the longest run of one to `max_words` lower-case syllables
        (the first may be capitalised: "Quận Bình Thạnh", "Báo Tuổi Trẻ") just before `start`
        (across spaces only) that is a kind word and starts a word of
        the segmenter ("cầu" in "yêu cầu Liên Xô" is no bridge); None when there is none."""
        syllables = _syllables_before(text, start, self.max_words)
        for k in range(len(syllables), 0, -1):
            begin, end = syllables[k - 1][0], syllables[0][1]
            phrase = text[begin:end]
            if begin in word_starts and (phrase.islower() or phrase[1:].islower()) \
                    and " ".join(self.fold(phrase).split()) in self.kinds:
                return phrase, begin, end
        return None


def _syllables_before(text: str, start: int, n: int) -> list[tuple[int, int]]:
    """(start, end) of up to n syllables (runs of letters) before `start`, nearest first,
    each separated from the next by spaces only."""
    out = []
    pos = start
    while len(out) < n:
        begin, end = word_span_before(text, pos)
        if begin == end or end == pos:
            break
        out.append((begin, end))
        pos = begin
    return out
