"""underthesea's CRF POS, chunk and NER tags on the tokens already in the Doc: the
tags are identical to `underthesea.ner()`, without re-tokenising."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Messages
from .extensions import register_extensions, sentence_words


@Language.factory("vnevents_tagger", assigns=["token.tag", "token._.chunk", "token._.crf_ner"],
                  default_config={"ner": True})
def make_tagger(nlp: Language, name: str, ner: bool):
    return CRFTagger(ner=ner)


class CRFTagger:
    """underthesea's 2017 POS, chunk and NER CRF models, fed by underthesea_core's
    compiled featuriser from the tokens already in the Doc (no re-tokenising)."""

    def __init__(self, ner: bool = True):
        register_extensions()
        try:
            from underthesea_core import CRFFeaturizer
            from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
            from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
            from underthesea.pipeline.ner.model_crf import CRFNERPredictor
            from underthesea.pipeline.chunking.tagged_feature import lower_words
        except ImportError as exc:  # pragma: no cover
            raise ImportError(Messages.E030.format(reason=exc)) from None
        self.ner = ner
        self._models = []
        for cls in (CRFPOSTagPredictor, CRFChunkingPredictor, CRFNERPredictor)[: 3 if ner else 2]:
            predictor = cls.Instance()
            template = predictor.transformer.template
            slots = [(i, int(t[2:t.index("]")])) for i, t in enumerate(template) if t.endswith(".istitle")]
            # the dictionary serves only the `is_in_dict` features, which none of the three
            # models has: handing its 72,000 words over costs 25 ms a model and changes nothing
            words = lower_words if any(t.endswith(".is_in_dict") for t in template) else set()
            self._models.append((predictor.model, CRFFeaturizer(template, words), slots))

    def __call__(self, doc: Doc) -> Doc:
        for toks in sentence_words(doc):
            for t, (pos, chunk, ner) in zip(toks, self.tag([t.norm_ for t in toks])):
                t.tag_ = pos
                t._.chunk = chunk
                t._.crf_ner = ner
        return doc

    @staticmethod
    def _fix_istitle(feats: list[list[str]], words: list[str], slots) -> None:
        """underthesea's NER features call a word title-cased only when every part starts
        with a title-case letter (so "1961" and "," are not); the compiled featuriser
        says True for them. Rewrite those features to match underthesea's ner()."""
        flags = [all(p[:1].istitle() for p in w.split(" ")) if w else False for w in words]
        n = len(words)
        for i, row in enumerate(feats):
            for index, offset in slots:
                j = i + offset
                val = "BOS" if j < 0 else "EOS" if j >= n else str(flags[j])
                row[index] = f"T[{offset}].istitle={val}"

    def tag(self, words: list[str]) -> list[tuple[str, str, str]]:
        """POS, chunk and NER tags of one sentence's words, as underthesea's ner() gives them."""
        rows = [[w, "X", "X", "X"] for w in words]
        for column, (model, featurizer, slots) in enumerate(self._models, 1):
            feats = featurizer.process([[r[: column + 1] for r in rows]])[0]
            self._fix_istitle(feats, words, slots)
            for r, tag in zip(rows, model.tag(feats)):
                r[column] = tag
        ner = [r[3] if self.ner else "O" for r in rows]
        return [(r[1], r[2], n) for r, n in zip(rows, ner)]
