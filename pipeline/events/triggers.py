"""Triggers of one sentence: the words that tell a happening, each with its type.

The trigger model (a CRF over the sentence's words, their tags, the names and dates the
earlier stages found, and the hand lexicon's reading of each word) decides in context
which words tell a happening: every word it gives at least `threshold` probability of
being part of one. The hand lexicon (models/events/triggers.yaml) is one of its features,
gives the type of the triggers it reads (the model's type otherwise: measured by
scripts/train_event_model.py --cv, the curated types are right more often), and is the
source of triggers only where there is no model. No trigger takes a syllable of a name or a date: a trigger the
segmenter glued to a name ("Đô tử trận" in "Toa Đô tử trận") is cut back to its own
syllables.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..io.normalize import fold
from ..spans import kept_runs
from .features import Word, words_of
from .model import bio_spans
from .appointments import Appointments, run_words, unglued, word_after
from .quantity import post_follows, quantity_follows
from .timing import cue_at

LIGHT_REACH = 3  # tokens after a light verb in which the trigger it governs may start
RATE_REACH = 4  # words before a trigger read for a rate that counts it, past counted words ("tỷ lệ các vụ")
# underthesea's noun tags (common, proper, classifier, unit, abbreviation)
NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb"})
# the kinds of verb of `senses` in triggers.yaml, the type each takes and the lists of
# triggers.yaml one of which must follow it ("ORG": an organisation's name, not a site)
SENSES = (("joining", "Personnel.Start-Position", ("offices", "organisations", "ORG")),
          ("leaving", "Personnel.End-Position", ("offices", "organisations", "ORG")),
          ("becoming", "Personnel.Start-Position", ("offices",)),
          ("winning", "Other", ("standings",)),
          ("reaching", "Other", ("stages",)),
          ("working", "Contact.Meet", ("with_party",)),
          ("receiving", "Contact.Phone-Write", ("messages",)),
          ("receiving", "Transaction.Transfer-Money", ("payments",)),
          ("sending", "Movement.Transport", ("PER", "people")),
          ("dispatching", "Movement.Transport", ("NUM",)),
          ("delegating", "Movement.Transport", ("delegations",)),
          ("placing", "Conflict.Deploy", ("arms",)),
          ("catching", "Movement.Transport", ("vehicles",)),
          ("booking", "Other", ("bookings",)),
          ("campaigning", "Other", ("QUOTE", "causes")),
          ("crowning", "Other", ("titles",)))
# senses that only retype a verb found otherwise: their verbs ("nhận") are no trigger words
# by themselves (the lower threshold of TriggerFinder._thresholds is not theirs)
RETYPING_ONLY = frozenset({"receiving"})
# senses whose verbs are listed (the lower threshold) only right before their object: "điều"
# before a number dispatches, "điều" before anything else is mostly a noun ("là điều diễn ra")
LISTED_BEFORE_OBJECT = frozenset({"dispatching"})
MOVEMENT = "Movement.Transport"  # a person going to a place (_between_names)
# object lists of SENSES that are part of the trigger: the message received tells the event
# ("Nhận tin báo": the read sets' annotators mark "tin báo" three times, "nhận tin báo" once)
WITH_OBJECT = frozenset({"messages"})
# verbs that measure a quantity rather than happen (`senses`: measuring a share, spending a
# span of time): no trigger before one (quantity.py)
MEASURES = (("measuring", "shares", "share_words"), ("spending", "spans", "span_words"),
            ("attaining", "figures", "figure_words"))
NAME_OPENING = 2  # capitalised syllables opening a trigger's word that are a name's, not the trigger's


@dataclass(frozen=True)
class Trigger:
    i: int  # first token (index into the sentence's tokens)
    j: int  # last token
    start: int  # characters, after trimming names and dates away
    end: int
    type: str
    flag: str  # "" (the model, or a lexicon word), "weak", "light"
    confidence: float = 1.0


def lexicon_tags(keys: list[str], lexicon: dict, longest: int, texts: list[str] | None = None) -> list[str]:
    """The hand lexicon's reading of each word (`keys`: folded words, `texts`: as written):
    "Type" or "Type|flag" on every word a match touches, "" elsewhere. Matches run over
    syllables, longest first, so a trigger glued to a name by the segmenter ("Đô tử
    trận") is read; a match that covers only part of a word counts only when the rest of
    the word is capitalised (a name's syllables), so "bầu" is no trigger in "bầu trời"."""
    return lexicon_reading(keys, lexicon, longest, texts)[0]


def lexicon_reading(keys: list[str], lexicon: dict, longest: int,
                    texts: list[str] | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """The hand lexicon's reading of each word (as `lexicon_tags`) and the (first, last + 1)
    words of each of its matches, in one pass."""
    out, spans = [""] * len(keys), []
    for matched, etype, flag in _matches(keys, lexicon, longest, texts):
        _mark(out, matched, etype, flag)
        spans.append((matched[0][0], matched[-1][0] + 1))
    return out, spans


def _matches(keys: list[str], lexicon: dict, longest: int, texts: list[str] | None):
    """Each match of the hand lexicon, left to right and longest first, as (its syllables as
    (word, syllable, text), type, flag)."""
    syllables = [(k, n, part) for k, key in enumerate(keys) for n, part in enumerate(key.split(" ")) if part]
    written = [text.split(" ") for text in texts] if texts else None
    i, n = 0, len(syllables)
    while i < n:
        match = _longest_match(syllables, i, lexicon, longest, written)
        if match is None:
            i += 1
            continue
        size, (etype, flag) = match
        yield syllables[i:i + size], etype, flag
        i += size


def _longest_match(syllables, i: int, lexicon: dict, longest: int, written) -> tuple[int, tuple] | None:
    """(number of syllables, lexicon entry) of the longest lexicon match that starts at
    syllable i and covers whole words or a name's syllables (_whole_or_named); None when
    no entry starts there."""
    for size in range(min(longest, len(syllables) - i), 0, -1):
        entry = lexicon.get(" ".join(part for _, _, part in syllables[i:i + size]))
        if entry and _whole_or_named(syllables, i, i + size, written):
            return size, entry
    return None


def _mark(out: list[str], matched, etype: str, flag: str) -> None:
    """Write one match's reading on every word its syllables touch; a plain reading wins
    over a weak or light one already there, never the other way."""
    for k in {w for w, _, _ in matched}:
        if not out[k] or ("|" in out[k] and not flag):
            out[k] = f"{etype}|{flag}" if flag else etype


def _whole_or_named(syllables, i: int, j: int, written) -> bool:
    """Whether syllables i..j-1 cover whole words, the rest of a word touched being
    capitalised syllables."""
    touched = {w for w, _, _ in syllables[i:j]}
    for k, (w, n, _) in enumerate(syllables):
        if w in touched and not i <= k < j:
            if written is None or n >= len(written[w]) or not written[w][n][:1].isupper():
                return False
    return True


def retype(words: list[Word], etype: str) -> str:
    """The type of a trigger the model found over these words: the hand lexicon's type when
    it reads one of them as a trigger (not a weak or light one), else the model's ("" when
    the model gave none)."""
    for w in words:
        lex, _, flag = w.lexicon.partition("|")
        if lex and not flag:
            return lex
    return etype


def lexicon_spans(tags: list[str]) -> list[tuple[int, int, str, str]]:
    """(first, last + 1, type, flag) of each run of one lexicon match."""
    out: list[tuple[int, int, str, str]] = []
    k = 0
    while k < len(tags):
        if not tags[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(tags) and tags[j + 1] == tags[k]:
            j += 1
        etype, _, flag = tags[k].partition("|")
        out.append((k, j + 1, etype, flag))
        k = j + 1
    return out


class TriggerFinder:
    """Finds the triggers of a sentence from the model, or the lexicon without one."""

    def __init__(self, res, model=None, fold=None, threshold: float | None = None,
                 unlisted_threshold: float | None = None):
        """res: the EventResources of triggers.yaml (lexicon, directionals, tails, support
        words, office copulas); threshold: a word is part of a trigger when the model gives it
        at least this probability (None: the model's single best labelling);
        unlisted_threshold: the probability a word the hand lexicon does not read needs
        (None: `threshold`)."""
        self.lexicon, self.longest, self.model, self.fold = res.triggers, res.max_trigger_words, model, fold
        self.threshold, self.directionals, self.tails, self.support = threshold, res.directionals, res.tails, res.support
        self.unlisted_threshold = threshold if unlisted_threshold is None else unlisted_threshold
        self.copulas = res.copulas
        self.sport_cues, self.sport_other = res.sport_cues, res.sport_other
        self.senses = res.senses
        self.aspectual = res.aspectual
        self.appointments = Appointments(res.copulas, res.light_appointers, res.senses, fold)
        # words the hand lists name as triggers besides the lexicon: the appointment copula and
        # the verbs whose type follows their object (SENSES)
        self.listed = frozenset(res.copulas).union(*(self.senses.get(kind, ()) for kind, _, _ in SENSES
                                                     if kind not in RETYPING_ONLY | LISTED_BEFORE_OBJECT))
        self.listed_before = [(self.senses.get(kind, frozenset()), objects) for kind, _, objects in SENSES
                              if kind in LISTED_BEFORE_OBJECT]

    def words(self, toks, entity_of, timex_at) -> tuple[list[Word], list[str]]:
        _, tags, _ = self._lexicon(toks)
        return words_of(toks, tags, entity_of, timex_at), tags

    def _lexicon(self, toks) -> tuple[list[str], list[str], list[tuple[int, int]]]:
        """The folded words, the hand lexicon's reading of each and the words of its matches."""
        keys, texts = [self.fold(t.text) for t in toks], [t.text for t in toks]
        tags, spans = lexicon_reading(keys, self.lexicon, self.longest, texts)
        if tags and tags[0] and " " in keys[0] and keys[0] not in self.lexicon and not _glued_word(texts[0]):
            # a word of the dictionary opening the sentence is capitalised as its opening, not
            # as a name ("Công trình này khởi công": no "trình"; "Hunter sinh tại": a name glued)
            tags = lexicon_tags(keys, self.lexicon, self.longest, [texts[0].lower(), *texts[1:]])
        return keys, tags, spans

    def find(self, toks, entity_of, timex_at, blocked) -> list[Trigger]:
        """The sentence's triggers in reading order, trimmed off names and dates."""
        keys, tags, spans = self._lexicon(toks)
        words = words_of(toks, tags, entity_of, timex_at)
        runs = self._model_runs(words, tags, spans) if self.model is not None else _without_light(lexicon_spans(tags))
        # a run wholly inside a name or a date is none, and orders nothing around it
        runs = [run for run in runs if trim(toks, run[0], run[1] - 1, blocked) is not None]
        runs = self._without_directionals(toks, [self._without_tail(toks, run) for run in runs])
        runs = [run for run in runs if not self._before_date(toks, run, timex_at, entity_of)]
        runs = self._without_support(toks, runs)
        runs = self._without_aspectual(toks, words, runs)
        runs = self.appointments.frames(toks, words, runs)
        runs = self._in_a_storm(toks, keys, self._in_a_game(toks, keys, runs))
        runs = [self._by_sense(toks, keys, words, run) for run in runs if self._names_an_event(toks, keys, words, run)]
        out = []
        for i, j, etype, flag in runs:
            span = trim(toks, i, j - 1, blocked)
            if span is not None:
                out.append(Trigger(i, j - 1, span[0], span[1], etype, flag))
        return out

    def _model_runs(self, words: list[Word], tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
        """The model's typed trigger runs (two the lexicon's match `spans` hold as one joined),
        with the hand lexicon's words it never saw as one."""
        found = (self.model.identify(words, self._thresholds(words, tags)) if self.threshold is not None
                 else bio_spans(self.model.tag(words)))
        found = _joined_by_lexicon(found, spans)
        runs = self._typed(words, [f for f in found if not self._unknown_noun(words, f)])
        runs += self._unseen(words, tags, runs)
        runs += self._between_names(words, runs)
        return sorted(runs)

    def _thresholds(self, words: list[Word], tags: list[str]) -> list[float]:
        """The probability each word needs to be part of a trigger: `threshold` where the hand
        lexicon reads it (`tags`) or another hand list names it (`listed`: "làm" of an
        appointment, "trở thành"), the higher `unlisted_threshold` elsewhere. On texts the
        model never trained on, most of its false triggers are words no list names ("tiên
        phong", "thông mình", "coi"), while the listed ones it doubts are mostly events."""
        keys = [self.fold(w.text) for w in words]
        return [self.threshold if tag or keys[k] in self.listed or self._listed_here(keys, words, k)
                else self.unlisted_threshold for k, tag in enumerate(tags)]

    def _between_names(self, words: list[Word], runs) -> list[tuple[int, int, str, str]]:
        """Runs for the directionals that stand alone between a person, its subject, and a
        place ("Che đến Praha", "Lan sang Pháp"): the person's movement, which the tagger,
        reading a preposition, may leave out; none where a run already holds the word."""
        held = {k for i, j, _, _ in runs for k in range(i, j)}
        return [(k, k + 1, MOVEMENT, "") for k in range(1, len(words) - 1)
                if k not in held and self.fold(words[k].text) in self.directionals and self._subject_before(words, k)
                and words[k + 1].entity in ("LOC", "GPE")]

    @staticmethod
    def _subject_before(words: list[Word], k: int) -> bool:
        """Whether word k - 1 is a person's name in letters that is no verb's object (no verb
        right before it: "sáp nhập Hollywood vào Los Angeles")."""
        name = words[k - 1]
        return name.entity == "PER" and name.text.replace(" ", "").isalpha() and not (k > 1 and words[k - 2].pos == "V")

    def _listed_here(self, keys: list[str], words: list[Word], k: int) -> bool:
        """Whether word k is a verb of LISTED_BEFORE_OBJECT right before its object."""
        return k + 1 < len(keys) and any(keys[k] in verbs and any(
            self._sense_object(keys, words, k + 1, name) for name in objects) for verbs, objects in self.listed_before)

    def _in_a_game(self, toks, keys: list[str], runs):
        """In a sentence that speaks of a game, a fight is a match, a win or a loss:
        Conflict.Attack and the words of `sport_other` are Other."""
        if not any(cue_at(keys, k, self.sport_cues) for k in range(len(keys))):
            return runs
        return [(i, j, "Other" if etype == "Conflict.Attack" or self._words(toks, (i, j)) in self.sport_other
                 else etype, flag) for i, j, etype, flag in runs]

    def _in_a_storm(self, toks, keys: list[str], runs):
        """In a sentence that speaks of a storm (`storms` of `senses`), its landfall
        (`landfalls`: "bão số 6 đổ bộ vào Quảng Trị") is the disaster, not a landing."""
        storms, landfalls = self.senses.get("storms", frozenset()), self.senses.get("landfalls", frozenset())
        if not any(cue_at(keys, k, storms) for k in range(len(keys))):
            return runs
        return [(i, j, "Disaster.Natural" if self._words(toks, (i, j)) in landfalls else etype, flag)
                for i, j, etype, flag in runs]

    def _by_sense(self, toks, keys: list[str], words: list[Word], run):
        """A verb whose type follows what comes right after it (`senses` in triggers.yaml):
        moving to or from an organisation (its name, unless it is one of `sites`, a hospital
        or an airport; or its kind: "câu lạc bộ"), an office
        or a job is joining or leaving it ("chuyển sang Chelsea", "rời quân ngũ"); becoming
        an office is taking it ("trở thành huấn luyện viên"). The model's run may hold the
        complement too: the verb alone is the trigger. `keys`: the sentence's folded words; a
        name the segmenter glued before the verb ("Argentina đoạt") is read past (appointments.unglued)."""
        i, j, etype, flag = run
        firsts = (keys[i], unglued(toks[i].text, keys[i]))
        for kind, new_type, objects in SENSES:
            verbs = self.senses.get(kind, frozenset())
            size = next((n for n in (3, 2, 1) for first in firsts
                         if i + n <= j and " ".join([first, *keys[i + 1:i + n]]) in verbs), 0)
            k = next((k for k in range(i + size, len(toks)) if not toks[k].is_space), None) if size else None
            if k is not None and any(self._sense_object(keys, words, k, name) for name in objects):
                return i, self._object_end(keys, k, objects) if WITH_OBJECT & set(objects) else i + size, new_type, flag
        return run

    def _object_end(self, keys: list[str], k: int, objects: tuple[str, ...]) -> int:
        """The token after the object of a sense's verb that starts at word k (past "được"):
        the longest words of the sense's object lists there."""
        k = self._past_passing(keys, k)
        cues = frozenset().union(*(self.senses.get(name, frozenset()) for name in objects))
        return k + next((n for n in (3, 2, 1) if " ".join(keys[k:k + n]) in cues), 1)

    def _names_an_event(self, toks, keys: list[str], words: list[Word], run) -> bool:
        """Whether a run names an event by what follows it: not a verb that measures, nor
        "làm" with no post after it."""
        return not (self._measures(toks, keys, run) or self._no_post(toks, keys, words, run)
                    or self._idiom(toks, keys, run) or self._rated(toks, keys, run))

    def _rated(self, toks, keys: list[str], run) -> bool:
        """Whether the run is the event a rate or an index counts ("tỷ lệ sinh", "tỷ lệ tử
        vong", "tốc độ tăng trưởng", "mức phạt"; past the words of `counted` between them, "tỷ lệ
        các vụ giết người": `rates` of `senses`): a statistic, no happening."""
        before = [k for k in range(run[0]) if not toks[k].is_space][-RATE_REACH:]
        counted = self.senses.get("counted", frozenset())
        while before and keys[before[-1]] in counted:  # "tỷ lệ các vụ giết người"
            before.pop()
        before = before[-2:]
        rates = self.senses.get("rates", frozenset())
        return any(" ".join(keys[k] for k in before[m:]) in rates for m in range(len(before)))

    def _idiom(self, toks, keys: list[str], run) -> bool:
        """Whether the run, alone or with the word before or after it, is an idiom that tells
        no event (`idioms` of `senses`: "đánh dấu" a milestone, "nói thật", "rét cắt da", "giải
        bóng bàn", "bãi rác")."""
        i, j, _, _ = run
        idioms = self.senses.get("idioms", frozenset())
        k = word_after(toks, j)
        h = next((h for h in range(i - 1, -1, -1) if not toks[h].is_space), None)
        return (" ".join(keys[i:j]) in idioms or (k is not None and " ".join(keys[i:j] + [keys[k]]) in idioms)
                or (h is not None and " ".join([keys[h], *keys[i:j]]) in idioms))

    def _measures(self, toks, keys: list[str], run) -> bool:
        """Whether the run is a verb that measures before its quantity ("chiếm 3%", "mất gần
        2 tháng"): no event (MEASURES)."""
        i, j, _, _ = run
        texts = [t.text for t in toks]
        for verbs, units, alone in MEASURES:
            size = next((n for n in (2, 1) if i + n <= j and " ".join(keys[i:i + n]) in self.senses.get(verbs, ())), 0)
            k = word_after(toks, i + size) if size else None
            if k is not None and quantity_follows(keys, texts, k, self.senses, units, alone):
                return True
        return False

    def _no_post(self, toks, keys: list[str], words: list[Word], run) -> bool:
        """Whether a copula read alone as taking a post ("làm") has no post after it ("làm cho",
        "làm thuê", "lập Antananarivo làm thủ đô"): no event."""
        i, j, etype, _ = run
        if etype != "Personnel.Start-Position" or j - i != 1 or keys[i] not in self.copulas:
            return False
        k = word_after(toks, j)
        return k is None or not post_follows(words, k, self.senses)

    def _sense_object(self, keys: list[str], words: list[Word], k: int, name: str) -> bool:
        """Whether word k opens what list `name` of `senses` holds; "ORG": an organisation's
        name that is none of `sites`."""
        k = self._past_passing(keys, k)  # "nhận được đơn": the object after "được"
        if name == "ORG":
            return words[k].entity == "ORG" and not cue_at(keys, k, self.senses.get("sites", frozenset()))
        if name == "PER":
            return words[k].entity == "PER"
        if name == "QUOTE":
            return words[k].text[:1] in ('"', "“")
        if name == "NUM":
            while k + 1 < len(keys) and keys[k] in self.senses.get("approximate", frozenset()):
                k += 1
            return words[k].text[:1].isdigit() or keys[k] in self.senses.get("numbers", frozenset())
        return cue_at(keys, k, self.senses.get(name, frozenset()))

    def _past_passing(self, keys: list[str], k: int) -> int:
        """Word k, or the word after it when it is the "được" of `passing` ("nhận được đơn")."""
        return k + 1 if keys[k] in self.senses.get("passing", frozenset()) and k + 1 < len(keys) else k

    def _without_tail(self, toks, run):
        """A run of several words without the function words at its end ("đọc bản")."""
        i, j, etype, flag = run
        while j - i > 1 and self.fold(toks[j - 1].text) in self.tails:
            j -= 1
        return i, j, etype, flag

    def _without_support(self, toks, runs):
        """A support word yields to the event it carries: "mở cuộc tấn công", "tổ chức biểu
        tình", "tung ra các cuộc tấn công" are one event each, the carried one (GUIDELINE.md),
        when only function words (`tails`: "cuộc", "các") stand between them."""
        out = []
        for k, run in enumerate(runs):
            nxt = runs[k + 1] if k + 1 < len(runs) else None
            words = " ".join(self.fold(t.text) for t in toks[run[0]:run[1]])
            between = [self.fold(t.text) for t in toks[run[1]:nxt[0]] if not t.is_space] if nxt else []
            if nxt and words in self.support and len(between) <= LIGHT_REACH and all(w in self.tails for w in between):
                continue
            out.append(run)
        return out

    def _without_aspectual(self, toks, words: list[Word], runs):
        """An aspectual word (`aspectual`: "bắt đầu") after the event it tells of, with only
        that event's name between (names, capitalised words), is no trigger of its own:
        "Chiến dịch Điện Biên Phủ bắt đầu vào chiều ..." is the campaign (GUIDELINE.md,
        aspectual words)."""
        out = []
        for run in runs:
            prev = out[-1] if out else None
            if prev and self._words(toks, run) in self.aspectual and all(
                    w.entity or w.text[:1].isupper() for w in words[prev[1]:run[0]] if w.text.strip()):
                continue
            out.append(run)
        return out

    def _words(self, toks, run) -> str:
        return run_words(toks, run, self.fold)

    def _before_date(self, toks, run, timex_at, entity_of) -> bool:
        """Whether a run is a lone directional word right before a date with no subject
        right before it: a preposition of time ("Mãi đến năm 1683", "Sang năm 1541", "từ
        tháng 9 đến Giáng sinh"), not a movement ("người châu Âu đến năm 1516", "họ tới
        năm 1900": a name or a pronoun before it)."""
        i, j = run[0], run[1]
        nxt = next((t for t in toks[j:] if not t.is_space), None)
        if j - i != 1 or nxt is None or self.fold(toks[i].text) not in self.directionals \
                or not timex_at(nxt.idx, nxt.idx + len(nxt.text)):
            return False
        prev = next((t for t in reversed(toks[:i]) if not t.is_space), None)
        return prev is None or not (prev.tag_ == "P" or entity_of(prev.idx, prev.idx + len(prev.text)))

    def _without_directionals(self, toks, runs):
        """A directional word after a movement verb, with only its complements between
        them (no verb), completes that movement: "dời đô từ Hoa Lư ra Thăng Long"."""
        out = []
        for run in runs:
            i, j, etype, _ = run
            prev = out[-1] if out else None
            if (prev is not None and j - i == 1 and prev[2] == "Movement.Transport"
                    and self.fold(toks[i].text) in self.directionals
                    and not any(t.tag_ == "V" or t.text in (",", ";") for t in toks[prev[1]:i])):
                continue
            out.append(run)
        return out

    def _typed(self, words: list[Word], found) -> list[tuple[int, int, str, str]]:
        """Each run typed by the hand lexicon; else by the typed model (run once per sentence,
        only when the lexicon leaves a run untyped); else by the training lexicon; else Other."""
        types = [retype(words[i:j], etype) for i, j, etype in found]
        missing = [k for k, etype in enumerate(types) if not etype]
        if missing:
            model_types = self.model.types_of(words, [found[k][:2] for k in missing])
            for k, etype in zip(missing, model_types):
                types[k] = etype
        return [(i, j, etype or self.model.prior_type(words[i:j]) or "Other", "")
                for (i, j, _), etype in zip(found, types)]

    def _unknown_noun(self, words: list[Word], found) -> bool:
        """Whether the model's run is nouns only that neither lexicon knows as a trigger: a
        person or a thing ("vợ chồng", "chiến sĩ", "cuộc đời"), not an event noun. Known is
        the whole run or its first two syllables or more, not one ("chiến" of "chiến sĩ")."""
        i, j = found[0], found[1]
        if not all(w.pos in NOUN_TAGS for w in words[i:j]) or any(w.lexicon for w in words[i:j]):
            return False
        # a known event noun the segmenter glued to the next syllable ("Cách mạng tháng | 5")
        syllables = " ".join(w.text for w in words[i:j]).split()
        return not any(self.model.knows(syllables[:n]) for n in range(min(2, len(syllables)), len(syllables) + 1))

    def _unseen(self, words: list[Word], tags: list[str], runs) -> list[tuple[int, int, str, str]]:
        """The hand lexicon's plain triggers on words the model never saw as a trigger in
        training ("kiểm dịch"): there its silence is no evidence against them."""
        out = []
        for i, j, etype, flag in lexicon_spans(tags):
            if flag or any(a < j and i < b for a, b, _, _ in runs):
                continue
            if not self.model.knows([w.text for w in words[i:j]]):
                out.append((i, j, etype, ""))
        return out


def _joined_by_lexicon(found: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The model's runs with two that touch joined when one match of the hand lexicon (`spans`)
    covers both: the model may begin a trigger twice in one entry of the lexicon ("bị | bắt"
    when it doubts "bị": one arrest, not two; "ném bom | không kích" stay two)."""
    out: list[tuple[int, int, str]] = []
    for run in found:
        if out and out[-1][1] == run[0] and any(i <= out[-1][0] and run[1] <= j for i, j in spans):
            out[-1] = (out[-1][0], run[1], out[-1][2] or run[2])
        else:
            out.append(run)
    return out


def _without_light(runs: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Without a model: a light verb ("ra lệnh", "quyết định") yields to a trigger that
    starts right after it, which it governs; a weak word stands only alone in its
    sentence."""
    strong = [r for r in runs if r[3] != "weak"]
    kept = []
    for k, run in enumerate(strong):
        if run[3] == "light" and any(o[3] != "light" and 0 <= o[0] - run[1] < LIGHT_REACH for o in strong[k + 1:]):
            continue
        kept.append(run)
    return kept or runs[:1]


def trim(toks, i: int, j: int, blocked) -> tuple[int, int] | None:
    """Character span of tokens i..j without any syllable inside a name or a date
    (`blocked`, a SpanIndex), nor a capitalised syllable the segmenter glued to the
    trigger's edge ("Đô" of "Toa Đô" in "Đô tử trận"); None when nothing is left."""
    syllables = _syllables(toks[i:j + 1])
    keep = [not blocked.hits(s, e) for s, e, _ in syllables]
    _drop_glued_capitals(toks, i, syllables, keep)
    runs = kept_runs(keep)
    if not runs:
        return None
    best = max(runs, key=lambda r: (syllables[r[-1]][1] - syllables[r[0]][0], -r[0]))
    return syllables[best[0]][0], syllables[best[-1]][1]


def _syllables(toks) -> list[tuple[int, int, str]]:
    """(start, end, text) of each syllable of the tokens, in order."""
    syllables = []
    for tok in toks:
        at = tok.idx
        for part in tok.text.split(" "):
            if part:
                syllables.append((at, at + len(part), part))
            at += len(part) + 1
    return syllables


def _drop_glued_capitals(toks, i: int, syllables: list[tuple[int, int, str]], keep: list[bool]) -> None:
    """Unkeep the capitalised syllables the segmenter glued to the edges of a trigger that
    starts at token i, around its kept lower-case syllables: all of them after the last,
    and those before the first when they are a name's (_leading_name); nothing when no
    lower-case syllable is kept."""
    lower = [k for k, (_, _, part) in enumerate(syllables) if keep[k] and not part[:1].isupper()]
    if not lower:
        return
    if _leading_name(toks, i, lower[0]):
        for k in range(0 if i > 0 else 1, lower[0]):
            keep[k] = False
    for k in range(lower[-1] + 1, len(syllables)):
        keep[k] = False


def _leading_name(toks, i: int, leading: int) -> bool:
    """Whether the `leading` syllables before the first kept lower-case one of the trigger
    at token i are a name's: the name goes on from the word before ("Toa" + "Đô tử trận"),
    or NAME_OPENING of them open the word, or the word is no word of the dictionary
    (_glued_word). One alone may be a title-cased event noun ("Hội nghị thượng đỉnh") or the
    sentence's first word."""
    name_before = i > 0 and toks[i - 1].text[:1].isupper() and any(c.isalpha() for c in toks[i - 1].text)
    return name_before or leading >= NAME_OPENING or (i > 0 and _glued_word(toks[i].text))


def _glued_word(text: str) -> bool:
    """Whether the capitalised syllables opening a word and the first lower-case one after
    them make no word of the dictionary: a name the segmenter glued to the verb after it
    ("Brasil đoạt"), where "Hội nghị" and "Cách mạng" (of "Cách mạng tháng") are words."""
    from underthesea.pipeline.chunking.tagged_feature import lower_words  # loaded by the tagger already
    parts = text.split()
    first_lower = next((m for m, p in enumerate(parts) if not p[:1].isupper()), 0)
    return first_lower > 0 and fold(" ".join(parts[:first_lower + 1])) not in lower_words  # its old tone marks
