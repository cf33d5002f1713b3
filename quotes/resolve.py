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

import bisect
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from quotes.attribute import FINITE_TAGS, expand_mention, role_name
from quotes.detect import Paragraphs
from quotes.lexicon import Lexicon
from quotes.names import DOMINANCE, full_name_for, name_gender, same_person
from quotes.pronouns import CANDIDATE_SENTENCES, Referent, choose
from quotes.spans import DASHES, Speaker, sentence_index

# Seconds this process spent in coreferee and in the quote rules (the component adds its
# own; read by ``python -m quotes.bench speed`` for its per-stage breakdown).
STAGE_SECONDS: Counter[str] = Counter()

WRITER = "the writer"  # the speaker of "I" and "we" outside quotation marks (kind "writer")
_ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
_TIME_LABELS = ("DATE", "TIME")
_DEFINITE = {"the", "this", "that", "these", "those"}
_VERB_TAGS = ("VBG", "VBD", "VBZ")  # "Entrusting", "Sent", "Says": never part of a name
_NICKNAME_TOKENS = 2  # words of a quoted nickname inside a name, and of the surname after it
_POSSESSIVE = ("'s", "’s", "'", "’")
_MAX_TITLE_TOKENS = 12
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SUBJ_DEPS = ("nsubj", "nsubjpass")
_GENDER_LOOKBACK = 3  # words before a name searched for "Mrs.", "Congresswoman", "his wife"


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def _after_colon(head: Token, other: Token) -> bool:
    """``other`` stands after a colon that follows ``head`` ("RAMOS: Secretary Clinton, …",
    a transcript's speaker and whom he addresses): no apposition."""
    return any(t.text == ":" for t in head.doc[head.i + 1:other.i])


def _spaced_dash(tok: Token, glyphs: tuple[str, ...] = ("-",)) -> bool:
    """A hyphen (or one of ``glyphs``) with a space on either side: a break between words
    ("Reynolds - his girlfriend"), not the joint of one ("Reed-Veal")."""
    return tok.text in glyphs and bool(tok.whitespace_ or (tok.i > 0 and tok.doc[tok.i - 1].whitespace_))


def _is_title_word(tok: Token, lexicon: Lexicon) -> bool:
    w = _norm(tok.text)
    return w in lexicon.titles or w in lexicon.honorifics


@dataclass
class NameIndex:
    """The people a document names, keyed by canonical full name."""

    lexicon: Lexicon
    canonical: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (surface, gender) -> canonical
    full_names: list[str] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)
    genders: dict[str, set[str]] = field(default_factory=dict)  # canonical name -> genders the text tells
    mentions: Counter[str] = field(default_factory=Counter)  # full name -> how often the text names it in full
    relatives: set[str] = field(default_factory=set)  # untagged full names: a bare surname's only when dominant
    in_full: Counter[str] = field(default_factory=Counter)  # full name -> how often the text writes it out
    bare_genders: dict[str, Counter[str]] = field(default_factory=dict)  # shared surname -> "he"/"she" after it
    owned: list[Span] = field(default_factory=list)  # names after an organisation's possessive
    honoured: set[str] = field(default_factory=set)  # words the text gives an honorific ("Mr. Prasad")

    @classmethod
    def build(cls, doc: Doc, lexicon: Lexicon) -> NameIndex:
        index = cls(lexicon)
        index.honoured = {doc[t.i + 1].text for t in doc[:-1] if _norm(t.text) in lexicon.honorifics
                          and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper()}
        people = [e for e in doc.ents if e.label_ == "PERSON" or index.looks_like_person(e)]
        index.owned = index.owned_people(doc)
        people += index.owned
        # Full names first so that a surname met before its full name still joins it.
        for ent in sorted(people, key=lambda e: (len(index.name_tokens(e)) < 2, e.start)):
            name = index.add(ent, index.around_nickname(ent))
            if name in index.full_names:
                index.mentions[name] += 1
            if name:
                for title in index.titles_of(ent):
                    index.add_title(name, title)
        for run in index.untagged_relatives(doc, people):
            name = index.add(run)
            if name:
                index.relatives.add(name)
        text = doc.text
        for name in index.full_names:
            index.in_full[name] = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
        index.bare_genders = index.genders_after_bare_surnames(doc)
        # A bare surname is looked up again now that the whole text is counted: "Ivanka
        # Trump" written out nine times beside "Donald Trump" three times, "Hale runs his
        # company" (what the lookups made while the names were gathered could not know).
        index.canonical = {k: v for k, v in index.canonical.items() if " " in k[0]}
        return index

    def untagged_relatives(self, doc: Doc, people: list[Span]) -> list[Span]:
        """Runs of two or three capitalised proper nouns the tagger missed that end in
        the surname of a person the document names ("Ivanka Trump strode ..." beside
        Donald Trump): the names of that person's relatives."""
        tagged = {t for e in people for t in range(e.start, e.end)}
        surnames = {n.split()[-1] for n in self.full_names}
        lex = self.lexicon
        runs, start = [], None
        for tok in doc:
            inside = (tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and tok.i not in tagged
                      and tok.ent_type_ not in (*_ORG_LABELS, "LOC"))
            if inside and start is None:
                start = tok.i
            if not inside and start is not None:
                runs.append(doc[start:tok.i])
                start = None
        return [run for run in runs if 2 <= len(run) <= 3 and run[-1].text in surnames
                and not any(_norm(t.text) in lex.titles or _norm(t.text) in lex.honorifics
                            or _norm(t.text) in lex.organisations for t in run)
                and self.lookup(self.name_tokens(run)) not in self.full_names]

    def looks_like_person(self, ent: Span) -> bool:
        """"Carly Fiorina" tagged as an organisation: two or three capitalised words that
        open with a known first name (or end in a surname the text gives "Mr." or "Ms.":
        "Eswar Prasad" beside "Mr. Prasad"; or stand beside a person noun in apposition:
        "Mo Elleithee, director of ..."), with no organisation or title word and no "the"."""
        lex = self.lexicon
        described = any(c.dep_ == "appos" and (c.lemma_.lower() in lex.person_nouns or c.lemma_.lower() in lex.titles)
                        for c in ent.root.children)
        surnames = self.honoured | {ent[-1].text} if described else self.honoured
        return (ent.label_ in ("ORG", "GPE", "NORP")
                and (self.first_and_last(ent) or self.first_and_last(ent, surnames))
                and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"))

    def owned_people(self, doc: Doc) -> list[Span]:
        """"Fox News’s Ed Henry", "the Media Research Center's Brent Bozell": a person
        named right after an organisation's possessive, which the tagger takes into the
        organisation or leaves untagged."""
        found = []
        for tok in doc:
            if tok.text not in _POSSESSIVE or tok.i == 0 or doc[tok.i - 1].ent_type_ not in _ORG_LABELS:
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN":
                end += 1
            name = doc[tok.i + 1:end]
            if self.first_and_last(name) and not any(t.ent_type_ == "PERSON" for t in name):
                found.append(name)
        return found

    def first_and_last(self, span: Span, surnames: set[str] | None = None) -> bool:
        """Two or three capitalised words that open with a known first name (or, given
        ``surnames``, end in one of them), with no organisation or title word."""
        lex = self.lexicon
        words = [t.text for t in span]
        return (2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words)
                and (words[-1] in surnames if surnames is not None else words[0].lower() in lex.first_names)
                and not any(_norm(w) in lex.organisations or _norm(w) in lex.titles for w in words))

    def told_gender(self, ent: Span) -> str | None:
        """The gender the words right before or inside a name tell: "Mrs. Clinton",
        "Congresswoman Maxine Waters", "his wife, Jane Doe"."""
        doc = ent.doc
        words = self.lexicon.gendered_words
        for tok in reversed(doc[max(0, ent.start - _GENDER_LOOKBACK):ent.start + 1]):
            if tok.i < ent.start and ((tok.is_punct and tok.text != ".") or tok.pos_ in ("VERB", "ADP", "CCONJ")
                                      or tok.is_space or tok.sent.start != ent.sent.start):
                break  # (not "the mother of Sean Smith", "Ms. Brainard and Daniel Tarullo", "my wife.\nMo X")
            gender = words.get(_norm(tok.text))
            if gender:
                return gender
        head = ent.root
        if head.dep_ == "appos" and head.head.lemma_.lower() in words:
            return words[head.head.lemma_.lower()]  # "his wife, Jane Doe"
        return None

    def gender(self, name: str) -> str | None:
        """"m" or "f" when the document tells (honorific, gendered title or noun), else
        when the first name does; None when neither does or the evidence conflicts."""
        told = self.genders.get(name)
        if told:
            return next(iter(told)) if len(told) == 1 else None
        return self.bare_gender(name) or name_gender(name)

    def bare_gender(self, word: str) -> str | None:
        """The sex of a shared surname that the text uses for one sex only ("Hale runs his
        company" and never "Hale ... her"), else None."""
        after = +self.bare_genders.get(word, Counter())
        return next(iter(after)) if len(after) == 1 else None

    def name_tokens(self, span: Span) -> list[str]:
        """The words of a name, without honorifics, leading titles or a possessive, and
        without the verbs a tagger's entity swallowed ("Entrusting Donald Trump"; in a
        title-case headline "Ferrera Sent Donald" names no one)."""
        verbs = [k for k, t in enumerate(span) if t.pos_ == "VERB" and t.tag_ in _VERB_TAGS]
        if verbs:
            before, after = span[:verbs[0]], span[verbs[-1] + 1:]
            span = before if len(before) > 1 else after if len(after) > 1 and not before else span[0:0]
        dashes = [k for k, t in enumerate(span) if _spaced_dash(t)]
        if dashes:
            # A spaced dash is a break, not part of a name ("Deborah Jordan Reynolds - Santilli's
            # girlfriend"): the words before it, or after it where they are one word or none.
            before, after = span[:dashes[0]], span[dashes[-1] + 1:]
            span = before if len(before) > 1 or len(after) == 0 else after
        words: list[str] = []
        glue = False  # "Reed-Veal", "Karl-Heinz": a hyphen between letters joins one word
        for t in span:
            if t.text == "-" and words and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_:
                words[-1] += "-"
                glue = True
            elif not t.is_punct and not t.is_space:  # ("Ann  Cole": two spaces, a space token between)
                if glue:
                    words[-1] += t.text
                else:
                    words.append(t.text)
                glue = False
        while words and words[-1] in _POSSESSIVE:
            words.pop()
        if words:
            words[-1] = words[-1].removesuffix("'s").removesuffix("’s")
        inner = [k for k, w in enumerate(words[:-1]) if w in _POSSESSIVE or w in ("'s", "’s")]
        if inner:  # "Media Research Center's Bozell": the name is what follows the owner
            words = words[inner[-1] + 1:]
        while len(words) > 1 and (_norm(words[0]) in self.lexicon.honorifics or self.lexicon.past_speech_verb(words[0])
                                  or _norm(words[0]) in self.lexicon.titles
                                  or words[0].lower() in _DEFINITE or not words[0][:1].isupper()
                                  # a role before a full name ("Comedian Sarah Silverman" tagged one name)
                                  or (len(words) > 2 and words[0].lower() in self.lexicon.person_nouns)):
            words.pop(0)
        words = [w for w in words if w]
        if len(words) > 1 and all(w.isupper() for w in words if any(c.isalpha() for c in w)):
            words = [w.title() for w in words]  # "KATE SMITH:" in a transcript is Kate Smith
        return words

    def lookup(self, words: list[str], gender: str | None = None) -> str:
        """Canonical name for the words of a name; unknown names stand for themselves.
        ``gender``: what the words around this mention tell ("Mrs. Clinton": "f"), so a
        lone surname joins the full name of that gender ("Hillary Clinton", not Bill)."""
        surface = " ".join(words)
        if (surface, gender) in self.canonical:
            return self.canonical[(surface, gender)]
        if len(words) == 1:
            gender = gender or self.bare_gender(words[0])
            names = [n for n in self.full_names if n not in self.relatives
                     and (gender is None or self.gender(n) in (None, gender))]
            return self.dominant(words[0], gender) or full_name_for(words[0], names, self.mentions) or surface
        return next((n for n in self.full_names if same_person(n, surface)), surface)

    def genders_after_bare_surnames(self, doc: Doc) -> dict[str, Counter[str]]:
        """For each surname two full names share: the genders of the third-person
        pronouns in the clauses its bare mentions are the subject of ("Trump delivered her
        speech", "Trump says he would pay"), which tell whose surname the text uses."""
        counts: Counter[str] = Counter(n.split()[-1] for n in self.full_names)
        shared = {w for w, k in counts.items() if k > 1}
        found: dict[str, Counter[str]] = {}
        if not shared:
            return found
        features = self.lexicon.pronoun_features
        for tok in doc:
            if tok.text not in shared or tok.dep_ not in _SUBJ_DEPS or (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN"):
                continue
            seen = found.setdefault(tok.text, Counter())
            verb = tok.head
            for pron in verb.subtree:
                f = features.get(pron.lower_)
                if f is None or f.person != 3 or f.gender not in ("m", "f"):
                    continue
                clause = next((a for a in pron.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if clause is not None and (clause.i == verb.i or (clause.dep_ == "ccomp" and clause.head.i == verb.i
                                                                   and pron.dep_ in _SUBJ_DEPS)):
                    seen[f.gender] += 1  # (not "Obama, who she called ...": another clause's subject)
        return found

    def dominant(self, word: str, gender: str | None = None) -> str | None:
        """The full name with surname ``word`` that the text writes out ``DOMINANCE`` times
        as often as any other with that surname (of the right gender): the person the
        article is about ("Ivanka Trump" throughout, her father named now and then) --
        where the pronouns of the bare surname's clauses tell that person's sex more often
        than the other."""
        same = sorted((n for n in self.full_names if n.split()[-1] == word
                       and (gender is None or self.gender(n) in (None, gender))), key=lambda n: -self.in_full[n])
        if len(same) < 2 or self.in_full[same[0]] < DOMINANCE * max(1, self.in_full[same[1]]):
            return None
        told = self.gender(same[0])
        pronouns = self.bare_genders.get(word, Counter())
        other = {"m": "f", "f": "m"}.get(told or "")
        if told is None or other is None or pronouns[other] >= pronouns[told]:
            return None
        return same[0]

    def is_surname(self, word: str) -> bool:
        """Whether a full name the document gives ends in ``word`` ("Scott" with Bobby
        Scott and Tim Scott both named: a person, though which one is not known)."""
        return full_name_for(word, self.full_names) is not None or any(
            n.split()[-1] == word for n in self.full_names)

    def around_nickname(self, ent: Span) -> list[str] | None:
        """'Robert C. “Bobby” Scott', which the tagger cuts at the quotation marks: the
        name the person goes by, the nickname and the surname ("Bobby Scott")."""
        doc = ent.doc
        given = ent[:-1] if ent[-1].is_quote else ent
        i = given.end
        if not len(given) or i >= len(doc) or not doc[i].is_quote:
            return None
        j = i + 1
        while j < len(doc) and j - i <= _NICKNAME_TOKENS and doc[j].is_alpha:
            j += 1
        if j == i + 1 or j >= len(doc) or not doc[j].is_quote:
            return None
        surname = []
        for tok in doc[j + 1:j + 1 + _NICKNAME_TOKENS]:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                break
            surname.append(tok.text)
        return [t.text for t in doc[i + 1:j]] + surname if surname else None

    def add(self, span: Span, words: list[str] | None = None) -> str | None:
        """Index a name (``words``, else the words of ``span``); its canonical form."""
        words = words or self.name_tokens(span)
        if not words or not words[-1][:1].isupper():
            return None
        told = self.told_gender(span)
        name = self.lookup(words, told)
        surface = " ".join(words)
        self.canonical.setdefault((surface, told), name)
        if len(words) > 1 and name == surface and name not in self.full_names:
            self.full_names.append(name)
        if told:
            self.genders.setdefault(name, set()).add(told)
        return name

    def add_title(self, name: str, title: str) -> None:
        titles = self.titles.setdefault(name, [])
        if title not in titles:
            titles.append(title)

    def titles_of(self, ent: Span) -> list[str]:
        """Titles the text gives this mention: before the name, inside it, or in apposition."""
        doc = ent.doc
        found: list[tuple[Span, str]] = []
        lead = [t for t in ent if (_is_title_word(t, self.lexicon) or self._role_in_name(t, ent))
                and _norm(t.text) not in self.lexicon.honorifics]
        start = ent.start
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod") \
                and start <= doc[start - 1].head.i < ent.end and not doc[start - 1].is_punct:
            start -= 1
        words = doc[start:ent.start]
        if lead and lead[0].i == ent.start:
            words = doc[start:lead[-1].i + 1]
        if len(words) and any(_is_title_word(t, self.lexicon) or self._role_in_name(t, ent) for t in words) \
                and _norm(words[-1].text) not in self.lexicon.honorifics:
            found.append((words, words.text))
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and self._role_noun(child):
                span = doc[child.left_edge.i:_before_relative(child)]
                found.append((span, _clean_phrase(span)))
        head = root.head
        role = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and _is_title_word(head, self.lexicon))
        if root.dep_ == "appos" and role and self._role_noun(head):
            # "a retired astronaut, Ann Cole"; "The Commerce Secretary, Ann Cole" (the title
            # capitalised), not another person's name before it.
            span = doc[head.left_edge.i:min(_before_relative(head), ent.start)]
            if not any(t.ent_type_ == "PERSON" for t in span):
                found.append((span, _clean_phrase(span)))
        # (a finite verb means the parse took in a clause: "the doldrums deprive her rivals,
        # Sen."; a plural names a group, not one person's role: "Trump, ... events, 34 delegates")
        return [f for span, f in found if f and len(f.split()) <= _MAX_TITLE_TOKENS and any(c.isalpha() for c in f)
                and not any(c in f for c in _NOT_IN_TITLES) and _balanced(f)
                and not any(t.tag_ in FINITE_TAGS for t in span) and span.root.tag_ not in _PLURAL_TAGS]

    def _role_in_name(self, tok: Token, ent: Span) -> bool:
        """A person noun opening a tagged name of three words or more ("Comedian Sarah
        Silverman"): a role, as ``name_tokens`` reads it."""
        return tok.i == ent.start and len(ent) > 2 and tok.lower_ in self.lexicon.person_nouns

    def _role_noun(self, head: Token) -> bool:
        """The head of an apposition that can be a role ("a retired astronaut", "Commerce
        Secretary", "R-Texas"): a common noun that names no date, number or other entity,
        or a proper noun with a title word ("American Bridge President"); not "CNN",
        "all", "June 28, 2016" or "Rubio"."""
        if _PARTY_STATE.fullmatch(head.doc[head.left_edge.i:head.right_edge.i + 1].text):
            return True
        if head.lower_ == "one" and any(c.lower_ == "of" and any(o.pos_ == "NOUN" for o in c.children)
                                        for c in head.children):
            return True  # "one of the Chinese trade officials"
        if head.ent_type_ in _NOT_ROLE_ENTITIES:
            return False
        if head.pos_ == "PROPN" or head.ent_type_:
            return any(_is_title_word(t, self.lexicon) or t.lemma_.lower() in self.lexicon.person_nouns
                       for t in head.subtree)
        return head.pos_ == "NOUN"


# An apposition naming one of these is no role ("Ms. Tanden, CNN", "Trump, June 28, 2016").
_NOT_ROLE_ENTITIES = frozenset({"PERSON", "GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                                "QUANTITY", "ORDINAL", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
_PARTY_STATE = re.compile(r"[DRI]\s*-\s*\S+")  # "R-Texas", "D-Md.": a legislator's party and state
# A headline label ("Poll: Sanders Burns") or a handle is no title.
_NOT_IN_TITLES = (":", "@")


def _balanced(title: str) -> bool:
    """No quotation mark or bracket left open: "a self-styled “new-media” journalist" is a title,
    "author of “Empire of the" (cut inside a book's name) and a headline's "Mother ‘Absolutely
    Wrong" are not."""
    return (title.count("“") == title.count("”") and title.count("‘") <= title.count("’")
            and title.count('"') % 2 == 0 and title.count("(") == title.count(")"))


def _before_relative(head: Token) -> int:
    """Where the phrase of ``head`` ends before the first relative clause in it ("a broker
    based in Tampa, who represents sellers": "a broker based in Tampa")."""
    for tok in head.subtree:  # (also on a noun inside: "a teacher at the school that hosted")
        if tok.dep_ == "relcl" and tok.i > head.i:
            end = tok.left_edge.i
            while end > head.i + 1 and head.doc[end - 1].is_punct:
                end -= 1
            return end
    return head.right_edge.i + 1


def _clean_phrase(span: Span) -> str:
    toks = list(span)
    while toks and ((toks[-1].is_punct and toks[-1].text != "%") or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return ""
    text = " ".join(span.doc[toks[0].i:toks[-1].i + 1].text.split())  # (one space between words)
    if toks[0].pos_ in ("DET", "PRON") and toks[0].is_sent_start:
        text = text[:1].lower() + text[1:]  # "A person familiar ..." opens its sentence
    return text




class Resolver:
    """Turns speaker mentions of one document into canonical speakers."""

    def __init__(self, doc: Doc, lexicon: Lexicon, coreference: Callable[[Doc], Doc] | None = None,
                 window: int = 6, quoted: Sequence[tuple[int, int]] = ()) -> None:
        """``coreference``: coreferee's component, run (``_window``) on just the sentences a
        pronoun speaker needs when the whole document has no chains yet.
        ``quoted``: character ranges of the quoted passages; a speaker pronoun outside
        them never stands for a mention inside them."""
        self.doc = doc
        self.quoted = sorted(quoted)
        self._quoted_starts = [q[0] for q in self.quoted]
        self._paragraphs: Paragraphs | None = None
        self._referents: dict[int, Referent | None] = {}
        self._written_counts: list[int] | None = None
        self._ent_of: dict[int, Span] | None = None
        self.lexicon = lexicon
        self.coreference = coreference
        self.window = window
        self._windows: list[tuple[int, int, Doc]] = []  # (start, end, coreferee's parse of doc[start:end])
        self.names = NameIndex.build(doc, lexicon)
        self.descriptions: dict[str, str] = {}  # head lemma -> first full description
        self.kinds: dict[str, str] = {}
        self.recent: list[tuple[int, Speaker]] = []  # speakers so far, by position

    # -- public

    def resolve(self, mention: Span) -> Speaker:
        speaker = self._resolve(mention)
        if speaker.method != "unresolved" and (speaker.name.lower() in self.lexicon.non_speakers
                                               or _is_dateline(mention)):
            # "his", "some", "everyone", "WASHINGTON —": never a speaker's name.
            speaker = Speaker(mention.text, "unknown", "unresolved")
        self.kinds.setdefault(speaker.name, speaker.kind)
        self.recent.append((mention.start_char, speaker))
        return speaker

    def titles(self, name: str) -> tuple[str, ...]:
        return tuple(self.names.titles.get(name, ()))

    # -- cases

    def _resolve(self, mention: Span) -> Speaker:
        head = mention.root
        # (a role joined to the first name stands for the name after it: "Bolton and editor Sebastian Gorka")
        parts = [head] + [role_name(c) or c for c in head.conjuncts
                          if mention.start <= c.i < mention.end and c.i > head.i]
        if len(parts) > 1:
            # "Mr. Grassley and Mr. Leahy said": a joint speaker.
            speakers = [self._described(expand_mention(p), "mention") for p in parts]
            names = list(dict.fromkeys(sp.name for sp in speakers))
            kinds = {sp.kind for sp in speakers}
            return Speaker(" and ".join(names), kinds.pop() if len(kinds) == 1 else "unknown", "mention")
        if head.ent_type_ in _TIME_LABELS and head.lemma_.lower() not in self.lexicon.organisations:
            # "Wednesday", "the coming days": a time is no speaker ("the daily" is a newspaper)
            return Speaker(mention.text, "unknown", "unresolved")
        shouted = self._shouted_name(mention)
        if shouted is not None:
            return Speaker(shouted, "person", "mention")
        if (head.pos_ in ("ADJ", "DET") or (head.pos_ == "PRON" and any(t.dep_ == "acl" for t in mention)
                                            and not self._is_pronoun(head))) and head.is_alpha:
            # "Many said", "most said", "the influential US daily wrote": a group or source
            # named by a quantifier or adjective.
            return Speaker(_clean_phrase(mention), "anonymous", "mention")
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") \
                and head.lemma_.lower() not in self.lexicon.organisations:
            if len(mention) == 1 and head.text[:1].isupper() and not head.is_sent_start:
                # "“…,” From said" after "Al From": a surname the tagger took for a word
                known = self.names.lookup([head.text])
                if known in self.names.full_names:
                    return Speaker(known, "person", "mention")
            return Speaker(mention.text, "unknown", "unresolved")  # a mangled parse ("daily" tagged ADV is none)
        if self._is_pronoun(head):
            return self._pronoun(head, mention)
        return self._described(mention, "mention")

    def _described(self, mention: Span, method: str, holders: bool = True) -> Speaker:
        head = mention.root
        lemma = head.lemma_.lower()
        proper = _is_proper_noun(head)
        ents = self._ents_in(mention)
        person = next((e for e in ents if e.label_ == "PERSON" and head.i in range(e.start, e.end)), None)
        if person is None and proper:
            person = next((e for e in ents if e.label_ == "PERSON"), None)
        if person is None:
            # "Deborah Reynolds - Tom Hale's girlfriend - told": the name before a spaced dash
            # (the tagger may run one name on through the dash into the next).
            doc = mention.doc
            phrase = doc[min(mention.start, head.left_edge.i):mention.end]  # (the mention stops at the dash)
            lead = self._entity(doc[phrase.start])
            lead = lead if lead is not None and lead.label_ == "PERSON" and lead.start == phrase.start else None
            dash = next((t for t in phrase if _spaced_dash(t, ("-", *DASHES))), None)
            if lead is not None and dash is not None and lead.start + 1 < dash.i <= lead.end:
                person = doc[lead.start:dash.i]
        if person is None and lemma not in self.lexicon.anonymous:
            # "co-host Stu Burguiere": a role before the name (not "the wife of Mark Hill", nor
            # "candidates like Donald Trump", "senators such as Ann Cole": a group, by an example).
            markers = self.lexicon.example_markers
            person = next((e for e in ents if e.label_ == "PERSON" and e.end == mention.end
                           and not any(t.lower_ == "of" or (t.dep_ == "prep" and t.lower_ in markers)
                                       for t in mention.doc[min(head.i, e.start):e.start])), None)
        if person is None:
            # "Fox News’s Ed Henry" tagged as one organisation: the person after the owner.
            person = next((p for p in self.names.owned if p.start <= head.i < p.end), None)
        if person is None and (not proper or _is_title_word(head, self.lexicon)):
            # "The French interior minister, Bernard Cazeneuve, said": the name in apposition
            # ("One Republican hopeful, Carly Fiorina, said", the name tagged ORG; "The
            # Commerce Secretary, Ann Cole, said", the title capitalised).
            person = next((e for c in head.children if c.dep_ == "appos" and not _after_colon(head, c)
                           for e in [self._entity(c)] if e is not None
                           and (e.label_ == "PERSON" or self.names.looks_like_person(e))), None)
            if person is None and lemma in self.lexicon.gendered_words:
                # "Schilling's son, Grant, said": a first name alone beside a word for a
                # relative, whatever the tagger made of it.
                person = next((head.doc[c.i:c.i + 1] for c in head.children if c.dep_ == "appos"
                               and c.pos_ == "PROPN" and c.left_edge.i == c.right_edge.i == c.i
                               and c.lower_ in self.lexicon.first_names), None)
        if person is None and not proper and head.tag_ == "NN":
            # "said lobbyist and GOP strategist Charlie Black", "his best friend at Lehigh,
            # Bruce Turry", "Deborah Reynolds - Santilli's girlfriend - told": a person
            # named beside the role, joined to it by apposition or coordination.
            near = [t for t in head.doc[max(0, mention.start - 8):min(len(head.doc), mention.end + 8)]
                    if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"]
            person = next((e for t in near for e in [self._entity(t)]
                           if e is not None and _in_apposition(head, e.root)), None)
            if person is None:
                person = self._name_after_description(mention)
        if person is not None:
            end = person.end
            while end < mention.end and mention.doc[end].pos_ == "PROPN" and mention.doc[end].text[:1].isupper():
                end += 1  # "Jane Doe" where the tagger's entity stopped at "Jane"
            return Speaker(self._person_name(mention.doc[person.start:end]), "person", method)
        if _is_title_word(head, self.lexicon) and head.ent_type_ not in ("PERSON", *_ORG_LABELS) \
                and not any(e.label_ == "PERSON" for e in ents) and not self.names.is_surname(head.text) \
                and not any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in head.children):
            # "The President said", "the former CEO of Hewlett-Packard added": a role with
            # no name is a description of a person, not a person called "President" ...
            described = self._description(mention)
            holder = self._title_holder(mention) if holders and described == _clean_phrase(mention) else None
            if holder is not None:
                return Speaker(holder, "person", method)  # ... unless one person holds it
            return Speaker(described, "anonymous", method)
        if head.ent_type_ == "NORP" and mention[0].i < head.i and mention[0].pos_ in ("DET", "NUM") \
                and (mention[0].lower_ not in _DEFINITE or head.tag_ == "NNP"):
            # "another Ohio Democrat", "two Republicans": members of a group, not the group;
            # "the Wisconsin Republican": one of them.
            return Speaker(_clean_phrase(mention), "anonymous", method)
        if proper and lemma not in self.lexicon.organisations and head.ent_type_ not in ("GPE", "LOC", "FAC"):
            # A name the document gives a person, whatever the tagger made of this mention
            # ("Lutnick" or "Carly Fiorina" tagged ORG).
            known = self.names.lookup(self.names.name_tokens(mention))
            if known in self.names.full_names:
                return Speaker(known, "person", method)
        if lemma in self.lexicon.organisations and not proper:
            owner = next((c for c in head.children if c.dep_ in ("compound", "poss") and _is_proper_noun(c)
                          and (self._names_a_person(c) or (lemma in self.lexicon.person_organisations
                               and c.ent_type_ not in ("GPE", "NORP", "LOC")))), None)
            if owner is not None:
                # "the Trump campaign", "Clinton's campaign": an organisation named after a
                # person, never the person.
                words = self.names.name_tokens(expand_mention(owner))
                if words:
                    return Speaker(f"{' '.join(words)} {head.text.lower()}", "organisation", method)
        if head.ent_type_ in _ORG_LABELS and proper and lemma not in self.lexicon.anonymous:
            # (the entity may reach past the mention: "United States Citizenship and
            # Immigration Services", parsed as a coordination)
            org = _closest_org(ents, head) or self._whole_org(head)
            words = self.names.name_tokens(org) if org is not None else []
            if len(words) == 1 and self.names.is_surname(words[0]):
                # "Scott" tagged ORG where the text names Bobby Scott and Tim Scott.
                return Speaker(self.names.lookup(words, self.names.told_gender(mention)), "person", method)
            if org is not None and self.names.lookup(words) not in self.names.full_names:
                return Speaker(_org_name(org), "organisation", method)
        if (proper or head.text[:1].isupper()) and head.ent_type_ != "PERSON":
            # "Lutnick said" with Lutnick tagged ORG: a surname the document already names
            # (also opening a sentence, where the tagger may call it a common noun).
            words = self.names.name_tokens(mention)
            known = self.names.lookup(words) if len(words) == 1 else None
            if known in self.names.full_names:
                return Speaker(known, "person", method)
        if proper or (head.ent_type_ and head.ent_type_ not in _TIME_LABELS):
            org = _closest_org(ents, head)
            if org is not None and lemma not in self.lexicon.anonymous:
                return Speaker(_org_name(org), "organisation", method)
            if proper:
                words = self.names.name_tokens(mention)
                name = self.names.lookup(words) if words else mention.text
                kind = "person" if name in self.names.full_names or len(words) >= 2 else self.kinds.get(name, "person")
                return Speaker(name, kind, method)
        if head.pos_ == "NOUN" and mention[0].lower_ in _DEFINITE:
            # "The company, Solent Link, said": the organisation named in apposition (tagged
            # one, or a name the tagger missed after an organisation noun).
            for c in head.children:
                if c.dep_ != "appos" or c.i < head.i:
                    continue
                e = self._entity(c)
                if e is not None and e.label_ == "ORG" and not self.names.looks_like_person(e):
                    return Speaker(_org_name(e), "organisation", method)
                if e is None and c.pos_ == "PROPN" and lemma in self.lexicon.organisations:
                    return Speaker(_clean_phrase(c.doc[c.left_edge.i:c.i + 1]), "organisation", method)
        if lemma in self.lexicon.organisations:
            org = _closest_org(ents, head)
            if org is not None and not (org.label_ in ("GPE", "NORP") and org.root.head.i == head.i):
                # (a place or nationality modifying the noun, "the influential US daily", is
                # no name of the organisation)
                return Speaker(_org_name(org), "organisation", method)
            return Speaker(self._description(mention), "organisation", method)
        known = self.names.lookup([head.text]) if head.text[:1].isupper() else None
        if known in self.names.full_names:
            return Speaker(known, "person", method)  # "Trump" tagged NOUN
        if head.pos_ in ("NOUN", "PROPN", "NUM"):
            # A description that is not an organisation is an unnamed person or group
            # ("Of the delegates, 39 have said").
            kind = "anonymous"
            name = self._description(mention)
            return Speaker(name, kind, "description" if name != mention.text else method)
        if head.pos_ == "PRON" and head.is_alpha and any(
                c.dep_ in ("prep", "acl", "relcl", "amod") for c in head.children) and not any(
                c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "PRON" for o in c.children)
                for c in head.children):
            # "some of his supporters", "someone in the audience", "those close to him":
            # a group or person described, not named.
            return Speaker(_clean_phrase(mention), "anonymous", method)
        # "both of whom", "all of them", "nothing": a quantifier names no one.
        return Speaker(mention.text, "unknown", "unresolved")

    def _name_after_description(self, mention: Span) -> Span | None:
        """"his best friend at Lehigh, Bruce Turry", where the tagger took "Lehigh, Bruce
        Turry" for one organisation: a first and last name in apposition to a noun of the
        description, right after it."""
        doc = mention.doc
        inside = {t.i for t in mention.root.subtree if mention.start <= t.i < mention.end}
        for t in doc[mention.end:min(len(doc), mention.end + 4)]:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.i in inside:
                start = min([t.i] + [c.i for c in t.children if c.dep_ == "compound"])
                if self.names.first_and_last(doc[start:t.i + 1]):
                    return doc[start:t.i + 1]
        return None

    def _shouted_name(self, mention: Span) -> str | None:
        """A name in capitals, as transcripts label their speakers ("KATE SMITH:", later
        "SMITH:"), which the tagger seldom sees as a name: two or three words opening
        with a known first name, or one word that is the surname of such a name."""
        words = [t.text for t in mention]
        if not words or not all(w.isalpha() and w.isupper() and len(w) > 1 for w in words) or len(words) > 3:
            return None
        titled = [w.title() for w in words]
        if len(titled) == 1:
            known = self.names.lookup(titled)
            return known if known in self.names.full_names else None
        return self.names.add(mention, titled) if self.names.first_and_last(mention) else None

    def _title_holder(self, mention: Span) -> str | None:
        """"the senator" where the document calls exactly one person "Sen.", "Senator" or
        "Florida Sen.": that person. Only a bare "the" + title: "the next president" is no
        one yet."""
        if len(mention) != 2 or mention[0].lower_ != "the":
            return None
        words = self.lexicon.title_words
        word = _norm(mention[1].text)
        wanted = words.get(word, word)
        holders = [name for name, titles in self.names.titles.items()
                   if any(words.get(w, w) == wanted for t in titles for w in [_norm(t.split()[-1])] if t.split())]
        return holders[0] if len(holders) == 1 else None

    def _names_known_person(self, tok: Token) -> bool:
        """The last word of a run of proper nouns that is a full name the document gives
        elsewhere ("Ivanka Trump strode across the stage", where the tagger saw no name)."""
        doc = tok.doc
        if tok.pos_ != "PROPN" or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            return False
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and tok.i - start < 3:
            start -= 1
        if start == tok.i:
            return False
        return self.names.lookup(self.names.name_tokens(doc[start:tok.i + 1])) in self.names.full_names

    def _names_a_person(self, tok: Token) -> bool:
        """"Trump" in "the Trump campaign": a person's name (not "China" in "China's
        official Xinhua news agency")."""
        ent = self._entity(tok)
        if ent is not None and ent.label_ == "PERSON":
            return True
        return self.names.lookup(self.names.name_tokens(expand_mention(tok))) in self.names.full_names

    def _person_name(self, ent: Span) -> str:
        words = self.names.name_tokens(ent)
        return self.names.lookup(words, self.names.told_gender(ent)) if words else ent.text

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

    def _window(self, pronoun: Token) -> tuple[int, Doc] | None:
        """coreferee's parse of the pronoun's sentence and the ``window`` sentences before
        it, made when a pronoun first needs it (most never do: salience alone decides them,
        see ``quotes.pronouns.choose``), and reused by a later pronoun that it covers.
        coreferee's cost grows faster than the length of what it reads, so it never reads
        more than that."""
        if self.coreference is None:
            return None
        starts = sentence_index(self.doc).starts
        k = self._sentence_of(pronoun.i)
        start, end = starts[max(0, k - self.window)], starts[k + 1]
        for s, e, window in self._windows:
            if s <= start and end <= e:
                return s, window
        t0 = time.perf_counter()
        window = self.coreference(self.doc[start:end].as_doc())
        STAGE_SECONDS["coreferee"] += time.perf_counter() - t0
        self._windows.append((start, end, window))
        return start, window

    def _document_chains(self) -> Any:
        """coreferee's chains for the whole document, when it ran on it."""
        return self.doc._.coref_chains if self.doc.has_extension("coref_chains") else None

    def _is_pronoun(self, tok: Token) -> bool:
        return tok.lower_ in self.lexicon.pronouns and tok.pos_ == "PRON"

    def _antecedents(self, pronoun: Token) -> list[Token] | None:
        """What coreferee says the pronoun stands for: from the document's own chains
        when coreferee ran on it, else from the window ``_window`` ran it on for this pronoun."""
        try:
            chains = self._document_chains()
            if chains is not None:
                return chains.resolve(pronoun)
            found = self._window(pronoun)
            if found is None:
                return None
            start, window = found
            resolved = window._.coref_chains.resolve(window[pronoun.i - start])
        except (IndexError, KeyError, ValueError):
            return None
        return [self.doc[t.i + start] for t in resolved] if resolved else None

    def _pronoun(self, pronoun: Token, mention: Span) -> Speaker:
        """What a pronoun speaker stands for (``quotes.pronouns``): coreferee's antecedent
        when it passes the constraints, else the most salient compatible candidate before
        it, else unresolved. First person outside quotation marks ("“Okay,” I said",
        "as we reported") is the article's writer; second person ("you said") is the
        reader: unresolved."""
        features = self.lexicon.pronoun_features.get(pronoun.lower_)
        first = (features is not None and features.person == 1) or pronoun.morph.get("Person") == ["1"]
        if first and not self._is_quoted(pronoun):
            return Speaker(WRITER, "writer", "writer")
        if features is None or features.person != 3 or pronoun.morph.get("Person") in (["1"], ["2"]):
            return Speaker(pronoun.text, "unknown", "unresolved")
        bound = self._described_by_its_clause(pronoun)

        def antecedents() -> list[Referent]:  # run only when coreferee can change the answer
            return [r for t in self._antecedents(pronoun) or []
                    if t.lower_ not in self.lexicon.pronouns and not self._is_quoted(t) and t.i < pronoun.i
                    for r in [self._referent(t)] if r is not None and r.speaker.name not in bound]

        sentence = self._sentence_of(pronoun.i)
        recent = [sp.name for _, sp in self.recent if sp.method != "unresolved"]
        chosen, method = choose(features, antecedents, self._candidates(pronoun, sentence, bound), sentence, recent,
                                self._paragraph_of(pronoun.idx), pronoun.dep_ in _SUBJ_DEPS, _joined_subject(pronoun))
        if not chosen:
            return Speaker(pronoun.text, "unknown", "unresolved")
        if len(chosen) == 1:
            sp = chosen[0].speaker
            if sp.kind == "anonymous":
                # "the judge did not go along. He refused ...": the one person the document
                # calls Judge, where there is one.
                holder = self._title_holder(expand_mention(self.doc[chosen[0].position]))
                if holder is not None:
                    return Speaker(holder, "person", method)
            return Speaker(sp.name, sp.kind, method)
        names = list(dict.fromkeys(r.speaker.name for r in chosen))
        kinds = {r.speaker.kind for r in chosen}
        return Speaker(" and ".join(names), kinds.pop() if len(kinds) == 1 else "unknown", method)

    # -- pronoun helpers

    def _is_quoted(self, tok: Token) -> bool:
        k = bisect.bisect_right(self._quoted_starts, tok.idx) - 1
        return k >= 0 and self.quoted[k][0] <= tok.idx < self.quoted[k][1]

    def _written(self) -> list[int]:
        """For each sentence, how many sentences up to it the writer wrote: a sentence
        wholly inside quotation marks (a long quotation's middle) names no candidate and
        does not count in a pronoun's window (distances still count every sentence: the
        weights were fitted so)."""
        if self._written_counts is None:
            index = sentence_index(self.doc)
            counts, n = [], 0
            for k in range(len(index.starts) - 1):
                first = self.doc[index.starts[k]]
                last = self.doc[index.starts[k + 1] - 1]
                q = bisect.bisect_right(self._quoted_starts, first.idx) - 1
                n += not (q >= 0 and self.quoted[q][0] <= first.idx and last.idx < self.quoted[q][1] + 1)
                counts.append(n)
            self._written_counts = counts
        return self._written_counts

    def _window_start(self, sentence: int) -> int:
        """The first of the ``CANDIDATE_SENTENCES`` written sentences before ``sentence``
        (no further back than ``_MAX_WINDOW`` sentences in all)."""
        written = self._written()
        k, counted = sentence, 0
        while k > max(0, sentence - _MAX_WINDOW) and counted < CANDIDATE_SENTENCES:
            k -= 1
            counted += written[k] - (written[k - 1] if k > 0 else 0)
        return k

    def _sentence_of(self, i: int) -> int:
        return sentence_index(self.doc).number[i]

    def _paragraph_of(self, char: int) -> int:
        if self._paragraphs is None:
            self._paragraphs = Paragraphs(self.doc.text)
        return self._paragraphs.number(char)

    def _entity(self, tok: Token) -> Span | None:
        if self._ent_of is None:
            self._ent_of = {t: e for e in self.doc.ents for t in range(e.start, e.end)}
        return self._ent_of.get(tok.i)

    def _whole_org(self, head: Token) -> Span | None:
        """The organisation entity around ``head`` where it is a name ("United States
        Citizenship and Immigration Services"), not a headline the tagger ran together
        ("Survivors Explain Why Clinton Offers ...") nor a title and a person after it."""
        ent = self._entity(head)
        if ent is None or len(ent) > 8 or any(
                t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" or t.lower_ in self.lexicon.titles
                or (t.is_punct and t.text not in ("-", "&", ".")) for t in ent):
            return None
        return ent

    def _ents_in(self, span: Span) -> list[Span]:
        """``span.ents`` through the token map (``Span.ents`` walks every entity of the Doc)."""
        found: list[Span] = []
        for t in range(span.start, span.end):
            ent = self._entity(span.doc[t])
            inside = ent is not None and ent.start >= span.start and ent.end <= span.end
            if inside and (not found or found[-1] is not ent):
                found.append(ent)
        return found

    def _person_entity(self, tok: Token) -> Span | None:
        """The PERSON entity a mention names: the token's own, or the name it stands in
        apposition to or qualifies ("Eswar Prasad, a professor ...";
        "Majority Leader Mitch McConnell")."""
        for t in (tok, tok.head if tok.dep_ in ("appos", "compound") else None,
                  *(c for c in tok.children if c.dep_ == "appos")):
            ent = self._entity(t) if t is not None else None
            if ent is not None and ent.label_ == "PERSON" and (len(ent) > 1 or ent[0].tag_ in ("NNP", "NNPS")):
                return ent  # not "Conceding" opening a sentence, tagged as a name
        lemma = tok.lemma_.lower()
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and (lemma in self.lexicon.person_nouns
                                                                or lemma in self.lexicon.titles):
            # "Eswar Prasad, a professor at Cornell": a name the tagger took for an
            # organisation is a person's when a person noun stands in apposition to it.
            ent = self._entity(tok.head)
            return ent if ent is not None and ent.root.i == tok.head.i else expand_mention(tok.head)
        return None

    def _referent(self, tok: Token) -> Referent | None:
        """What a mention token stands for, with what a pronoun needs to know of it; made
        once per token (the sentences before one pronoun are those before the next)."""
        if tok.i not in self._referents:
            self._referents[tok.i] = self._make_referent(tok)
        return self._referents[tok.i]

    def _make_referent(self, tok: Token) -> Referent | None:
        method = "mention"  # the pronoun's own method (coreference or salience) is set by _pronoun
        sentence = self._sentence_of(tok.i)
        paragraph = self._paragraph_of(tok.idx)
        subject = tok.dep_ in _SUBJ_DEPS and not self._reported(tok)
        main = subject and tok.head.dep_ == "ROOT"
        ent = self._person_entity(tok)
        if ent is not None:
            # One person, even when coordinated ("Ms. Okafor and Mr. Brandt met"): each name
            # is a candidate of its own; "they" gets both from coreferee.
            name = self._person_name(ent)
            subject = subject or (ent.root.dep_ == "conj" and ent.root.head.dep_ in _SUBJ_DEPS)
            return Referent(Speaker(name, "person", method), self.names.gender(name), True, False, True,
                            tok.i, sentence, subject, paragraph, main)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        # A pronoun's candidate is the description itself ("the senator"), not its holder.
        speaker = self._described(expand_mention(tok), method, holders=False)
        lemma = tok.lemma_.lower()
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
        if speaker.kind == "person":
            # A capitalised word is a named person only when the document names a person so
            # ("Lutnick" after "Howard Lutnick") or quoted it as one ("..., Elleithee said");
            # "Twitter" or "EDGE" is no one's name.
            named = speaker.name in self.names.full_names or any(
                sp.name == speaker.name and sp.kind == "person" and sp.method == "mention" for _, sp in self.recent)
            return Referent(speaker, self.names.gender(speaker.name), named, plural and not named, named, tok.i,
                            sentence, subject, paragraph, main)  # "Hendricks" (tagged plural) is one person
        lex = self.lexicon
        if tok.tag_ == "NNPS" and lemma.endswith("s"):
            lemma = lemma[:-1]  # the tagger leaves "Republicans" as it is
        person = speaker.kind == "anonymous" and (lemma in lex.person_nouns or lemma in lex.titles
                                                 or lemma in lex.anonymous or lemma in lex.gendered_words)
        return Referent(speaker, lex.gendered_words.get(lemma), person, plural, False, tok.i, sentence, subject,
                        paragraph, main)

    def _described_by_its_clause(self, pronoun: Token) -> set[str]:
        """"Megyn Kelly, who he claims has been unfair": the subject of a relative clause's
        verb never stands for the one the clause describes (their names); deeper in the
        clause it may ("Deja Stewart, who ... when she called him ...")."""
        verb = pronoun.head
        ref = self._referent(verb.head) if verb.dep_ == "relcl" and pronoun.dep_ in _SUBJ_DEPS else None
        return {ref.speaker.name} if ref is not None else set()

    def _candidates(self, pronoun: Token, sentence: int, bound: set[str]) -> list[Referent]:
        """Mentions before the pronoun, in its sentence and the few before it, outside
        quotation marks: named people and organisations, and the subjects of clauses; none
        of those named in ``bound`` (``_described_by_its_clause``)."""
        start = sentence_index(self.doc).starts[self._window_start(sentence)]
        found: list[Referent] = []
        seen: set[int] = set()
        for tok in self.doc[start:pronoun.i]:
            ent = self._entity(tok)
            is_ent_head = ent is not None and tok.i == ent.root.i and ent.label_ in ("PERSON", *_ORG_LABELS)
            if not is_ent_head and not (tok.dep_ in _SUBJ_DEPS and tok.pos_ in ("NOUN", "PROPN")) \
                    and not self._names_known_person(tok):
                continue
            if tok.i in seen or self._is_quoted(tok) or tok.lower_ in self.lexicon.pronouns:
                continue
            seen.add(tok.i)
            ref = self._referent(tok)
            if ref is not None:
                found.append(ref)
                joint = self._joint_referent(tok, ref) if tok.dep_ in _SUBJ_DEPS else None
                if joint is not None:
                    found.append(joint)
        return [r for r in found if r.speaker.name not in bound]

    def _reported(self, tok: Token) -> bool:
        """``tok`` is inside what someone is reported to say ("Trump said Clinton was
        lying"): the subject there is not the one the next sentences are about."""
        node = tok.head
        while node.dep_ not in ("ROOT", "") and node.head.i != node.i:
            if node.dep_ == "ccomp":
                cue = self.lexicon.cue_verbs.get(node.head.lemma_.lower())
                if cue is not None and cue.kind == "speech":
                    return True
            node = node.head
        return False

    def _joint_referent(self, tok: Token, first: Referent) -> Referent | None:
        """"Ms. Cole and Mr. Reyes say ...": the people a coordinated subject names, one
        plural candidate for "they" (each of them is a candidate for "he" or "she")."""
        parts = [first] + [self._referent(c) for c in tok.conjuncts if c.i > tok.i]
        if len(parts) < 2 or any(p is None or p.speaker.kind != "person" or p.plural for p in parts):
            return None
        names = list(dict.fromkeys(p.speaker.name for p in parts if p is not None))
        if len(names) < 2:
            return None  # ("Ms. Cole and Cole": one person)
        return Referent(Speaker(" and ".join(names), "person", "mention"), None, True, True, True, tok.i,
                        first.sentence, True, first.paragraph)


def _joined_subject(pronoun: Token) -> int | None:
    """The subject of the clause a pronoun subject's clause is joined to ("McAuliffe has said
    ..., but he refuses ..."): its token index."""
    verb = pronoun.head
    if pronoun.dep_ not in _SUBJ_DEPS or verb.dep_ != "conj":
        return None
    first = next((c for c in verb.head.children if c.dep_ in _SUBJ_DEPS), None)
    return first.i if first is not None else None


_MAX_WINDOW = 4 * CANDIDATE_SENTENCES  # sentences a pronoun's window spans at most, quoted ones included

_DATELINE_MARKS = ("—", "–", "-", "--", "(")


def _is_dateline(mention: Span) -> bool:
    """"WASHINGTON —", "BEIJING (Reuters)", "WASHINGTON, Aug. 24 (UPI) —": a place in
    capitals opening a paragraph."""
    doc = mention.doc
    if not (mention.text.isupper() and len(mention.text) > 2 and mention[0].is_sent_start
            and mention.end < len(doc)):
        return False
    after = doc[mention.end].text
    return after in _DATELINE_MARKS or (after == "," and mention.root.ent_type_ in ("GPE", "LOC"))


_APPOSITION_DEPS = ("appos", "conj")


def _in_apposition(a: Token, b: Token) -> bool:
    """One of the two tokens hangs on the other through apposition or coordination only
    ("lobbyist and strategist Charlie Black", "his best friend, Bruce Turry"), not through
    a preposition or a compound ("the wife of Charlie Black", "a Donald Trump adviser"),
    nor across a colon ("RAMOS: Secretary Clinton, …": a speaker and whom he addresses)."""
    if _after_colon(min(a, b, key=lambda t: t.i), max(a, b, key=lambda t: t.i)):
        return False
    for low, high in ((a, b), (b, a)):
        tok = low
        while tok.dep_ in _APPOSITION_DEPS and tok.head.i != tok.i:
            tok = tok.head
            if tok.i == high.i:
                return True
    return False


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
