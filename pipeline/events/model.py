"""A CRF event-trigger tagger: one sentence's words, with their tags and context, in; BIO
labels out ("B-Conflict.Attack", "I-Conflict.Attack", "O").

The model is data under models/events/trigger_crf_<source>_<YYYYMMDD>/:

    model.crfsuite   CRF weights (CRFsuite format, written by underthesea_core.CRFTrainer),
                     labels B-/I- of each type and O: the types of the triggers
    identify.crfsuite the same over labels B-EV, I-EV and O: whether a word is part of a
                     trigger, with marginal probabilities (cheap to compute over three
                     labels, where the typed model's are not)
    features.json    {"format", "columns", "templates"}: the feature templates, read by
                     underthesea_core.CRFFeaturizer over the columns built by `columns()`
    lexicon.json     the training split's trigger words, each with its most frequent type
                     and the share of its occurrences that were triggers; a word's best
                     match is a feature (a prior the CRF weighs against the context)
    meta.json        source, licence, split, training settings, type mapping (not read here)
    README.md        source, licence and attribution

The feature columns and the training lexicon's prior are defined once, in features.py,
for this tagger and the training script (scripts/train_event_model.py) alike. The model
is loaded on the first call to `tag()` (or `load()`), and every problem with the folder is
a ResourceError naming the file.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..io.normalize import fold
from .features import COLUMNS, PriorLexicon, Word, check_template, columns, valid_label

MODEL_FILE = "model.crfsuite"
IDENTIFY_FILE = "identify.crfsuite"  # the same features, labels B-EV / I-EV / O: which words are triggers
EVENT_LABEL = "EV"
FEATURES_FILE = "features.json"
LEXICON_FILE = "lexicon.json"
FORMAT = "vnevents.trigger_crf.v2"
CRFSUITE_MAGIC = b"lCRF"


def load_crf(path: Path, cls, what: str = "model"):
    """A CRFsuite model file loaded by `cls` (underthesea_core's CRFTagger), or a
    ResourceError naming the file. A CRFsuite file starts with b"lCRF" and its own size
    (uint32, little-endian): underthesea_core loads a file cut short near its end without
    complaint and then tags every word "O", so the size is checked first."""
    if not path.is_file():
        raise ResourceError(path, reason=f"{what} file not found")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise ResourceError(path, reason=f"cannot read: {exc}") from None
    if len(head) < 8 or head[:4] != CRFSUITE_MAGIC:
        raise ResourceError(path, reason="not a CRFsuite model (no 'lCRF' header)")
    declared = int.from_bytes(head[4:8], "little")
    if declared != size:
        raise ResourceError(path, reason=f"truncated or padded: the header says {declared} bytes, "
                                         f"the file has {size}")
    tagger = cls()
    try:
        tagger.load(str(path))
    except Exception as exc:  # underthesea_core reports unreadable and malformed files in its own types
        raise ResourceError(path, reason=f"not a CRF model: {str(exc)[:120]}") from None
    return tagger


class TriggerTagger:
    """BIO trigger labels for a sentence's words, from a CRF model folder."""

    def __init__(self, model_dir: Path):
        self.model_dir = Path(model_dir)
        self._tagger = None
        self._identifier = None
        self._fold = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once
        self._last = None  # (words, feature rows) of the last sentence
        self._featurizer = None
        self._prior: PriorLexicon | None = None
        self._labels: tuple[str, ...] = ()

    # -- loading ------------------------------------------------------------------
    def load(self) -> "TriggerTagger":
        """Read the folder now (tag() does it on first use). Raises ResourceError."""
        if self._tagger is not None:
            return self
        try:
            from underthesea_core import CRFFeaturizer, CRFTagger
        except ImportError as exc:  # pragma: no cover - underthesea_core is a dependency
            raise ResourceError(self.model_dir, reason=f"needs underthesea_core: {exc}") from None
        if not self.model_dir.is_dir():
            raise ResourceError(self.model_dir, reason="trigger model folder not found")
        templates = self._templates(self.model_dir / FEATURES_FILE)
        prior = self._lexicon(self.model_dir / LEXICON_FILE)
        tagger = load_crf(self.model_dir / MODEL_FILE, CRFTagger)
        labels = tuple(tagger.labels())
        bad = [lab for lab in labels if not valid_label(lab)]
        if not labels or bad:
            raise ResourceError(self.model_dir / MODEL_FILE,
                                reason=f"labels are 'O', 'B-Type' or 'I-Type', got {bad[:3] or 'none'}")
        identifier = None
        if (self.model_dir / IDENTIFY_FILE).exists():
            identifier = load_crf(self.model_dir / IDENTIFY_FILE, CRFTagger)
            if sorted(identifier.labels()) != ["B-" + EVENT_LABEL, "I-" + EVENT_LABEL, "O"]:
                raise ResourceError(self.model_dir / IDENTIFY_FILE, reason="labels are B-EV, I-EV and O")
        self._featurizer = CRFFeaturizer(templates, set())
        self._prior = prior
        self._labels = labels
        self._identifier = identifier
        self._tagger = tagger
        return self

    @staticmethod
    def _json(path: Path, what: str):
        if not path.is_file():
            raise ResourceError(path, reason=f"{what} file not found")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ResourceError(path, reason=f"not readable JSON: {exc}") from None

    @classmethod
    def _lexicon(cls, path: Path) -> PriorLexicon:
        return PriorLexicon.from_json(cls._json(path, "lexicon"), path)

    @classmethod
    def _templates(cls, path: Path) -> list[str]:
        data = cls._json(path, "feature")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ResourceError(path, reason=f"'format' must be '{FORMAT}'")
        if data.get("columns") != list(COLUMNS):
            raise ResourceError(path, reason=f"'columns' must be {list(COLUMNS)}, "
                                             "as pipeline/events/features.py builds them")
        templates = data.get("templates")
        if not isinstance(templates, list) or not templates:
            raise ResourceError(path, reason="'templates' must be a non-empty list")
        for template in templates:
            reason = check_template(template)
            if reason:
                raise ResourceError(path, rule_id=str(template), reason=reason)
        if len(set(templates)) != len(templates):
            raise ResourceError(path, reason="duplicate templates")
        return templates

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label the model can give, "O" included."""
        return self.load()._labels

    @property
    def types(self) -> tuple[str, ...]:
        """The event types the model knows, sorted."""
        return tuple(sorted({lab[2:] for lab in self.labels if lab != "O"}))

    # -- tagging ------------------------------------------------------------------
    def features(self, words: list[Word]):
        """The feature rows of a sentence's words; the last sentence's are kept, so that
        identifying and typing its triggers featurise it once."""
        self.load()
        if self._last is not None and self._last[0] is words:
            return self._last[1]
        feats = self._featurizer.process([columns(list(words), self._prior, self._fold)])[0]
        self._last = (words, feats)
        return feats

    def tag(self, words: list[Word]) -> list[str]:
        """BIO labels of one sentence's words (whitespace tokens left out by the caller).
        An I- label never follows a label of another type: such a run starts afresh with B-."""
        if not words:
            return []
        feats = self.features(words)  # loads the model first
        return repair(list(self._tagger.tag(feats)))

    def identify(self, words: list[Word], threshold: float | list[float]) -> list[tuple[int, int, str]]:
        """Trigger runs (first, last + 1, "") for the words the identification model gives
        at least `threshold` probability (one for all, or one per word; types come from
        `types_of`); without an
        identification model, the typed model's marginals decide and type them
        (pipeline.events.model.decode)."""
        if not words:
            return []
        feats = self.features(words)
        if self._identifier is None:
            return decode(list(self._labels), self._tagger.marginals(feats), threshold)
        return [(i, j, "") for i, j, _ in decode(list(self._identifier.labels()), self._identifier.marginals(feats),
                                                 threshold)]

    def types_of(self, words: list[Word], runs: list[tuple[int, int]]) -> list[str]:
        """The typed model's type of each run: its best labelling's first typed word in the
        run ("" when it types none of them)."""
        if not runs:
            return []
        typed = list(self._tagger.tag(self.features(words)))
        out = []
        for i, j in runs:
            found = [lab[2:] for lab in typed[i:j] if lab != "O"]
            out.append(found[0] if found else "")
        return out

    def prior_type(self, words: list[Word]) -> str:
        """The most frequent type of these words as a trigger in the training data, or ""."""
        self.load()
        entry = self._prior.entries.get(tuple(fold(" ".join(w.text for w in words)).split()))
        return entry[0] if entry else ""

    @property
    def has_identifier(self) -> bool:
        return self.load()._identifier is not None

    def marginals(self, words: list[Word]) -> list[list[float]]:
        """Each word's probability of each label (in the order of `labels`)."""
        if not words:
            return []
        feats = self.features(words)  # loads the model first
        return self._tagger.marginals(feats)

    def trigger_probabilities(self, words: list[Word]) -> list[float]:
        """For each word, the model's probability that it is part of some trigger (1 - P(O),
        from the CRF marginals): a confidence for the tagged triggers, and a gate for
        candidates found elsewhere."""
        if not words:
            return []
        outside = self.labels.index("O") if "O" in self.labels else None
        rows = self.marginals(words)
        return [1.0 - row[outside] if outside is not None else 1.0 for row in rows]

    def knows(self, words: list[str]) -> bool:
        """Whether these words are a trigger word of the model's training lexicon. Only for
        such words is a low trigger probability evidence against them; on words the
        training text never marked, the model's silence says little."""
        self.load()
        return tuple(fold(" ".join(words)).split()) in self._prior.entries

    def spans(self, words: list[Word]) -> list[tuple[int, int, str]]:
        """The tagged triggers as (first word, last word + 1, type)."""
        return bio_spans(self.tag(words))


def decode(labels: list[str], marginals, threshold: float | list[float]) -> list[tuple[int, int, str]]:
    """Triggers from the CRF's marginal probabilities: every word whose probability of
    being part of a trigger (1 - P(O)) reaches `threshold` (one for all words, or one per
    word), typed by its likeliest type; a word continues the trigger before it when its
    likeliest label is I- of that type. Returns (first, last + 1, type) runs."""
    outside = labels.index("O")
    out: list[tuple[int, int, str]] = []
    for k, row in enumerate(marginals):
        if 1.0 - row[outside] < (threshold[k] if isinstance(threshold, list) else threshold):
            continue
        best = max((p, lab) for p, lab in zip(row, labels) if lab != "O")[1]
        etype = best[2:]
        if best.startswith("I-") and out and out[-1][1] == k and out[-1][2] == etype:
            out[-1] = (out[-1][0], k + 1, etype)
        else:
            out.append((k, k + 1, etype))
    return out


def repair(labels: list[str]) -> list[str]:
    """Make a BIO sequence well formed: an I- not continuing the same type becomes B-."""
    out = []
    for k, lab in enumerate(labels):
        if lab.startswith("I-") and (k == 0 or out[-1] == "O" or out[-1][2:] != lab[2:]):
            lab = "B-" + lab[2:]
        out.append(lab)
    return out


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, last + 1, type) of each B-/I- run."""
    out: list[tuple[int, int, str]] = []
    for k, lab in enumerate(labels):
        if lab.startswith("B-") or (lab.startswith("I-") and (not out or out[-1][1] != k or out[-1][2] != lab[2:])):
            out.append((k, k + 1, lab[2:]))
        elif lab.startswith("I-"):
            out[-1] = (out[-1][0], k + 1, out[-1][2])
    return out
