"""Error types and message texts, written once (spaCy's Errors/Warnings habit)."""
from __future__ import annotations


class Messages:
    E001 = "cannot read '{path}': {reason}"
    E002 = "'{path}' is not text: {reason}"
    E003 = "'{path}' is {size} bytes, over the limit of {limit} bytes (see --max-bytes)"
    E004 = "'{path}' could not be decoded as {encoding}: {reason}"
    E005 = "'{path}' looks like a legacy Vietnamese font encoding ({name}); convert it to Unicode first or pass --encoding"
    E010 = "{path}:{line}: rule '{rule}': {reason}"
    E011 = "{path}: {reason}"
    E021 = "bad value for '{key}': {reason}"
    E030 = "the pipeline needs underthesea: {reason}. Install it with `pip install underthesea`"
    E040 = "'{path}' is not a vnevents document record: {reason}"
    E041 = "'{path}' is not a gold annotation in the reference format: {reason}"


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class ConfigError(PipelineError, ValueError):
    """A setting is unknown or has a value the pipeline cannot use."""


class ResourceError(PipelineError):
    """A file under models/ is missing, malformed, or refers to something unknown."""

    def __init__(self, path, line: int | None = None, rule_id: str | None = None, reason: str = ""):
        self.path, self.line, self.rule_id, self.reason = str(path), line, rule_id, reason
        if rule_id is not None or line is not None:
            msg = Messages.E010.format(path=path, line=line if line is not None else "?",
                                       rule=rule_id or "?", reason=reason)
        else:
            msg = Messages.E011.format(path=path, reason=reason)
        super().__init__(msg)


class InputError(PipelineError):
    """An input document cannot be read or decoded: reported per document, never a traceback."""
