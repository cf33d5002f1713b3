"""Load the rule data in ``rules/`` (installed as ``quotes.rules``) into typed tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a rule file."""
    text = resources.files("quotes.rules").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines(name))


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    kind: str  # "speech", "belief", "stance", "impression" or "direct"
    complements: frozenset[str]  # dependency labels that carry the content
    listener: bool = False  # its object is the person spoken to ("told reporters")
    # Prepositions whose phrase carries the content ("described X as ...", "is seen as ...").
    preps: frozenset[str] = frozenset()
    # An agentless passive ("is expected to", "was named", "is seen as") attributes
    # its content to no one in particular: a quote whose speaker is unknown.
    passive: bool = False
    # Also means "pose a risk": as a participle on another verb ("clamped down on exports,
    # threatening to shut down plants") it is no stated intention.
    risk: bool = False
    # With --scope all, its direct object is content too ("announced his candidacy").
    object_content: bool = False
    # A stance verb that names: its object alone states nothing ("called both candidates":
    # a phone call), only with what the object is called or a phrase of ``preps``.
    naming: bool = False
    # A stance verb whose object is a feeling or a position ("expressed concern that ..."):
    # where that object has a "that" clause, the clause is what the speaker holds.
    noun_clause: bool = False


@dataclass(frozen=True)
class CueNoun:
    lemma: str
    kind: str  # "speech" or "stance"
    complements: frozenset[str]  # dependency labels that carry the content
    preps: frozenset[str]  # prepositions whose phrase carries it ("support for X")


@dataclass(frozen=True)
class QuoteMark:
    glyph: str
    role: str  # "open", "close" or "either"


@dataclass(frozen=True)
class PronounFeatures:
    """What a pronoun can stand for (``rules/pronouns.txt``)."""

    person: int  # 1, 2 or 3
    gender: str  # "m", "f", "n" (a thing or organisation) or "-" (any)
    number: str  # "sg", "pl" or "-"


@dataclass(frozen=True)
class ReportingVerbs:
    """The measured decisions of ``rules/reporting_verbs.txt``."""

    clause: frozenset[str]  # verbs outside cue_verbs.txt that report a clause ("predicted that")
    clause_listed: frozenset[str]  # every clause lemma the table decides on, yes or no
    clause_default: bool  # the "*" row: whether an unlisted verb of that shape reports
    # (lemma, shape) rows of the shapes whose object is content ("object", "named",
    # "pronoun", "organisation", "predicate", "poll", "aside":
    # ``quotes.attribute.measured_shapes``) switched on for
    # --scope speech: "praised X" in any shape, "supported X" where someone named supports
    objects: frozenset[tuple[str, str]] = frozenset()
    # belief verbs of cue_verbs.txt whose clause is seldom an attribution ("we know that ..."):
    # in --scope speech reported only where they quote words
    quiet_beliefs: frozenset[str] = frozenset()

    @property
    def stances(self) -> frozenset[str]:
        """Verbs whose object is reported in --scope speech whatever the subject ("praised X")."""
        return frozenset(lemma for lemma, shape in self.objects if shape == "object")

    def reports_object(self, lemma: str, shapes: list[str]) -> bool:
        """Whether ``lemma`` reports its object in --scope speech in one of ``shapes``
        (``quotes.attribute.measured_shapes``)."""
        return any((lemma, shape) in self.objects for shape in shapes)

    def reports_clause(self, lemma: str) -> bool:
        return lemma in self.clause or (self.clause_default and lemma not in self.clause_listed)


@dataclass(frozen=True)
class Lexicon:
    cue_verbs: dict[str, CueVerb]
    cue_nouns: dict[str, CueNoun]
    light_verbs: frozenset[str]  # "made the claim that": the noun's speaker is the verb's subject
    document_nouns: frozenset[str]  # "a statement", "a tweet": carry the words of whoever issued them
    receiving_verbs: frozenset[str]  # "an email obtained by X": X did not make it
    tough_adjectives: frozenset[str]  # "hard to predict": the subject is what is predicted, not who
    source_phrases: tuple[tuple[str, ...], ...]
    idioms: tuple[tuple[str, ...], ...]  # "all told", "goes without saying": no one reported
    poll_nouns: frozenset[str]  # "poll", "survey": "In a Marist poll, 50 percent chose ..."
    answers: tuple[tuple[str, ...], ...]  # "yes", "the same": what a verb of speech reports for a clause
    honorifics: frozenset[str]
    titles: frozenset[str]
    abbreviations: tuple[str, ...]  # titles written with a full stop ("Capt."), one token each
    title_words: dict[str, str]  # short form of a title word -> the word ("sen" -> "senator")
    anonymous: frozenset[str]
    organisations: frozenset[str]
    person_organisations: frozenset[str]  # organisations named after a person ("campaign")
    pronouns: frozenset[str]
    pronoun_features: dict[str, PronounFeatures]
    gendered_words: dict[str, str]  # "mrs" -> "f", "congressman" -> "m"
    first_names: dict[str, str]  # "hillary" -> "f"
    nicknames: dict[str, frozenset[str]]  # "bill" -> {"william", ...}: first names of one person
    person_nouns: frozenset[str]  # head nouns a description of one person can have
    non_speakers: frozenset[str]  # words that never name a speaker ("his", "some", "everyone")
    connectives: frozenset[str]
    continuing_marks: frozenset[str]  # "because": a clause on the reporting verb that goes on with what was said
    example_markers: frozenset[str]  # "like", "including": a named member of a group, not its speaker
    work_titles: tuple[str, ...]  # "author of", "book": a quotation after one is a title, not a quote
    quote_continuations: frozenset[str]  # "and", "if": after a closing mark, more of what was said
    quote_marks: tuple[QuoteMark, ...]
    single_quote_marks: tuple[QuoteMark, ...]  # where a document quotes with single marks
    reporting: ReportingVerbs

    def cue_verb(self, lemma: str, particles: Iterable[str] = ()) -> CueVerb | None:
        """The cue verb ``lemma`` is, or the phrasal verb it makes with one of its particles
        ("point out", "lay out": listed with a space in ``rules/cue_verbs.txt``), which wins."""
        for particle in particles:
            phrasal = self.cue_verbs.get(f"{lemma} {particle}")
            if phrasal is not None:
                return phrasal
        return self.cue_verbs.get(lemma)

    def past_speech_verb(self, word: str) -> bool:
        """"stated", "added", "continued": the regular past tense of a verb that reports
        speech or a quotation beside it, which opens inverted labels ("Continued Stone: …")
        and which a tagger seeing a capital calls a name."""
        return any(cue.kind in ("speech", "direct") for cue in self._inflected_cues(word, "d"))

    def present_cue(self, word: str) -> CueVerb | None:
        """"says", "blasts", "pushes": the cue verb of a present third-person form, else None."""
        return next(iter(self._inflected_cues(word, "s")), None)

    def _inflected_cues(self, word: str, ending: str) -> list[CueVerb]:
        """The cue verbs ``word`` is a regular form of, ending in ``ending`` ("stated",
        "added"; "says", "pushes"): its stem without one or two letters."""
        word = word.lower()
        if not word.endswith(ending):
            return []
        return [cue for stem in (word[:-1], word[:-2]) if (cue := self.cue_verbs.get(stem)) is not None]


_VERB_FLAGS = {"listener", "passive", "risk", "object", "naming", "noun-clause"}


def _cue_line(line: str) -> tuple[str, str, set[str], frozenset[str], set[str]]:
    """One line of a cue file: lemma, class, then extras split into dependency labels,
    "prep:WORD" prepositions and the remaining words (flags)."""
    parts = line.split("\t")
    lemma, kind = parts[0].strip().lower(), parts[1].strip()
    extra = {p.strip() for p in parts[2].split(",")} if len(parts) > 2 else set()
    preps = frozenset(p.split(":", 1)[1] for p in extra if p.startswith("prep:"))
    words = {p for p in extra if ":" not in p}
    return lemma, kind, words, preps, extra


def _cue_verbs() -> dict[str, CueVerb]:
    verbs: dict[str, CueVerb] = {}
    for line in _lines("cue_verbs.txt"):
        lemma, kind, words, preps, extra = _cue_line(line)
        verbs[lemma] = CueVerb(lemma, kind, frozenset({"ccomp", *(words - _VERB_FLAGS)}), "listener" in extra, preps,
                               "passive" in extra, "risk" in extra, "object" in extra, "naming" in extra,
                               "noun-clause" in extra)
    return verbs


def _cue_nouns() -> tuple[dict[str, CueNoun], frozenset[str]]:
    nouns: dict[str, CueNoun] = {}
    light = set()
    for line in _lines("cue_nouns.txt"):
        lemma, kind, words, preps, _ = _cue_line(line)
        if kind == "light":
            light.add(lemma)
            continue
        nouns[lemma] = CueNoun(lemma, kind, frozenset(words), preps)
    return nouns, frozenset(light)


def _quote_marks(name: str = "quote_marks.txt") -> tuple[QuoteMark, ...]:
    marks = []
    for line in _lines(name):
        points, role = line.split("\t")
        glyph = "".join(chr(int(p[2:], 16)) for p in points.split())
        marks.append(QuoteMark(glyph, role.strip()))
    # Longest glyphs first so two-character marks win over their first character.
    return tuple(sorted(marks, key=lambda m: -len(m.glyph)))


def _columns(name: str) -> list[list[str]]:
    return [[c.strip() for c in ln.split("\t")] for ln in _lines(name)]


def _pronoun_features() -> dict[str, PronounFeatures]:
    return {w.lower(): PronounFeatures(int(p), g, n) for w, p, g, n in _columns("pronouns.txt")}


_OBJECT_SHAPES = frozenset({"object", "named", "pronoun", "organisation", "predicate", "poll", "aside"})


def _reporting_verbs() -> ReportingVerbs:
    rows = _columns("reporting_verbs.txt")
    clause = {r[0].lower(): r[5] == "yes" for r in rows if r[1] == "clause" and r[0] != "*"}
    default = any(r[0] == "*" and r[1] == "clause" and r[5] == "yes" for r in rows)
    return ReportingVerbs(
        clause=frozenset(lemma for lemma, use in clause.items() if use),
        clause_listed=frozenset(clause),
        clause_default=default,
        objects=frozenset((r[0].lower(), r[1]) for r in rows if r[1] in _OBJECT_SHAPES and r[5] == "yes"),
        quiet_beliefs=frozenset(r[0].lower() for r in rows if r[1] == "belief" and r[5] == "no"),
    )


def _nicknames() -> dict[str, frozenset[str]]:
    """Each first name -> the names it may stand beside as the same person's (both ways)."""
    groups: dict[str, set[str]] = {}
    for formal, nick in _columns("nicknames.txt"):
        groups.setdefault(formal.lower(), {formal.lower()}).add(nick.lower())
    variants: dict[str, set[str]] = {}
    for group in groups.values():
        for name in group:
            variants.setdefault(name, set()).update(group)
    return {name: frozenset(v) for name, v in variants.items()}


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The rule tables, read once per process."""
    cue_nouns, light_verbs = _cue_nouns()
    return Lexicon(
        cue_verbs=_cue_verbs(),
        cue_nouns=cue_nouns,
        light_verbs=light_verbs,
        document_nouns=_words("document_nouns.txt"),
        receiving_verbs=_words("receiving_verbs.txt"),
        tough_adjectives=_words("tough_adjectives.txt"),
        source_phrases=tuple(tuple(p.split()) for p in _words("source_phrases.txt")),
        idioms=tuple(sorted(tuple(p.split()) for p in _words("idioms.txt"))),
        poll_nouns=_words("poll_nouns.txt"),
        answers=tuple(sorted((tuple(p.split()) for p in _words("answers.txt")), key=lambda p: (-len(p), p))),
        honorifics=_words("honorifics.txt"),
        titles=_words("titles.txt"),
        abbreviations=tuple(dict.fromkeys(ln.strip() for ln in _lines("abbreviations.txt"))),
        title_words={short.lower(): full.lower() for short, full in _columns("title_abbreviations.txt")},
        anonymous=_words("anonymous.txt"),
        organisations=frozenset(c[0].lower() for c in _columns("organisations.txt")),
        person_organisations=frozenset(c[0].lower() for c in _columns("organisations.txt")
                                       if len(c) > 1 and c[1] == "person"),
        pronouns=frozenset(_pronoun_features()),
        pronoun_features=_pronoun_features(),
        gendered_words={w.lower(): g for w, g in _columns("gendered_words.txt")},
        first_names={w.lower(): g for w, g in _columns("first_names.txt")},
        nicknames=_nicknames(),
        person_nouns=_words("person_nouns.txt"),
        non_speakers=_words("non_speakers.txt"),
        connectives=_words("connectives.txt"),
        continuing_marks=_words("continuing_marks.txt"),
        example_markers=_words("example_markers.txt"),
        work_titles=tuple(sorted(_words("work_titles.txt"))),
        quote_continuations=_words("quote_continuations.txt"),
        quote_marks=_quote_marks(),
        single_quote_marks=_quote_marks("single_quote_marks.txt"),
        reporting=_reporting_verbs(),
    )
