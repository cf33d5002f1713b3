"""The ``quotes`` spaCy pipeline component.

    nlp = spacy.load("en_core_web_sm"); nlp.add_pipe("coreferee"); nlp.add_pipe("quotes")
    doc = nlp(text)
    for q in doc._.quotes: print(q.type, q.speaker, doc.text[q.start:q.end])

It puts a list of ``quotes.spans.QuoteMatch`` on ``doc._.quotes`` (document order) and the
titles the document gives each speaker on ``doc._.speaker_titles`` (and the gender it tells
for them on ``doc._.speaker_genders``). Coreferee's chains are
used when it ran before this component; when it is in the pipeline but disabled (as
``quotes.nlp.load_pipeline`` sets it up, for speed), it runs only on the few sentences
before each pronoun speaker. Without coreferee, pronouns go to the nearest speaker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from quotes import lexicon as lexicon_mod
from quotes.attribute import SCOPES, find_cues
from quotes.detect import find_direct_spans
from quotes.link import link_quotes
from quotes.resolve import STAGE_SECONDS, Resolver

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("speaker_titles"):
    Doc.set_extension("speaker_titles", default=None)
if not Doc.has_extension("speaker_genders"):
    Doc.set_extension("speaker_genders", default=None)


@lru_cache(maxsize=1)
def _lowercase_abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in lexicon_mod.load().abbreviations)


_LONG_SENTENCE = 150  # tokens after which a sentence is broken at the next punctuation
_MAX_SENTENCE = 250  # tokens after which it is broken anyway


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs never share a sentence;
    never start one right after an abbreviated title ("Army Capt. Christian Pardo",
    "Sen. Ted Cruz", ``rules/abbreviations.txt``); break a run of more than
    ``_LONG_SENTENCE`` tokens at punctuation (at ``_MAX_SENTENCE`` in any case).

    Runs before the parser, which keeps sentence boundaries that are already set.
    """
    abbreviations = _lowercase_abbreviations()
    run = 0  # tokens since the last sentence start set here
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        run += 1
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
            run = 0
        elif prev.lower_ in abbreviations and tok.is_title and tok.is_alpha:
            tok.is_sent_start = False
        elif (run >= _LONG_SENTENCE and prev.is_punct) or run >= _MAX_SENTENCE:
            # A "sentence" of thousands of tokens (a page with no full stops, runs of
            # marks) makes every subtree walk quadratic: break it after punctuation.
            tok.is_sent_start = True
            run = 0
    return doc


class QuoteFinder:
    """Finds direct, indirect and mixed quotes and resolves their speakers."""

    def __init__(self, nlp: Language, name: str, lazy_coreference: bool = True, scope: str = "speech",
                 coreference_window: int = 3) -> None:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        self.name = name
        self.lexicon = lexicon_mod.load()
        self.nlp = nlp
        self.lazy_coreference = lazy_coreference
        self.scope = scope
        self.coreference_window = coreference_window

    def _coreference(self) -> Callable[[Doc], Doc] | None:
        """coreferee's component when it is in the pipeline but has not run on the doc
        (disabled for speed): then it runs only on the sentences before a pronoun speaker."""
        if not self.lazy_coreference or "coreferee" not in self.nlp.component_names:
            return None
        return self.nlp.get_pipe("coreferee")

    def __call__(self, doc: Doc) -> Doc:
        t0 = time.perf_counter()
        direct = find_direct_spans(doc.text, self.lexicon.quote_marks)
        cues = find_cues(doc, self.lexicon, self.scope)
        matches = link_quotes(doc, direct, cues, self.lexicon)
        resolver = Resolver(doc, self.lexicon, self._coreference(), self.coreference_window,
                            quoted=[(d.open_start, d.close_end) for d in direct])
        coreferee = STAGE_SECONDS["coreferee"]
        for match in matches:
            if match.mention is not None:
                match.speaker = resolver.resolve(match.mention)
        doc._.quotes = matches
        # Titles of everyone the document names, so other documents' speakers get them too.
        names = {m.speaker.name for m in matches if m.speaker is not None} | set(resolver.names.titles)
        doc._.speaker_titles = {n: resolver.titles(n) for n in sorted(names)}
        # The gender the document tells for each person ("Mrs. Clinton": "f"), so that a
        # lone surname joins the right person across documents.
        doc._.speaker_genders = {n: g for n in sorted(names) for g in [resolver.names.gender(n)] if g}
        STAGE_SECONDS["rules"] += time.perf_counter() - t0 - (STAGE_SECONDS["coreferee"] - coreferee)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("quotes", assigns=["doc._.quotes", "doc._.speaker_titles", "doc._.speaker_genders"],
                  default_config={"lazy_coreference": True, "scope": "speech", "coreference_window": 3})
def make_quote_finder(nlp: Language, name: str, lazy_coreference: bool, scope: str,
                      coreference_window: int) -> QuoteFinder:
    """``scope``: "speech" (what people say, write and believe) or "all" (also stated
    positions such as "endorsed Trump" and attributions to no one named such as "is
    expected to win", as PolNeAR annotates them).
    ``coreference_window``: sentences before a pronoun speaker that coreferee looks at
    when it runs lazily."""
    return QuoteFinder(nlp, name, lazy_coreference, scope, coreference_window)
