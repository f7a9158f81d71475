"""Word segmentation with underthesea and sentence splitting, on one set of tokens with
exact character offsets.

The tokenizer never rewrites the text: syllables are cut by underthesea's regex
tokenizer without normalisation, located in the text by offset, grouped into words
by underthesea's word-segmentation CRF, and the whitespace between words is kept
(one space as `token.whitespace_`, anything else as a whitespace token), so that
`doc.text == text` for every input. Normalised forms go to `token.norm_` and feed
the CRF features only.
"""
from __future__ import annotations

import pickle
import re
from pathlib import Path

from spacy.tokens import Doc
from spacy.util import registry

from ..errors import Messages
from ..io.normalize import fold
from .extensions import ModelsOnDisk, register_extensions
from ..resources import load_list, models_path

SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"”", "\"", "’", "'", ")", "]", "»", "》"})
MAX_SENTENCE_SYLLABLES = 300  # a run without any break is cut here, so no stage is quadratic
# The regex tokenizer is given the text in pieces of about PIECE_CHARS, cut at white space,
# and a run without white space in windows of MAX_RUN_CHARS: on one long run ("1-1-1-...")
# its regular expressions take time quadratic in the run's length. LOOKAHEAD characters
# past a cut are shown to it, so that its end-of-text tests ("H." before a name) see the
# text that follows, as when it reads the whole text.
PIECE_CHARS, MAX_RUN_CHARS, LOOKAHEAD = 2000, 200, 16
# an abbreviated title written with dots ("PGS.TS", "GS.", "ThS."): letters and dots, a dot in it,
# two letters or more before the first (an initial, "A. Douglas", is part of the name)
_DOTTED_ABBREVIATION = re.compile(r"(?=[A-Za-z.]*\.)[A-Z][A-Za-z]+(?:\.[A-Za-z]+)*\.?")


def _underthesea():
    try:
        from underthesea.pipeline.word_tokenize import regex_tokenize
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
        import underthesea.pipeline.word_tokenize as ws_module
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(Messages.E030.format(reason=exc)) from None
    return regex_tokenize, token_normalize, FastCRFSequenceTagger, ws_module


def _word_segmenter(tagger, folder: Path):
    """underthesea's word segmentation CRF, loaded as its own `load` does but with its two
    pickled tables read by the C unpickler: joblib reads them with the Python one, a
    fifth of a second at every start. A file that is not a plain pickle goes to joblib."""
    from underthesea_core import CRFFeaturizer, CRFTagger
    estimator = CRFTagger()
    estimator.load(str(folder / "models.bin"))
    tables = []
    for name in ("features.bin", "dictionary.bin"):
        try:
            with open(folder / name, "rb") as fh:
                tables.append(pickle.load(fh))
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            import joblib
            tables.append(joblib.load(folder / name))
    tagger.featurizer, tagger.estimator = CRFFeaturizer(*tables), estimator
    tagger.words = tables[1]  # the set of lower-case words the featurizer looks syllables up in
    return tagger


@registry.tokenizers("vnevents.underthesea_tokenizer.v1")
def create_tokenizer(models_dir: str | None = None):
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab, models_dir)
    return make


def _cut(text: str, start: int) -> int:
    """Where the piece of the text that begins at `start` ends: at the first run without
    white space longer than MAX_RUN_CHARS, else after the last white space before
    PIECE_CHARS. Looks at no more than PIECE_CHARS characters, so reading a text is linear
    in its length."""
    n = len(text)
    limit = min(n, start + PIECE_CHARS)
    run = 0
    for k in range(start, limit):
        run = 0 if text[k].isspace() else run + 1
        if run > MAX_RUN_CHARS:
            return k
    if limit == n:
        return n
    k = limit
    while k > start + 1 and not text[k - 1].isspace():
        k -= 1
    return k


def _ends_sentence(text: str, syl: list[tuple[int, int]], i: int, first: int,
                   abbreviations: frozenset[str] = frozenset()) -> bool:
    """Does a sentence that began at syllable `first` end after syllable `i`? (A sentence
    end followed at once by a closer, as in '."', or by a reference mark, as in '.[6]', ends
    after it instead; a dot that ends a known abbreviation, "St. Louis", ends none.)"""
    s, e = syl[i]
    last = i + 1 == len(syl)
    gap = text[e:len(text) if last else syl[i + 1][0]]
    if "\n" in gap or "\r" in gap or _is_too_long(i - first + 1, gap):
        return True
    if _after_abbreviation(text, syl, i, abbreviations):
        return False
    return (_is_sentence_end(text[s:e], gap, last)
            or _closes_sentence(text, syl, i, first, gap)
            or _glued_sentence_end(text, syl, i, gap, last))


def _after_abbreviation(text: str, syl: list[tuple[int, int]], i: int, abbreviations: frozenset[str]) -> bool:
    """A dot right after a word it abbreviates ("St." of "St. Louis", "Dr.")."""
    if i == 0 or text[syl[i][0]:syl[i][1]] != "." or syl[i - 1][1] != syl[i][0]:
        return False
    return text[syl[i - 1][0]:syl[i][1]] in abbreviations


def _glued_sentence_end(text: str, syl: list[tuple[int, int]], i: int, gap: str, last: bool) -> bool:
    """A dot glued to both the word it ends and the capitalised word that begins the next
    sentence, as text copied without its spaces has it ("Inter Milan.Nhưng Liverpool"): the
    word before ends in a lower-case letter and has two letters or more (not an initial nor
    an acronym, "TP.HCM"), the word after is a capital and a lower-case letter."""
    if last or gap or i == 0 or text[syl[i][0]:syl[i][1]] != "." or syl[i - 1][1] != syl[i][0]:
        return False
    before, after = text[syl[i - 1][0]:syl[i - 1][1]], text[syl[i + 1][0]:syl[i + 1][1]]
    return (len(before) >= 2 and before.isalpha() and before[-1].islower()
            and len(after) >= 2 and after[0].isupper() and after[1].islower())


def _after_fronted(feats: list[str], k: int) -> bool:
    """Whether syllable k of a sentence opens a clause's subject after what was put before
    it: right after a number ("Năm 1841 William chuyển") or a comma, where no capital is owed
    to the sentence's start."""
    return k > 0 and (feats[k - 1].isdigit() or feats[k - 1] in (",", ";"))


def _is_sentence_end(piece: str, gap: str, last: bool) -> bool:
    """A sentence-end mark followed by white space, or by the end of the text."""
    return piece in SENTENCE_END and bool(gap or last)


def _closes_sentence(text: str, syl: list[tuple[int, int]], i: int, first: int, gap: str) -> bool:
    """A closing quote or bracket right after a sentence-end mark, or a reference mark
    ("[6]", Wikipedia's) right after one, followed by white space."""
    if text[syl[i][0]:syl[i][1]] not in CLOSERS or i <= first or not gap:
        return False
    if text[syl[i - 1][0]:syl[i - 1][1]] in SENTENCE_END:
        return True
    return (text[syl[i][0]:syl[i][1]] == "]" and i - 3 >= first
            and text[syl[i - 1][0]:syl[i - 1][1]].isdigit() and text[syl[i - 2][0]:syl[i - 2][1]] == "["
            and text[syl[i - 3][0]:syl[i - 3][1]] in SENTENCE_END)


def _is_too_long(length: int, gap: str) -> bool:
    """A sentence of MAX_SENTENCE_SYLLABLES is cut at the next white space, and a run of
    twice as many without any is cut where it stands."""
    return length >= MAX_SENTENCE_SYLLABLES and bool(gap or length >= 2 * MAX_SENTENCE_SYLLABLES)


class _DocWords:
    """The words of a Doc being built, with their trailing space, sentence start and norm."""

    def __init__(self):
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.starts: list[bool] = []
        self.norms: list[str] = []

    def add_word(self, word: str, sent_start: bool, norm: str) -> None:
        """A word of the text, with no trailing space until a gap gives it one."""
        self.words.append(word)
        self.spaces.append(False)
        self.starts.append(sent_start)
        self.norms.append(norm)

    def add_gap(self, gap: str) -> None:
        """The text between two words: one leading space becomes the trailing space of the
        word before, the rest a whitespace token (which starts a sentence only at the start
        of the text)."""
        if not gap:
            return
        if self.words and not self.spaces[-1] and gap.startswith(" "):
            self.spaces[-1] = True
            gap = gap[1:]
        if gap:
            self.add_word(gap, not self.words, gap)

    def to_doc(self, vocab) -> Doc:
        """The Doc of these words, with sentence starts, `doc._.sent_bounds` and norms."""
        words, starts = self.words, self.starts
        doc = Doc(vocab, words=words, spaces=self.spaces,
                  sent_starts=[True if st else False for st in starts] if words else None)
        first = [i for i, st in enumerate(starts) if st]
        doc._.sent_bounds = list(zip(first, first[1:] + [len(words)]))
        for token, norm in zip(doc, self.norms):
            token.norm_ = norm  # spaCy's default norm is lower-cased; the CRFs need the case
        return doc


class UndertheseaTokenizer(ModelsOnDisk):
    """Text -> Doc of underthesea words, sentence starts set, offsets exact."""

    def __init__(self, vocab, models_dir: str | None = None):
        register_extensions()
        regex_tokenize, token_normalize, FastCRF, ws_module = _underthesea()
        self.vocab = vocab
        self._tokenize = regex_tokenize.tokenize
        self._token_normalize = token_normalize
        self._ws = _word_segmenter(FastCRF(), Path(ws_module.__file__).parent / "models" / "ws_crf_vlsp2013_20230727")
        path = models_path(models_dir) / "text" / "abbreviations.txt"
        self.abbreviations = frozenset(load_list(path))

    # -- syllables --------------------------------------------------------------
    def syllables(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for tok, at in self._pieces(text):
            end = at + len(tok)
            # "NATO." at a sentence end: the dot is its own syllable unless a known abbreviation
            if (len(tok) > 2 and tok.endswith(".") and tok[:-1].isupper() and tok not in self.abbreviations
                    and (end == len(text) or text[end].isspace())):
                spans.append((at, end - 1))
                spans.append((end - 1, end))
            else:
                spans.append((at, end))
        return spans

    def _pieces(self, text: str):
        """(token, offset) of the regex tokenizer's tokens, read piece by piece (linear time)."""
        n, start = len(text), 0
        while start < n:
            stop = _cut(text, start)
            window = text[start:min(n, stop + LOOKAHEAD)]
            cursor, last = 0, start
            for tok in self._tokenize(window, use_character_normalize=False, use_token_normalize=False):
                at = window.find(tok, cursor)
                if at < 0:  # defensive: the regex tokenizer returns substrings of the text
                    continue
                if start + at >= stop:
                    break
                cursor = at + len(tok)
                last = start + cursor
                yield tok, start + at
            start = max(stop, last)

    def sentences(self, text: str, syl: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Split syllable indexes into sentences: [first, last+1) pairs."""
        out, first, n = [], 0, len(syl)
        for i in range(n):
            if _ends_sentence(text, syl, i, first, self.abbreviations) or i + 1 == n:
                out.append((first, i + 1))
                first = i + 1
        return out

    # -- words ------------------------------------------------------------------
    def __call__(self, text: str) -> Doc:
        syl = self.syllables(text)
        built = _DocWords()
        cursor = 0
        for first, last in self.sentences(text, syl):
            cursor = self._add_sentence(text, syl, first, last, built, cursor)
        built.add_gap(text[cursor:])
        return built.to_doc(self.vocab)

    def _add_sentence(self, text: str, syl: list[tuple[int, int]], first: int, last: int,
                      built: _DocWords, cursor: int) -> int:
        """Add the words of the sentence of syllables [first, last), each after the text
        between it and `cursor`; returns where the sentence ends in the text."""
        feats = [self._token_normalize(text[s:e]) for s, e in syl[first:last]]
        for gi, group in enumerate(self._word_groups(feats, first)):
            s, e = syl[group[0]][0], syl[group[-1]][1]
            built.add_gap(text[cursor:s])
            built.add_word(text[s:e], gi == 0, " ".join(feats[j - first] for j in group))
            cursor = e
        return cursor

    def _word_groups(self, feats: list[str], first: int) -> list[list[int]]:
        """The syllable indexes of each word of one sentence, as the word-segmentation CRF
        tags its normalised syllables `feats` (the first is syllable `first`)."""
        tags = self._ws.predict([[f] for f in feats]) if feats else []
        groups: list[list[int]] = []
        for k, tag in enumerate(tags):
            if tag == "I-W" and groups:
                groups[-1].append(first + k)
            else:
                groups.append([first + k])
        return [part for group in groups for part in self._name_then_word(group, feats, first)]

    def _known(self, word: str) -> bool:
        """Whether a word is in the segmenter's dictionary, as written in lower case or with
        its tone marks placed the dictionary's older way (io.normalize.fold: "Ủy ban" is
        "uỷ ban" there, "Hòa bình" "hoà bình")."""
        return word.lower() in self._ws.words or fold(word) in self._ws.words

    def _name_cut(self, syl: list[str], feats: list[str], k: int, last: int) -> int:
        """Where a word of syllables `syl` (the sentence's k-th to last-th) is cut between a
        name and other words (_name_then_word); 0 when it is not."""
        caps = [s[:1].isupper() for s in syl]
        cut = caps.index(False) if False in caps else len(caps)
        if 2 <= cut < len(syl) and not any(caps[cut:]):
            return cut  # a name, then words
        if cut == 1 < len(syl) and self._subject_glued(syl, feats, k, last):
            return 1  # one capitalised syllable opening a clause, then words: "Năm 1841 William | chuyển"
        if len(syl) > 1 and not caps[0] and syl[-1].isalpha() and syl[-1].isupper() and len(syl[-1]) > 1 \
                and not any(caps[:-1]):
            return len(syl) - 1  # words, then an acronym
        return 0

    def _subject_glued(self, syl: list[str], feats: list[str], k: int, last: int) -> bool:
        """Whether the word of syllables `syl` (the sentence's k-th to last-th) is a
        one-syllable name glued to the lower-case verb after it, right after a number or a
        comma ("Năm 1841 William chuyển", "Năm 1980, Roma lọt"): no word of the dictionary
        whole ("Phong lan"), no word begun with the syllable after it ("Nhật đảo | chính":
        "đảo chính"), and no capitalised syllable after it, which would make the lower-case
        ones part of a name ("Mạc phủ Tokugawa", "Mar del Plata")."""
        nxt = feats[last + 1] if last + 1 < len(feats) else ""
        return (all(x.isalpha() and x.islower() for x in syl[1:]) and _after_fronted(feats, k)
                and not self._known(" ".join(syl)) and not nxt[:1].isupper()
                and not self._known(f"{syl[-1]} {nxt}"))

    def _name_then_word(self, group: list[int], feats: list[str], first: int) -> list[list[int]]:
        """A word the CRF glued across a name's edge, cut into the name and the rest, when
        the two syllables at the cut make no word of the dictionary: two or more capitalised
        syllables then lower-case ones ("Quý Ly giết", "Nguyễn Ánh thua", "Đỗ Nhân làm"), one
        after a number or a comma (_subject_glued: "Năm 1980, Roma lọt"), or lower-case
        syllables then a name written in capitals ("thắng CLB"). "Bộ Chỉ huy"
        ("chỉ huy"), "Đặng Tất cả" ("tất cả") stay whole. A dotted abbreviation is cut from
        the name after it ("PGS.TS Vũ Thành Long")."""
        syl = [feats[k - first] for k in group]
        if len(syl) > 1 and _DOTTED_ABBREVIATION.fullmatch(syl[0]):
            return [group[:1], group[1:]]  # a dotted title before a name: "PGS.TS | Vũ Thành Long"
        cut = self._name_cut(syl, feats, group[0] - first, group[-1] - first)
        if not cut or self._known(f"{syl[cut - 1]} {syl[cut]}"):
            return [group]
        return [group[:cut], group[cut:]]
