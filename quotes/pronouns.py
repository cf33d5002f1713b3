"""Choose what a pronoun speaker stands for ("“…,” she said"), under constraints no
resolution may break, by salience the way news is written.

Constraints (``compatible``), from ``rules/pronouns.txt``:
- "he"/"she" stand for one person (a name, or a description whose head is a person noun),
  never a place, an organisation or a thing; never a woman for "he" or a man for "she"
  where the text tells (honorifics, gendered titles and nouns, first names);
- "it" stands for an organisation; "they" for a group, an organisation or several people;
- an antecedent inside quotation marks is the quoted speaker's words, not the writer's:
  never the antecedent of a speaker pronoun outside them (checked by the caller).

Salience (``choose``), the way news is written: among the compatible mentions in the
pronoun's sentence and the ``CANDIDATE_SENTENCES`` before it (outside quotation marks; a
sentence wholly inside them does not count),
the one with the highest score of

    - SENTENCE_DISTANCE x sentences back
    + GENDER_AGREES    (the text tells the gender the pronoun asks for)
    + SUBJECT          (the subject of its clause, not of words reported as said)
    + LAST_SPEAKER     (the speaker of the last quote)
    + RECENT_SPEAKER   (one of the last three speakers quoted)
    + COREFEREE        (coreferee's antecedent for this pronoun)
    + NAMED            (a named person, not a description)
    + SAME_PARAGRAPH   (in the pronoun's paragraph)
    + MENTIONED x (mentions of the same person among the candidates, up to 3)
    + PREVIOUS_MAIN    (the subject of the main clause of the sentence right before, for a
                        pronoun that is the subject of a sentence naming no one else as one:
                        "Mr. Kasich forcefully differed. “…,” he said")
    + JOINED_SUBJECT   (the subject of the clause the pronoun's own clause is joined to:
                        "McAuliffe has said ..., but he refuses ...")

the later mention winning ties. coreferee's chains are one signal among these, not the
final word; where no candidate is compatible, coreferee's own compatible antecedent
stands; where there is none either, the pronoun is unresolved (a wrong name is worse than
none). The weights were fitted on the PolNeAR development set (968 pronoun speakers whose
automatic antecedent is known; the same figure on each half of its documents): 0.76 of
them right with coreferee first, 0.84 with these scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotes.lexicon import PronounFeatures
from quotes.spans import Speaker


@dataclass(frozen=True)
class Referent:
    """A mention a pronoun may stand for, resolved to its speaker."""

    speaker: Speaker
    gender: str | None  # "m", "f", or None when the text does not tell
    person: bool  # one person: a name or a description with a person noun
    plural: bool  # a group or several people ("officials", "Grassley and Leahy")
    named: bool  # a named person (a PERSON entity)
    position: int  # token index of the mention
    sentence: int  # index of its sentence
    subject: bool = False  # the subject of its clause
    paragraph: int = 0  # index of its paragraph
    main: bool = False  # the subject of its sentence's main clause


def compatible(features: PronounFeatures, ref: Referent) -> bool:
    """Whether a third-person pronoun may stand for ``ref``."""
    kind = ref.speaker.kind
    if features.gender in ("m", "f"):
        return ref.person and not ref.plural and ref.gender in (None, features.gender)
    if features.gender == "n":  # "it": an organisation, never a person
        return kind == "organisation"
    if features.number == "pl":  # "they": an organisation or several people
        # (not things, "say other changes are needed. ..., they say", nor one person)
        return kind == "organisation" or (ref.plural and (ref.person or kind == "person"))
    return kind in ("person", "organisation", "anonymous")


CANDIDATE_SENTENCES = 6
SENTENCE_DISTANCE = 1.0
GENDER_AGREES = 2.0
SUBJECT = 2.0
LAST_SPEAKER = 2.0
RECENT_SPEAKER = 1.5
RECENT_SPEAKERS = 3  # how many of the last quoted speakers count as recent
COREFEREE = 3.0
NAMED = 2.5
SAME_PARAGRAPH = 0.5
MENTIONED = 0.5
PREVIOUS_MAIN = 3.0
JOINED_SUBJECT = 3.0
# Below this a candidate for "he" or "she" is too weak to name unless coreferee links it:
# far back, not a subject, not quoted, named nowhere ("my head" six sentences up). A wrong
# speaker is worse than none. ("it" and "they" stand for organisations, which gain
# little salience: on the development set their weak candidates were mostly right.)
MIN_SALIENCE = 0.0


def _salience(features: PronounFeatures, ref: Referent, sentence: int, paragraph: int, recent: list[str],
              coreferee: set[str], mentions: Counter[str], opens: bool = False, joined: int | None = None) -> float:
    name = ref.speaker.name
    agrees = features.gender in ("m", "f") and ref.gender == features.gender
    return (-SENTENCE_DISTANCE * (sentence - ref.sentence) + GENDER_AGREES * agrees + SUBJECT * ref.subject
            + LAST_SPEAKER * (bool(recent) and name == recent[0]) + RECENT_SPEAKER * (name in recent)
            + COREFEREE * (name in coreferee) + NAMED * ref.named + SAME_PARAGRAPH * (ref.paragraph == paragraph)
            + MENTIONED * min(mentions[name], 3) + PREVIOUS_MAIN * (opens and ref.main and sentence - ref.sentence == 1)
            + JOINED_SUBJECT * (ref.position == joined) + 1e-6 * ref.position)


Antecedents = Sequence[Referent] | Callable[[], Sequence[Referent]]


def choose(features: PronounFeatures, antecedents: Antecedents, candidates: Sequence[Referent],
           sentence: int, recent: Sequence[str] = (), paragraph: int = 0,
           subject: bool = False, joined: int | None = None) -> tuple[list[Referent], str]:
    """The referents a pronoun in sentence ``sentence`` (and ``paragraph``) stands for and
    how they were found: ``coreference`` (coreferee's antecedent, where salience agrees or
    has no candidate), ``salience`` (the most salient compatible candidate) or
    ``unresolved`` (an empty list). ``recent``: the speakers quoted so far, last last.

    ``subject``: the pronoun is its clause's subject; ``joined``: the token index of the
    subject of the clause that clause is joined to, if any.

    ``antecedents`` may be a function: coreferee is asked only when its answer can change
    the outcome of "he" or "she" (several compatible candidates within ``COREFEREE`` of
    the best, no candidate at all, or only one below ``MIN_SALIENCE``, which is named only
    where coreferee links it), which spares most of its cost."""
    get = antecedents if callable(antecedents) else lambda: antecedents
    fitting = [r for r in candidates if compatible(features, r)]
    last = list(dict.fromkeys(reversed(recent)))[:RECENT_SPEAKERS]
    mentions = Counter(r.speaker.name for r in candidates)

    opens = subject and not any(r.subject and r.sentence == sentence for r in fitting)

    def score(r: Referent, coreferee: set[str]) -> float:
        return _salience(features, r, sentence, paragraph, last, coreferee, mentions, opens, joined)

    if fitting and features.number == "sg":
        best: dict[str, float] = {}
        for r in fitting:
            best[r.speaker.name] = max(best.get(r.speaker.name, float("-inf")), score(r, set()))
        top = sorted(best.values(), reverse=True)
        weak = top[0] < MIN_SALIENCE and features.gender in ("m", "f")
        if (len(top) == 1 or top[0] - top[1] > COREFEREE) and not weak:
            # coreferee cannot change it (a weak lead goes on below: named only where coreferee links it)
            return [max(fitting, key=lambda r: score(r, set()))], "salience"
    if features.number != "sg":
        # "they", "them": coreferee changed none of these on the development set (a joint
        # mention such as "Grassley and Leahy" is one plural candidate already).
        return ([max(fitting, key=lambda r: score(r, set()))], "salience") if fitting else ([], "unresolved")
    accepted = [r for r in get() if compatible(features, r)]
    if not fitting:
        return (accepted[:1], "coreference") if accepted else ([], "unresolved")
    coreferee = {r.speaker.name for r in accepted}
    chosen = max(fitting, key=lambda r: score(r, coreferee))
    if chosen.speaker.name in coreferee:
        return [chosen], "coreference"
    weak = score(chosen, coreferee) < MIN_SALIENCE and features.gender in ("m", "f")
    return ([], "unresolved") if weak else ([chosen], "salience")
