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
pronoun's sentence and the ``CANDIDATE_SENTENCES`` before it (outside quotation marks),
the one with the highest score of

    - SENTENCE_DISTANCE x sentences back
    + GENDER_AGREES   (the text tells the gender the pronoun asks for)
    + SUBJECT         (the subject of its clause)
    + RECENT_SPEAKER  (one of the last speakers quoted)
    + COREFEREE       (coreferee's antecedent for this pronoun)

the later mention winning ties. coreferee's chains are one signal among these, not the
final word; where no candidate is compatible, coreferee's own compatible antecedent
stands; where there is none either, the pronoun is unresolved (a wrong name is worse than
none). The weights were fitted on the PolNeAR development set (pronoun speakers whose
automatic antecedent is known): 0.76 of them right with coreferee first, 0.82 with
these scores.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def compatible(features: PronounFeatures, ref: Referent) -> bool:
    """Whether a third-person pronoun may stand for ``ref``."""
    kind = ref.speaker.kind
    if features.gender in ("m", "f"):
        return ref.person and not ref.plural and ref.gender in (None, features.gender)
    if features.gender == "n":  # "it": an organisation, never a person
        return kind == "organisation"
    if features.number == "pl":  # "they": a group, an organisation or several people
        return ref.plural or kind in ("organisation", "anonymous")
    return kind in ("person", "organisation", "anonymous")


CANDIDATE_SENTENCES = 6
SENTENCE_DISTANCE = 1.0
GENDER_AGREES = 2.0
SUBJECT = 2.0
RECENT_SPEAKER = 2.0
COREFEREE = 1.0
RECENT_SPEAKERS = 3  # how many of the last quoted speakers count as recent


def _salience(features: PronounFeatures, ref: Referent, sentence: int, recent: set[str],
              coreferee: set[str]) -> float:
    agrees = features.gender in ("m", "f") and ref.gender == features.gender
    return (-SENTENCE_DISTANCE * (sentence - ref.sentence) + GENDER_AGREES * agrees + SUBJECT * ref.subject
            + RECENT_SPEAKER * (ref.speaker.name in recent) + COREFEREE * (ref.speaker.name in coreferee)
            + 1e-6 * ref.position)


def choose(features: PronounFeatures, antecedents: Sequence[Referent], candidates: Sequence[Referent],
           sentence: int, recent: Sequence[str] = ()) -> tuple[list[Referent], str]:
    """The referents a pronoun in sentence ``sentence`` stands for and how they were found:
    ``coreference`` (coreferee's antecedent, where salience agrees or has no candidate),
    ``salience`` (the most salient compatible candidate, which coreferee did not give) or
    ``unresolved`` (an empty list). ``recent``: the speakers quoted so far, last last."""
    accepted = [r for r in antecedents if compatible(features, r)]
    if len(accepted) > 1 and features.number != "sg":
        return accepted, "coreference"  # "they": several people ("Grassley and Leahy")
    fitting = [r for r in candidates if compatible(features, r)]
    if not fitting:
        return (accepted[:1], "coreference") if accepted else ([], "unresolved")
    coreferee = {r.speaker.name for r in accepted}
    last = set(list(dict.fromkeys(reversed(recent)))[:RECENT_SPEAKERS])
    best = max(fitting, key=lambda r: _salience(features, r, sentence, last, coreferee))
    return [best], "coreference" if best.speaker.name in coreferee else "salience"
