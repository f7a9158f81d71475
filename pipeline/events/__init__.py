"""The event stage (a spaCy component): triggers, their types, participants, place and
time, into contract records. See stage.py; the trigger model is model.py."""
from .stage import SPANS_KEY, EventExtractor, make_events, sentences_of

__all__ = ["SPANS_KEY", "EventExtractor", "make_events", "sentences_of"]
