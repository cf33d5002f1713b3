"""Resolve a speaker mention to a canonical speaker inside one document.

- Pronouns ("he said") go through coreferee's chains to the person they stand for.
- Names lose honorifics and titles ("Commerce Secretary Howard Lutnick" -> "Howard
  Lutnick"); a surname alone ("Lutnick", "Mr. Lutnick") joins the full name with that
  surname; surname-first names work too ("Li" -> "Li Chenggang").
- Titles and roles given in the text (before the name or in apposition) are kept per
  person, in first-seen order.
- Descriptions ("the person") resolve to their first full description ("a person
  familiar with the negotiations"); they are ``anonymous`` speakers, organisations
  ("Xinhua", "the White House") are ``organisation``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from quotes.attribute import expand_mention
from quotes.lexicon import Lexicon
from quotes.names import full_name_for, same_person
from quotes.spans import Speaker

_ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
_DEFINITE = {"the", "this", "that", "these", "those"}
_POSSESSIVE = ("'s", "’s", "'", "’")
_MAX_TITLE_TOKENS = 12


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def _is_title_word(tok: Token, lexicon: Lexicon) -> bool:
    w = _norm(tok.text)
    return w in lexicon.titles or w in lexicon.honorifics


@dataclass
class NameIndex:
    """The people a document names, keyed by canonical full name."""

    lexicon: Lexicon
    canonical: dict[str, str] = field(default_factory=dict)  # surface name -> canonical
    full_names: list[str] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, lexicon: Lexicon) -> NameIndex:
        index = cls(lexicon)
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        # Full names first so that a surname met before its full name still joins it.
        for ent in sorted(people, key=lambda e: (len(index.name_tokens(e)) < 2, e.start)):
            name = index.add(ent)
            if name:
                for title in index.titles_of(ent):
                    index.add_title(name, title)
        return index

    def name_tokens(self, span: Span) -> list[str]:
        """The words of a name, without honorifics, leading titles or a possessive."""
        words = [t.text for t in span if not t.is_punct or t.text == "-"]
        while words and words[-1] in _POSSESSIVE:
            words.pop()
        if words:
            words[-1] = words[-1].removesuffix("'s").removesuffix("’s")
        while len(words) > 1 and (_norm(words[0]) in self.lexicon.honorifics
                                  or _norm(words[0]) in self.lexicon.titles
                                  or words[0].lower() in _DEFINITE or not words[0][:1].isupper()):
            words.pop(0)
        return [w for w in words if w]

    def lookup(self, words: list[str]) -> str:
        """Canonical name for the words of a name; unknown names stand for themselves."""
        surface = " ".join(words)
        if surface in self.canonical:
            return self.canonical[surface]
        if len(words) == 1:
            return full_name_for(words[0], self.full_names) or surface
        return next((n for n in self.full_names if same_person(n, surface)), surface)

    def add(self, span: Span) -> str | None:
        words = self.name_tokens(span)
        if not words or not words[-1][:1].isupper():
            return None
        name = self.lookup(words)
        surface = " ".join(words)
        self.canonical.setdefault(surface, name)
        if len(words) > 1 and name == surface and name not in self.full_names:
            self.full_names.append(name)
        return name

    def add_title(self, name: str, title: str) -> None:
        titles = self.titles.setdefault(name, [])
        if title not in titles:
            titles.append(title)

    def titles_of(self, ent: Span) -> list[str]:
        """Titles the text gives this mention: before the name, inside it, or in apposition."""
        doc = ent.doc
        found: list[str] = []
        lead = [t for t in ent if _is_title_word(t, self.lexicon) and _norm(t.text) not in self.lexicon.honorifics]
        start = ent.start
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod") \
                and start <= doc[start - 1].head.i < ent.end and not doc[start - 1].is_punct:
            start -= 1
        words = doc[start:ent.start]
        if lead and lead[0].i == ent.start:
            words = doc[start:lead[-1].i + 1]
        if len(words) and any(_is_title_word(t, self.lexicon) for t in words) \
                and _norm(words[-1].text) not in self.lexicon.honorifics:
            found.append(words.text)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                found.append(_clean_phrase(doc[child.left_edge.i:child.right_edge.i + 1]))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.ent_type_ != "PERSON":
            head = root.head
            found.append(_clean_phrase(doc[head.left_edge.i:min(head.right_edge.i + 1, ent.start)]))
        return [f for f in found if f and len(f.split()) <= _MAX_TITLE_TOKENS and any(c.isalpha() for c in f)]


def _clean_phrase(span: Span) -> str:
    toks = list(span)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return ""
    text = span.doc[toks[0].i:toks[-1].i + 1].text
    if toks[0].pos_ == "DET" and toks[0].is_sent_start:
        text = text[:1].lower() + text[1:]  # "A person familiar ..." opens its sentence
    return text




class Resolver:
    """Turns speaker mentions of one document into canonical speakers."""

    def __init__(self, doc: Doc, lexicon: Lexicon, coreference: Callable[[Doc], Doc] | None = None,
                 window: int = 6) -> None:
        """``coreference``: coreferee's component, run by ``prepare`` on just the sentences
        the pronoun speakers need when the whole document has no chains yet."""
        self.doc = doc
        self.lexicon = lexicon
        self.coreference = coreference
        self.window = window
        self._window: tuple[int, Doc] | None = None
        self.names = NameIndex.build(doc, lexicon)
        self.descriptions: dict[str, str] = {}  # head lemma -> first full description
        self.kinds: dict[str, str] = {}
        self.recent: list[tuple[int, Speaker]] = []  # speakers so far, by position

    # -- public

    def resolve(self, mention: Span) -> Speaker:
        speaker = self._resolve(mention)
        self.kinds.setdefault(speaker.name, speaker.kind)
        self.recent.append((mention.start_char, speaker))
        return speaker

    def titles(self, name: str) -> tuple[str, ...]:
        return tuple(self.names.titles.get(name, ()))

    # -- cases

    def _resolve(self, mention: Span) -> Speaker:
        head = mention.root
        parts = [head] + [c for c in head.conjuncts if mention.start <= c.i < mention.end and c.i > head.i]
        if len(parts) > 1:
            # "Mr. Grassley and Mr. Leahy said": a joint speaker.
            speakers = [self._described(expand_mention(p), "mention") for p in parts]
            names = list(dict.fromkeys(sp.name for sp in speakers))
            kinds = {sp.kind for sp in speakers}
            return Speaker(" and ".join(names), kinds.pop() if len(kinds) == 1 else "unknown", "mention")
        if head.pos_ in ("ADJ", "DET") and head.is_alpha:
            # "Many said", "most said", "the influential US daily wrote": a group or source
            # named by a quantifier or adjective.
            return Speaker(_clean_phrase(mention), "anonymous", "mention")
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            return Speaker(mention.text, "unknown", "unresolved")  # a mangled parse
        if self._is_pronoun(head):
            return self._pronoun(head, mention)
        return self._described(mention, "mention")

    def _described(self, mention: Span, method: str) -> Speaker:
        head = mention.root
        lemma = head.lemma_.lower()
        proper = _is_proper_noun(head)
        ents = [e for e in mention.ents]
        person = next((e for e in ents if e.label_ == "PERSON" and head.i in range(e.start, e.end)), None)
        if person is None and proper:
            person = next((e for e in ents if e.label_ == "PERSON"), None)
        if person is None and lemma not in self.lexicon.anonymous:
            # "co-host Stu Burguiere": a role before the name.
            person = next((e for e in ents if e.label_ == "PERSON" and e.end == mention.end), None)
        if person is None and not proper:
            # "The French interior minister, Bernard Cazeneuve, said": the name in apposition.
            person = next((e for c in head.children if c.dep_ == "appos"
                           for e in [_entity_of(c)] if e is not None and e.label_ == "PERSON"), None)
        if person is not None:
            return Speaker(self._person_name(person), "person", method)
        if head.ent_type_ in _ORG_LABELS and proper and lemma not in self.lexicon.anonymous:
            org = _closest_org(ents, head)
            if org is not None and self.names.lookup(self.names.name_tokens(org)) not in self.names.full_names:
                return Speaker(_org_name(org), "organisation", method)
        if proper and head.ent_type_ != "PERSON":
            # "Lutnick said" with Lutnick tagged ORG: a surname the document already names.
            words = self.names.name_tokens(mention)
            known = self.names.lookup(words) if len(words) == 1 else None
            if known in self.names.full_names:
                return Speaker(known, "person", method)
        if proper or head.ent_type_:
            org = _closest_org(ents, head)
            if org is not None and lemma not in self.lexicon.anonymous:
                return Speaker(_org_name(org), "organisation", method)
            if proper:
                words = self.names.name_tokens(mention)
                name = self.names.lookup(words) if words else mention.text
                kind = "person" if name in self.names.full_names or len(words) >= 2 else self.kinds.get(name, "person")
                return Speaker(name, kind, method)
        if lemma in self.lexicon.organisations:
            org = _closest_org(ents, head)
            if org is not None:
                return Speaker(_org_name(org), "organisation", method)
            return Speaker(self._description(mention), "organisation", method)
        known = self.names.lookup([head.text]) if head.text[:1].isupper() else None
        if known in self.names.full_names:
            return Speaker(known, "person", method)  # "Trump" tagged NOUN
        if head.pos_ in ("NOUN", "PROPN"):
            # A description that is not an organisation is an unnamed person or group.
            kind = "anonymous"
            name = self._description(mention)
            return Speaker(name, kind, "description" if name != mention.text else method)
        return Speaker(mention.text, "unknown", method)

    def _person_name(self, ent: Span) -> str:
        words = self.names.name_tokens(ent)
        return self.names.lookup(words) if words else ent.text

    def _description(self, mention: Span) -> str:
        """"the person" -> the first fuller description with the same head noun."""
        head = mention.root
        key = head.lemma_.lower()
        text = _clean_phrase(mention)
        first = mention[0].lower_
        known = self.descriptions.get(key)
        if first in _DEFINITE and known is not None:
            words = {t.lower_ for t in mention if not t.is_punct}
            if words - {first} <= set(known.lower().split()):
                return known  # "the person" after "a person familiar with the talks"
        if known is None and len(mention) > 2:
            self.descriptions[key] = text
        return text

    def prepare(self, mentions: list[Span]) -> None:
        """Run coreferee once over the stretch of text that the pronoun speakers among
        ``mentions`` need (each pronoun's sentence and ``window`` sentences before it),
        unless the document already has coreference chains."""
        if self.coreference is None or self._document_chains() is not None:
            return
        pronouns = [m.root for m in mentions if self._is_pronoun(m.root)]
        if not pronouns:
            return
        sentences = list(self.doc.sents)
        index = {tok.i: k for k, sent in enumerate(sentences) for tok in sent}
        first = min(index[p.i] for p in pronouns)
        last = max(index[p.i] for p in pronouns)
        start, end = sentences[max(0, first - self.window)].start, sentences[last].end
        try:
            self._window = (start, self.coreference(self.doc[start:end].as_doc()))
        except (IndexError, KeyError, ValueError):
            self._window = None

    def _document_chains(self) -> Any:
        """coreferee's chains for the whole document, when it ran on it."""
        return self.doc._.coref_chains if self.doc.has_extension("coref_chains") else None

    def _is_pronoun(self, tok: Token) -> bool:
        return tok.lower_ in self.lexicon.pronouns and tok.pos_ == "PRON"

    def _antecedents(self, pronoun: Token) -> list[Token] | None:
        """What coreferee says the pronoun stands for: from the document's own chains
        when coreferee ran on it, else from the window ``prepare`` ran it on."""
        try:
            chains = self._document_chains()
            if chains is not None:
                return chains.resolve(pronoun)
            if self._window is None:
                return None
            start, window = self._window
            if not 0 <= pronoun.i - start < len(window):
                return None
            resolved = window._.coref_chains.resolve(window[pronoun.i - start])
        except (IndexError, KeyError, ValueError):
            return None
        return [self.doc[t.i + start] for t in resolved] if resolved else None

    def _pronoun(self, pronoun: Token, mention: Span) -> Speaker:
        resolved = self._antecedents(pronoun) or []
        speakers = [self._described(expand_mention(t), "coreference") for t in resolved
                    if t.lower_ not in self.lexicon.pronouns]
        if len(speakers) == 1:
            return speakers[0]
        if speakers:
            names = " and ".join(s.name for s in speakers)
            kinds = {s.kind for s in speakers}
            return Speaker(names, kinds.pop() if len(kinds) == 1 else "unknown", "coreference")
        return self._nearest(pronoun)

    def _nearest(self, pronoun: Token) -> Speaker:
        """No coreference chain: the closest earlier speaker who can be this pronoun.

        First and second person ("I think", "you said") outside quotation marks is the
        writer or the reader, not an earlier speaker: left unresolved.
        """
        if pronoun.morph.get("Person") in (["1"], ["2"]) or pronoun.lower_ in ("i", "we", "you", "us", "me"):
            return Speaker(pronoun.text, "unknown", "unresolved")
        plural = pronoun.lower_ in ("they", "them", "we")
        wanted = ("organisation",) if pronoun.lower_ == "it" else \
            ("person", "anonymous", "organisation") if plural else ("person",)
        for _, speaker in reversed(self.recent):
            if speaker.kind in wanted:
                return Speaker(speaker.name, speaker.kind, "nearest")
        # Fall back to the nearest person named before the pronoun.
        if not plural:
            before = [e for e in self.doc.ents if e.label_ == "PERSON" and e.end <= pronoun.i]
            if before:
                return Speaker(self._person_name(before[-1]), "person", "nearest")
        return Speaker(pronoun.text, "unknown", "unresolved")


def _entity_of(tok: Token) -> Span | None:
    """The named entity a token belongs to, if any."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _is_proper_noun(tok: Token) -> bool:
    """A capitalised proper noun. The tagger sometimes calls "department" PROPN, and a
    capitalised surname inside a sentence NOUN ("by saying, Trump ...")."""
    if not tok.text[:1].isupper():
        return False
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start and tok.i > 0
                                   and not tok.nbor(-1).is_punct)


def _closest_org(ents: list[Span], head: Token) -> Span | None:
    """The organisation entity that is the head or nearest before it ("China's Xinhua news
    agency" -> Xinhua)."""
    orgs = [e for e in ents if e.label_ in _ORG_LABELS and e.start <= head.i]
    return orgs[-1] if orgs else None


def _org_name(ent: Span) -> str:
    doc = ent.doc
    end = ent.end
    # "the Milwaukee Journal Sentinel" when the entity stopped at "Journal": the name runs
    # on to the proper noun its last word qualifies.
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end - 1].dep_ == "compound" \
            and doc[end - 1].head.i >= end:
        end += 1
    ent = doc[ent.start:end]
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    # "Xinhua news agency" -> "Xinhua": a name ends at its last capitalised word.
    while len(toks) > 1 and (toks[-1].text in _POSSESSIVE or toks[-1].is_lower):
        toks.pop()
    if not toks:
        return ent.text
    return ent.doc[toks[0].i:toks[-1].i + 1].text
