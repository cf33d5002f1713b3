"""Find attribution cues in a parsed Doc.

A *cue* is a speech, belief or stance verb (``rules/cue_verbs.txt``), a cue noun
("his claim that", ``rules/cue_nouns.txt``) or a source phrase (``according to``,
``rules/source_phrases.txt``), with the mention of who speaks and, for reported speech,
the character range of what is reported. Impression verbs and agentless passives
("seems close", "is expected to win") are cues with no speaker. ``quotes.link`` then
links every quote to its cue.

This module finds *mentions* (spans in the Doc); turning a mention into a canonical
person is ``quotes.resolve``'s job.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from spacy.tokens import Doc, Span, Token

from quotes.lexicon import CueNoun, CueVerb, Lexicon
from quotes.lexicon import load as load_lexicon
from quotes.spans import DASHES, Cue, sentence_of

# Dependency labels, named as in textacy.
SUBJ_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
_INHERIT_SUBJ_DEPS = {"conj", "xcomp", "advcl"}  # "..., saying X", "declined to say"
_MENTION_DEPS = {"compound", "det", "amod", "nmod", "poss", "nummod", "flat", "case", "prep",
                 "pobj", "quantmod", "npadvmod", "pcomp"}
_MENTION_DEPS_PROPER = {"compound", "flat", "poss", "case", "det", "amod", "nmod"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
_DESCRIBED_PRONOUNS = {"those", "anyone", "everyone", "someone", "one"}  # "those who ...": a group by its clause
_RELATIVE_TOKENS = 15  # longest relative clause kept in such a description


# ------------------------------------------------------------------ mentions


def _is_proper(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def expand_mention(head: Token) -> Span:
    """The noun phrase naming a speaker, without relative clauses or appositions.

    Proper names keep their compounds and titles ("Commerce Secretary Howard Lutnick");
    descriptions keep their modifiers ("a person familiar with the negotiations").
    """
    allowed = _MENTION_DEPS_PROPER if _is_proper(head) else _MENTION_DEPS
    keep = {head.i}
    stack = [head]
    if _is_proper(head) and head.ent_type_ != "PERSON":
        # "Director of Public Affairs Ann Cole": a title whose "of" phrase ends in the name.
        for prep in head.children:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "of" else None
            if pobj is not None and pobj.ent_type_ == "PERSON" and pobj.right_edge.i == pobj.i:
                keep.update(range(head.i, pobj.i + 1))
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in allowed and child.i not in keep:
                keep.add(child.i)
                stack.append(child)
    if head.pos_ == "PRON" and head.lower_ in _DESCRIBED_PRONOUNS:
        # "those who have sketched out paths for him": the relative clause is all the
        # description there is.
        for child in head.children:
            if child.dep_ == "relcl" and child.right_edge.i - head.i <= _RELATIVE_TOKENS:
                keep.update(range(head.i, child.right_edge.i + 1))
    if not _is_proper(head) and head.i + 1 < len(head.doc):
        # "those surveyed", "voters polled": a bare participle right after the head.
        nxt = head.doc[head.i + 1]
        if nxt.dep_ == "acl" and nxt.head.i == head.i and nxt.tag_ == "VBN" and not any(nxt.children):
            keep.add(nxt.i)
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    doc = head.doc
    while end > start and ((doc[end].is_punct and doc[end].text != "%") or doc[end].text in ("'s", "’s")):
        end -= 1
    # "Coca-Cola", "Hewlett-Packard": a hyphenated name is one name.
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ \
            and not doc[end + 1].whitespace_ and doc[end + 2].is_alpha:
        end += 2
    # "the 34-year-old mother of three": a hyphenated modifier is one word.
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and (doc[start - 2].is_alpha or doc[start - 2].like_num):
        start -= 2
        while start - 1 in keep:
            start -= 1
    return doc[start:end + 1]


def speaker_mention(head: Token) -> Span:
    """The words naming a speaker: ``expand_mention``, or all of coordinated names
    ("Mr. Grassley and Mr. Leahy said", "Both Bolton and Gorka saw")."""
    span = expand_mention(head)
    if not _is_proper(head):
        return span
    later = [c for c in head.conjuncts if c.i > head.i and (_is_proper(c) or role_name(c) is not None)]
    if not later:
        return span
    last = expand_mention(later[-1])
    named = role_name(later[-1])
    end = max(span.end, last.end, expand_mention(named).end if named is not None else 0)
    return head.doc[min(span.start, last.start):end]


def role_name(role: Token) -> Token | None:
    """The name right after a role in apposition ("Bolton and Breitbart editor Sebastian
    Gorka": the parser joins "editor" to Bolton and hangs "Gorka" on it)."""
    if role.pos_ != "NOUN":
        return None
    return next((c for c in [*role.children, *role.head.children] if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                 and c.left_edge.i == role.i + 1), None)  # (or on the first name: "Cole and judge Tom Ruiz")


def _document_source(document: Token, depth: int) -> Token:
    """Whom a document speaks for ("issued a statement saying ..."): its possessor, else
    the subject of the verb taking it as object or through a preposition ("spoke at a
    news conference announcing ..."), else the document itself."""
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = document.head.head if document.dep_ == "pobj" and document.head.dep_ == "prep" else document.head
    if document.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "AUX") and depth < 3:
        issuer = subject_of(verb, depth + 1)
        if issuer is not None:
            return issuer
    return document


def _relative_antecedent(tok: Token) -> Token:
    """For "who" in "Lutnick, who said ...", the noun the relative clause modifies."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    if verb.dep_ != "relcl" and not (verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS):
        return tok  # (a finite "acl" with a relative subject is a relative clause too)
    ante = verb.head
    if tok.lower_ in ("who", "whom"):
        # "one person with knowledge of the governor's dilemma, who spoke ...": "who" is a
        # person, not the thing at the end of the "of" phrase the parser hung it on.
        # Not past a word for people ("appeals to older voters who wish ...": the voters),
        # but to the count of them ("3 in 10 voters who ...").
        while ante.dep_ == "pobj" and ante.pos_ == "NOUN" and ante.head.dep_ == "prep" \
                and ante.head.head.pos_ in ("NOUN", "PRON", "NUM") and (
                    ante.head.head.pos_ == "NUM" or not speaker_like(ante, load_lexicon())):
            ante = ante.head.head
        # "Trump is a serial liar, xenophobe and birther who has pledged ...": a noun said of
        # the subject (after "is") is that subject.
        said_of = ante
        while said_of.dep_ in ("conj", "appos") and said_of.head.i != said_of.i:
            said_of = said_of.head
        if said_of.dep_ == "attr" and said_of.pos_ == "NOUN" and said_of.head.lemma_ == "be":
            copula = said_of.head
            subject = next((c for c in copula.children if c.dep_ in SUBJ_DEPS), None)
            if subject is None and copula.dep_ == "conj":
                # "Trump incites violence and is a serial liar ... who has pledged ..."
                subject = next((c for c in copula.head.children if c.dep_ in SUBJ_DEPS), None)
            if subject is not None and subject.pos_ in ("PROPN", "PRON"):
                return subject
    return ante


def relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is ``verb``'s subject ("who" in "Lutnick, who said ...")."""
    return next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.lower_ in RELATIVE_PRONOUNS), None)


def _finite_on_a_name(verb: Token) -> bool:
    """"De Blasio, speaking on the radio, called Trump a “blowhard”": a main verb the
    parser hung on the name before it as a participle; the name is its subject."""
    return (verb.dep_ == "acl" and verb.head.ent_type_ == "PERSON" and verb.i > verb.head.i + 1
            and verb.doc[verb.i - 1].text == "," and any(c.dep_ in ("dobj", "oprd", "ccomp") for c in verb.children))


def _list_end(tok: Token) -> bool:
    """A place, or one proper noun right after a comma: the end of a list or an
    affiliation ("voters in Alabama, Georgia", "the University of California, Berkeley")."""
    return tok.ent_type_ in ("GPE", "LOC") or (
        tok.pos_ == "PROPN" and tok.left_edge.i == tok.i > 0 and tok.doc[tok.i - 1].text == ",")


def _listed_act(verb: Token) -> bool:
    """"The candidate has mocked a reporter, referred to immigrants as “rapists” and ...":
    a verb in the past or present after a comma, in a list of what the subject of the verb
    before it did, which the parser hung on that verb as a clause with no subject of its
    own and no "when" or "as"."""
    doc = verb.doc
    return verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ") and verb.i > 0 and doc[verb.i - 1].text == "," \
        and verb.head.i < verb.i and any(c.dep_ == "nsubj" for c in verb.head.children) \
        and not any(c.i < verb.i and c.dep_ in ("mark", "advmod", *SUBJ_DEPS) for c in verb.children)


def _named_aside(verb: Token) -> Token | None:
    """"Voters, Ann Cole said, are tired of ...": the parser made the name an apposition of
    the noun before it (or the end of a list with no "and") and that noun the cue's
    subject; the name right before the cue (no comma between, unlike "His rival, Ann
    Cole, said") is the speaker, else None."""
    doc = verb.doc
    for subj in verb.children:
        if subj.dep_ != "nsubj" or subj.i > verb.i or any(c.dep_ == "cc" for c in subj.children):
            continue
        for name in subj.children:
            if name.dep_ in ("appos", "conj") and name.ent_type_ == "PERSON" and name.pos_ == "PROPN" \
                    and name.right_edge.i == verb.i - 1 and doc[name.left_edge.i - 1].text == ",":
                return name
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who performs ``verb``: subject, passive agent, or the subject of the verb it hangs on."""
    # The subject nearest the verb: "Cross-referencing voting records ..., the researchers
    # found" (the parser gave the verb two), unless that one is a place ending a list or an
    # affiliation ("Cohen of the University of California, Berkeley suggest").
    # "Voters, Clinton suggested, don't ...": a name right before a cue set off by commas
    # is the cue's own subject, not the end of a list.
    aside = verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ","
    if aside:
        named = _named_aside(verb)
        if named is not None:
            return named
    for child in sorted(verb.children, key=lambda c: (_list_end(c) and not (aside and c.i == verb.i - 1),
                                                      abs(verb.i - c.i))):
        if child.dep_ in SUBJ_DEPS and child.lower_ in _CONTRACTED_HAS:
            # "She’s said she ...": the parser made "’s" the subject and "She" its own.
            child = next((g for g in child.children if g.dep_ in SUBJ_DEPS), child)
        if child.dep_ in SUBJ_DEPS and child.tag_ != "VBN" and child.lower_ not in _CONTRACTED_HAS and (
                child.ent_type_ not in ("DATE", "TIME") or child.lemma_.lower() in load_lexicon().organisations):
            # (not "Angered by the vote, ..." nor "who Beck on Wednesday called": no subject;
            # but "the daily wrote": a newspaper the tagger took for a date)
            if child.lower_ in RELATIVE_PRONOUNS:
                ante = _relative_antecedent(child)
                if ante.i == child.i:
                    return None
                if ante.lemma_.lower() in load_lexicon().document_nouns:
                    # "released a statement that accused ...": whom the document speaks for
                    return _document_source(ante, depth)
                return ante
            if child.dep_ == "csubj":
                return None
            return child
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            # "Sanders, meanwhile, who sits at zero endorsements, said": the parser read the
            # relative clause as a clause said, with the name as its second subject.
            subjects = [g for g in child.children if g.dep_ in SUBJ_DEPS]
            if len(subjects) >= 2 and subjects[-1].lower_ in RELATIVE_PRONOUNS \
                    and subjects[0].lower_ not in RELATIVE_PRONOUNS and subjects[0].pos_ in ("PROPN", "NOUN"):
                return subjects[0]
    for child in verb.children:
        if child.dep_ in ("mark", "prep") and child.lower_ == "as" and child.i < verb.i:
            # "As Ann Reyes, a professor of law, put it, ...": the parser took the name for
            # the object of "as" (not "As a result, ...").
            named = next((g for g in child.children if g.dep_ == "pobj" and speaker_like(g, load_lexicon())), None)
            if named is not None:
                return named
    for child in verb.children:
        if child.dep_ == "agent":  # "was said by X"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if any(c.dep_ in _PASSIVE_SUBJ_DEPS for c in verb.children):
        return _has_misread(verb)  # "he was told that ...": the subject is the listener
    if verb.dep_ == "pcomp" and depth < 3 and (verb.head.dep_ == "prep" or (
            verb.head.dep_ == "conj" and verb.head.pos_ == "ADP" and any(
                c.dep_ == "prep" and c.lower_ == verb.head.lower_ for c in verb.head.head.children))):
        # "inflamed tensions by saying, ..."; "Silverman was booed by supporters after
        # telling them ...": the one booed told them, not the agent; "won not by showing
        # X, but by telling voters ...": the second phrase the parser joined to the verb.
        main = verb.head.head
        passive = _passive_subject(main)
        return passive if passive is not None else subject_of(main, depth + 1)
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head.pos_ in ("NOUN", "PROPN") \
            and verb.head.dep_ in ("dobj", "attr", "oprd") and depth < 3:
        # "He adopted a fake accent and joked, “…”": the parser joined the verb to the
        # object of the first; its subject is the first verb's.
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ == "conj":
        # "He says A and says B": the parser hangs the second "says" inside A; its
        # subject is the first one's.
        anc = verb.head
        while anc.dep_ in ("ccomp", "conj", "xcomp", "advcl") and anc.head.i != anc.i and anc.lemma_ != verb.lemma_:
            anc = anc.head
        if anc.lemma_ == verb.lemma_ and anc.i != verb.i:
            return subject_of(anc, depth + 1)
        if verb.tag_ in FINITE_TAGS and verb.head.dep_ != "ccomp":
            # "Silverman was joined on stage by Franken and joked, “…”", "Trump was forced
            # into damage control and said ...": the active verb joined to a passive one
            # shares its subject, not its agent.
            shared = _passive_subject(verb.head)
            if shared is not None and (any(c.dep_ == "agent" for c in verb.head.children)
                                       or speaker_like(shared, load_lexicon())):  # not "how elections are financed"
                return shared
        if depth < 3 and (_next_cue(verb) or _next_act(verb)):
            # "said he makes $41,000 a year and questioned how ...": the reporting verb's
            # subject acts again, not the reported clause's.
            return subject_of(verb.head.head, depth + 1)
    if _listed_act(verb) and depth < 3:
        return subject_of(verb.head, depth + 1)
    if _bare_participle(verb) and depth < 3:
        clause = _reported_clause_of(verb.head)
        if clause is not None and clause.i > clause.head.i:  # (in "X, calling Y, Ann said" X's subject calls)
            return subject_of(clause.head, depth + 1)
    lexicon = load_lexicon()
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in lexicon.document_nouns:
        return _document_source(verb.head, depth)
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl"):
        # "left many voters saying ...", "found 62 percent of voters saying ...": the
        # people the participle right after them describes say it ("attacked the senator,
        # saying ..." is the attacker's).
        held = verb.head if verb.dep_ == "acl" else next(
            (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if held is not None and held.right_edge.i + 1 == verb.i and (
                held.ent_type_ == "PERSON" or held.pos_ == "NOUN") \
                and held.lemma_.lower() not in lexicon.document_nouns and _people_like(held, lexicon):
            return held
    if verb.head.pos_ == "ADJ" and verb.head.lemma_.lower() in lexicon.tough_adjectives and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "make it hard to imagine that ...": no one imagines
    if verb.dep_ == "xcomp" and depth < 3 and (
            (verb.head.lemma_ == "be" and any(c.dep_ == "acomp" for c in verb.head.children))
            or (verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp")):
        # "The senator was quick to say ...": the subject of the copula the adjective
        # hangs on; "it's safe to say ...", "it is important to remember ...", "the
        # outcome is hard to predict": no one.
        copula = verb.head if verb.head.lemma_ == "be" else verb.head.head
        adjectives = [c for c in copula.children if c.dep_ == "acomp"]
        if any(c.dep_ in SUBJ_DEPS and c.lower_ == "it" for c in copula.children) or any(
                a.lemma_.lower() in lexicon.tough_adjectives or any(c.lower_ == "too" for c in a.children)
                for a in adjectives):
            return None  # ("too great to argue that ...": no one argues)
        if copula.i != verb.head.i:
            return subject_of(copula, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and not any(c.dep_ == "acomp" for c in verb.head.children):
        # "Her job will be to see that ...", "the goal is to show ...": the subject is a
        # purpose, not who speaks; "the senator is to announce ..." is hers.
        subj = next((c for c in verb.head.children if c.dep_ in SUBJ_DEPS), None)
        return subj if subj is not None and speaker_like(subj, lexicon) else None
    if verb.dep_ == "xcomp" and depth == 0:
        # "encouraged his supporters to ask why ...": the one asked to act acts.
        controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if controller is not None and speaker_like(controller, lexicon):
            return controller
    if verb.dep_ == "xcomp":
        # "Mr. Trump was prompted to say": the passive subject of the verb it hangs on.
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass" and c.lower_ not in RELATIVE_PRONOUNS]
        if passive:
            return passive[0]
    if depth < 3 and verb.dep_ in _INHERIT_SUBJ_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if _finite_on_a_name(verb):
        return verb.head
    if verb.dep_ == "ROOT" and verb.i >= 2 and verb.doc[verb.i - 1].text in (",", ")"):
        # "Senator Harry Reid, the minority leader, said that ...", "At Boca West, ..., Jay
        # DiPietro, the club's president and general manager, suggested that ...", "At the
        # convention Sen. Ann Cole (D-MA) said ...": the parser lost the subject into an
        # earlier phrase; the name with its apposition right before the verb is it.
        end = verb.i - 2 if verb.doc[verb.i - 1].text == "," else verb.i - 1
        for name in sentence_of(verb):
            if name.i >= verb.i:
                break
            if name.ent_type_ == "PERSON" and name.pos_ == "PROPN" and name.right_edge.i == end and any(
                    c.dep_ == "appos" and c.i > name.i for c in name.children):
                return name
    if verb.dep_ == "relcl" and any(c.tag_ == "TO" for c in verb.children):
        # "went out of his way to say": an infinitive on a noun is said by the subject
        # of the verb that governs the noun, not by the noun.
        governor = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return subject_of(governor, depth + 1) if governor is not None and depth < 3 else None
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _people_like(tok: Token, lexicon: Lexicon) -> bool:
    """``speaker_like``, or a share of people ("62 percent of voters", "a majority of them")."""
    if speaker_like(tok, lexicon):
        return True
    if tok.ent_type_ in ("PERCENT", "CARDINAL") or tok.pos_ == "NUM" or any(c.dep_ == "nummod" for c in tok.children):
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and speaker_like(g, lexicon) for g in c.children) for c in tok.children)
    return False


def speaker_like(tok: Token, lexicon: Lexicon) -> bool:
    """Whether ``tok`` can name someone who speaks: a person, organisation, group or
    place (a government), a personal pronoun, or a noun for a person or body."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = tok.lower_
    features = lexicon.pronoun_features.get(low)
    if features is not None:
        return features.gender != "n" and tok.pos_ == "PRON"
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or any(lemma in words for words in (
        lexicon.titles, lexicon.person_nouns, lexicon.anonymous, lexicon.organisations, lexicon.gendered_words))


def named_subject(verb: Token, speaker: Token | None) -> bool:
    """The verb's own subject is a name the tagger takes for a person's ("Cole praised
    ..."), not a pronoun, a description, or a subject the verb shares with another
    ("Cole said ..., referring to ...")."""
    return (_own_subject(verb, speaker) and speaker is not None
            and speaker.ent_type_ == "PERSON" and speaker.pos_ == "PROPN")


def _own_subject(verb: Token, speaker: Token | None) -> bool:
    """``speaker`` is the verb's own subject, not one it shares with a verb it hangs on."""
    return speaker is not None and speaker.head.i == verb.i and speaker.dep_ in SUBJ_DEPS


def pronoun_subject(verb: Token, speaker: Token | None, lexicon: Lexicon) -> bool:
    """The verb's own subject is "he" or "she": one person the story has named before
    ("He accused the mayor of ...")."""
    if not _own_subject(verb, speaker) or speaker is None or speaker.pos_ != "PRON":
        return False
    features = lexicon.pronoun_features.get(speaker.lower_)
    return features is not None and features.person == 3 and features.gender in ("m", "f")


def organisation_subject(verb: Token, speaker: Token | None, lexicon: Lexicon) -> bool:
    """The verb's own subject is an organisation ("Gallup shows ...", "The party
    announced ..."): the tagger's ORG, or a noun of ``rules/organisations.txt``."""
    return _own_subject(verb, speaker) and speaker is not None and (
        speaker.ent_type_ == "ORG" or (speaker.pos_ == "NOUN" and speaker.lemma_.lower() in lexicon.organisations))


def cue_verb_of(tok: Token, lexicon: Lexicon) -> CueVerb | None:
    """The cue verb of ``rules/cue_verbs.txt`` ``tok`` is: a phrasal verb with its particle
    ("pointed out that ...", "laid out his plan") before the verb alone ("pointed to")."""
    return lexicon.cue_verb(tok.lemma_.lower(), [c.lower_ for c in tok.children if c.dep_ == "prt"])


def speech_aside(verb: Token, lexicon: Lexicon) -> bool:
    """A participle set off by a comma on a verb of speech, after it: what the speaker
    went on to do while speaking ("“…,” Cole said, referring to the mill", "said ...,
    calling it a disgrace")."""
    head = cue_verb_of(verb.head, lexicon)
    return head is not None and head.kind == "speech" and _bare_participle(verb)


def poll_subject(speaker: Token | None, lexicon: Lexicon) -> bool:
    """The speaker is a poll or survey (``rules/poll_nouns.txt``: "a new poll shows ...")."""
    return speaker is not None and speaker.lemma_.lower() in lexicon.poll_nouns


def measured_shapes(verb: Token, speaker: Token | None, lexicon: Lexicon) -> list[str]:
    """The shapes of ``rules/reporting_verbs.txt`` a verb whose object may be content has
    here: always "object", and "named", "pronoun", "organisation", "predicate", "poll" or
    "aside" where its subject and its place say so. The table decides, by lemma and
    shape, whether it reports."""
    cue = cue_verb_of(verb, lexicon)
    shapes = ["object"]
    if not (cue is not None and cue.listener):  # (not "told CNN")
        if named_subject(verb, speaker):
            shapes.append("named")
        elif pronoun_subject(verb, speaker, lexicon):
            shapes.append("pronoun")
        elif organisation_subject(verb, speaker, lexicon):
            shapes.append("organisation")
    if speaker is not None and predicate_shape(verb):
        shapes.append("predicate")
    if poll_subject(speaker, lexicon):
        shapes.append("poll")
    if speaker is not None and speech_aside(verb, lexicon):
        shapes.append("aside")
    return shapes


def made_by(thing: Token, lexicon: Lexicon) -> Token:
    """"a database built by The Post", "the documents released by WikiLeaks": a thing
    that speaks for the one named as its maker; else ``thing`` (a person speaks for
    himself: "a man arrested by police"; "an email obtained by X" is not X's).
    ``rules/receiving_verbs.txt`` lists the verbs that name no maker."""
    if thing.pos_ != "NOUN" or (thing.lemma_.lower() not in lexicon.document_nouns and _people_like(thing, lexicon)):
        return thing
    for acl in thing.children:
        if acl.dep_ != "acl" or acl.tag_ != "VBN" or acl.lemma_.lower() in lexicon.receiving_verbs:
            continue
        for agent in acl.children:
            maker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent.dep_ == "agent" else None
            if maker is not None and (maker.pos_ == "PROPN" or maker.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")):
                return maker
    return thing


def reported_clause(verb: Token) -> Token | None:
    """The finite clause ``verb`` reports, when it has the shape of reported speech: a
    clausal complement after it with its own subject or a "that" ("X warned that ...",
    "X predicted Y would ...")."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i and child.pos_ in ("VERB", "AUX") and any(
                g.dep_ in SUBJ_DEPS or g.dep_ in _PASSIVE_SUBJ_DEPS or (g.dep_ == "mark" and g.lower_ == "that")
                for g in child.children):
            return child
    return None


def object_shape(verb: Token, lexicon: Lexicon) -> bool:
    """A speech or belief verb of the lexicon that reports no clause but has an object
    after it and a subject that can speak ("polls show Clinton ahead", "announced his
    candidacy"). ``rules/reporting_verbs.txt`` decides by lemma whether the object counts."""
    cue = cue_verb_of(verb, lexicon)
    if cue is None or cue.kind not in ("speech", "belief") or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or not _objects(verb):
        return False
    subj = subject_of(verb)
    return subj is not None and speaker_like(subj, lexicon)


def predicate_shape(verb: Token) -> bool:
    """A verb that says what its object is: "called him a political opportunist", "called
    the plan divisive", "described the country as beset by crime" (an object, then a
    predicate or an "as" phrase after it; not "called both candidates on Monday").
    ``rules/reporting_verbs.txt`` decides by lemma whether such a characterisation counts."""
    objects = _objects(verb)
    return bool(objects) and any(
        c.i > objects[0].i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") or _as_clause(c))
        for c in verb.children)


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]


def reporting_shape(verb: Token, lexicon: Lexicon) -> bool:
    """A verb not in the cue lexicon that still reports: its subject can speak and its
    complement is a reported clause. ``rules/reporting_verbs.txt`` decides by lemma."""
    if verb.pos_ != "VERB" or not verb.is_alpha or reported_clause(verb) is None:
        return False
    subj = subject_of(verb)
    return subj is not None and speaker_like(subj, lexicon)


# ------------------------------------------------------------------ content


_DATELINE_TOKENS = 10


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """"WASHINGTON — The budget will pass": where the reported clause begins after a
    dateline (a place in capitals, perhaps a date and an agency, then a dash)."""
    first = doc[start]
    if not (first.is_sent_start and first.is_upper and len(first.text) > 2):
        return start
    for tok in doc[start:min(end, start + _DATELINE_TOKENS)]:
        if tok.text in DASHES:
            return tok.i + 1
        if tok.is_alpha and tok.is_lower:
            break
    return start


def _trim(doc: Doc, start: int, end: int, min_tokens: int = 2) -> tuple[int, int] | None:
    """Token range -> character range, without a dateline, a leading "that" and edge
    punctuation."""
    if start < end:
        start = _after_dateline(doc, start, end)
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ") \
            and not _closes(doc, start, end - 1):
        end -= 1
    if end < len(doc) and doc[end].text in _CLOSERS and _closes(doc, start, end):
        end += 1  # "(37% to 28%)": the bracket opened inside the words closes with them
    if end - start < min_tokens:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


_CLOSERS = {")": "(", "]": "["}


def _closes(doc: Doc, start: int, i: int) -> bool:
    """Whether ``doc[i]`` ends the words before it rather than punctuating them: a
    per cent sign ("28%"), or a bracket opened inside ``doc[start:i]`` ("(37% to 28%)")."""
    tok = doc[i]
    if tok.text == "%":
        return True
    opener = _CLOSERS.get(tok.text)
    return opener is not None and any(t.text == opener for t in doc[start:i])


def _subtree_range(tok: Token, avoid: Token) -> tuple[int, int]:
    """Token range of ``tok``'s subtree, cut so it does not reach ``avoid``."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if left <= avoid.i < right:
        if tok.i > avoid.i:
            left = avoid.i + 1
        else:
            right = avoid.i
    return left, right


def _covered(children: list[Token], avoid: Token) -> tuple[int, int]:
    """Token range spanning the subtrees of ``children``, cut so it does not reach ``avoid``."""
    ranges = [_subtree_range(c, avoid) for c in children]
    return min(left for left, _ in ranges), max(right for _, right in ranges)


# Phrases on the verb that go on with what its object states ("blasted Trump for hypocrisy
# in relying on ...", "tweeted congratulations to Sanders", "portrayed them as ...",
# "called on Trump to stop ...").
_OBJECT_TAIL_DEPS = frozenset({"prep", "dative", "oprd", "xcomp"})  # xcomp: an infinitive


def _as_clause(tok: Token) -> bool:
    """"described the country as beset by crime": a participle the parser read as a clause
    opened by "as", standing for an "as" phrase."""
    return tok.dep_ == "advcl" and tok.tag_ in ("VBN", "VBG") and tok.left_edge.lower_ == "as" and any(
        c.dep_ == "mark" and c.i == tok.left_edge.i for c in tok.children) and not any(
        c.dep_ in SUBJ_DEPS for c in tok.children)  # (not "as Election Day nears": a time)


def _that_clause_of(noun: Token) -> tuple[int, int] | None:
    """"concern that the bridge would close": the clause a noun's "that" opens right after
    it, without the "that"; else None."""
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp") and clause.left_edge.i == noun.i + 1 and clause.left_edge.lower_ == "that" \
                and clause.left_edge.dep_ == "mark":
            return clause.left_edge.i + 1, clause.right_edge.i + 1
    return None


def _when(phrase: Token) -> bool:
    """"on Monday", "on Tuesday night": a phrase that only says when."""
    return phrase.dep_ == "prep" and all(t.ent_type_ in ("DATE", "TIME") for t in phrase.subtree if t is not phrase)


def _with_tail(verb: Token, left: int, right: int) -> tuple[int, int]:
    """Content that is the verb's object, run on over the phrases on the verb that follow
    it without a break (not over a comma, a clause or a joined verb)."""
    for child in verb.children:
        if child.i < right:
            continue
        if child.dep_ not in _OBJECT_TAIL_DEPS or child.left_edge.i != right or _when(child) or (
                child.dep_ == "xcomp" and child.left_edge.tag_ != "TO"):
            break
        right = child.right_edge.i + 1
    return left, right


def _with_figures(verb: Token, left: int, right: int) -> tuple[int, int]:
    """"shows Trump leading Clinton 44 percent to 37 percent, with 13 percent supporting
    another candidate": a finding runs on over a "with" phrase of figures after the comma."""
    doc = verb.doc
    for phrase in verb.children:
        if phrase.dep_ == "prep" and phrase.lower_ == "with" and phrase.i == right + 1 and doc[right].text == "," \
                and any(t.like_num for t in doc[phrase.i + 1:min(phrase.i + 3, phrase.right_edge.i + 1)]):
            # (figures right after "with"; not "with Gorka pointing to “a couple of hundred …”")
            return left, phrase.right_edge.i + 1
    return left, right


def _complements(verb: Token, cue: CueVerb) -> list[Token]:
    """The verb's children that carry its content: clauses, objects, and phrases headed
    by the cue's prepositions ("described the plan as ...")."""
    found = [c for c in verb.children if c.dep_ in cue.complements
             or (c.dep_ in ("prep", "dative") and c.lower_ in cue.preps and c.i > verb.i and not _when(c))
             or ("as" in cue.preps and c.i > verb.i and _as_clause(c))]
    if not found and cue.kind == "speech":
        # "He said legalizing it could put ...": a gerund subject the parser hung on the
        # verb, its clause on the gerund.
        found = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i
                 and any(g.dep_ == "ccomp" for g in c.children)]
    if not found and cue.kind == "speech" and any(
            c.dep_ in SUBJ_DEPS and c.lower_ in RELATIVE_PRONOUNS and c.i < verb.i for c in verb.children):
        # "the emails, which she said represented all her work": the parser hung the
        # relative pronoun on the cue and made the finite verb after it an xcomp.
        found = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ in FINITE_TAGS and c.i > verb.i]
    return found


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a verb form that carries tense


_CONTRACTED_HAS = ("'s", "’s")  # "she’s said": never the subject, whatever the parser made of it


def _has_misread(verb: Token) -> Token | None:
    """"While he's said he'll fight on": "'s" is "has", which the parser read as a
    passive "is"; the clause said has its own subject. The speaker, else None ("he's
    said to be ill", "it's said that ...": passives)."""
    if not any(c.dep_ == "auxpass" and c.lower_ in _CONTRACTED_HAS for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"), None)
    if subj is None or not any(c.dep_ == "ccomp" and c.i > verb.i and any(g.dep_ in SUBJ_DEPS for g in c.children)
                               for c in verb.children):
        return None
    return subj


def is_agentless_passive(verb: Token) -> bool:
    """"is expected to", "was named", "Asked whether ...": passive, and no "by X"."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return _has_misread(verb) is None
    # A bare past participle opening a clause ("Asked whether ..., she said"; the tagger
    # takes it for a past tense now and then, but a finite verb would have its subject).
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("advcl", "acl") and not _finite_on_a_name(verb) and not any(
        c.dep_ in SUBJ_DEPS or c.dep_ == "aux" for c in verb.children) and not _listed_act(verb)


def _unattributed_content(verb: Token, complements: list[Token]) -> tuple[int, int] | None:
    """What an impression or agentless passive reports: everything its complements
    (``_complements``) after it span."""
    complements = [c for c in complements if c.i > verb.i]
    return _trim(verb.doc, *_covered(complements, verb), min_tokens=1) if complements else None


_DOUBLE_MARKS = frozenset("“”\"")  # paired marks, as quotes.detect leaves them in the parsed text
_QUOTE_CHARS = frozenset("“”\"«»‘’'")
_SEPARATORS = (",", ";", "--", "—", "–")


def _to_sentence_end(doc: Doc, right: int, cue_words: Container[str]) -> int:
    """"said the poll showed Trump ahead, with 46 percent to 42": the rest of the
    sentence after the reported clause still reports, unless it has its own cue or
    quotation ("..., adding that ...", "..., according to X", "..., “…”")."""
    end = sentence_of(doc[right - 1]).end if right > 0 else right
    tail = doc[right:end]
    # ('was "futile," because ...': the mark closing a quotation that ends the clause
    # goes with it)
    lead = 0
    while lead < min(len(tail), 2) and (tail[lead].text in _SEPARATORS or tail[lead].tag_ == "''"):
        lead += 1
    if not any(t.text in _SEPARATORS for t in tail[:lead]):
        return right
    for tok in tail[lead:]:
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.i < right:
            return right  # "said X, but downplayed the issue": the speaker's next act
        if tok.dep_ == "ROOT":
            return right  # "While X vowed to ..., the mayor stayed quiet": the main clause
        if tok.lemma_.lower() in cue_words or tok.lower_ == "according" or any(ch in _QUOTE_CHARS for ch in tok.text):
            return right
    return end


def _next_act(tok: Token) -> bool:
    """A verb with no subject or auxiliary of its own joined to a reported clause in
    another tense: in the past ("said he was undergoing therapy and vowed to ..."), or in
    the reporting verb's present after a modal ("says he will fight on and refuses to answer")."""
    if not _bare_conj(tok) or tok.head.dep_ != "ccomp" or tok.head.tag_ in (tok.tag_, "VBN"):
        return False
    if tok.tag_ == "VBD":
        return tok.head.tag_ != "VBD"
    return tok.tag_ in ("VBZ", "VBP") and tok.tag_ == _tense(tok.head.head) and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in tok.head.children)


def _tense(verb: Token) -> str:
    """The tag that carries a verb's tense: its own, its auxiliary's, or that of the verb
    an infinitive hangs on ("continues to insist": VBZ)."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    return aux[0].tag_ if aux else verb.tag_


def _bare_conj(tok: Token) -> bool:
    """A verb joined to another with no subject or auxiliary of its own."""
    return tok.dep_ == "conj" and not any(
        c.dep_ in SUBJ_DEPS | _PASSIVE_SUBJ_DEPS or c.dep_ in ("aux", "auxpass", "expl") for c in tok.children)


def _next_cue(tok: Token) -> bool:
    """"says he respects Clinton and calls her “…”": a cue verb joined to the reported
    clause, with no subject of its own and the reporting verb's tense, that quotes words,
    is the speaker's next act."""
    return (_bare_conj(tok) and tok.head.dep_ == "ccomp" and tok.head.head.i != tok.head.i
            and tok.tag_ == tok.head.head.tag_ and tok.head.head.pos_ == "VERB"
            and any(t.text in _DOUBLE_MARKS for t in tok.subtree))


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive ``verb`` ("Silverman was booed and shouted down by ...":
    for "shouted", the subject of "booed" it is joined to), else None."""
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i and not any(c.dep_ == "nsubjpass" for c in head.children):
        head = head.head
    subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in RELATIVE_PRONOUNS:
        return None
    return subj if head.i == verb.i or any(c.dep_ == "agent" for c in verb.children) else None


def _bare_participle(tok: Token) -> bool:
    """A participle set off by a comma after the verb it hangs on, with no subject of its own."""
    # (the comma may sit inside a closing mark: "“… maniacal,” adding, …")
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i
            and tok.i > 0 and tok.doc[before_marks(tok.doc, tok.i - 1)].text == ","
            and not _one_of_ways(tok)
            and not any(c.dep_ in SUBJ_DEPS | _PASSIVE_SUBJ_DEPS or c.dep_ in ("aux", "mark") for c in tok.children))


def _one_of_ways(tok: Token) -> bool:
    """"agreeing to disagree or offering your own tips": a participle opening a list of
    alternatives, not an act of the speaker's."""
    return any(t.dep_ == "conj" and t.tag_ == "VBG"
               and any(c.dep_ == "cc" and c.lower_ == "or" for c in t.head.children) for t in tok.subtree)


def _reported_clause_of(verb: Token) -> Token | None:
    """The reported clause (ccomp) ``verb`` heads or is joined to ("said her father has
    been ... and would do ..."), else None."""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.dep_ == "ccomp" else None


def _clause_verbs(clause: Token) -> list[Token]:
    """The reported clause's verb and the verbs joined to it or hung on it as infinitives
    ("would do the same as president", "will have to choose ...")."""
    found = [clause]
    for verb in found:
        found.extend(c for c in verb.children if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "AUX"))
    return found


def _own_report(tok: Token) -> bool:
    """"said X, though she noted Y": a speech verb with a subject of its own, set off by a
    comma after the reported clause, reports for itself."""
    left = tok.left_edge.i
    return (tok.dep_ in ("advcl", "conj") and tok.i > tok.head.i and left > 0 and tok.doc[left - 1].text == ","
            and any(c.dep_ in SUBJ_DEPS for c in tok.children))


def _content_of(verb: Token, cue: CueVerb, cue_words: Mapping[str, CueVerb] | None = None) -> tuple[int, int] | None:
    cue_words = cue_words or {}
    doc = verb.doc
    complements = _complements(verb, cue)
    if cue.kind == "stance":
        # "endorsed Trump", "called him divisive": the object (and its complement); in
        # "a clip that Judge X called “distasteful”" and "what he calls the “Washington
        # cartel”" only what follows the verb (not in "what it called a “small yard”
        # approach": a name given to a thing, no quote).
        if not complements or any(c.dep_ in _PASSIVE_SUBJ_DEPS for c in verb.children):
            return None
        if cue.naming and len(complements) == 1 and complements[0].dep_ == "dobj" and not any(
                t.is_quote for t in complements[0].subtree):
            return None  # "called both candidates": a call, not what they were called
        before = [c for c in complements if c.i < verb.i]
        after = [c for c in complements if c.i > verb.i]
        named = [c for c in after if c.dep_ != "prep"]  # not "on Monday"
        if before and all(c.lower_ in RELATIVE_PRONOUNS for c in before):
            complements = after or complements
        elif before and all(c.lower_ == "what" for c in before) and named and all(_quoted_head(c) for c in named):
            complements = named
        left, right = _with_tail(verb, *_covered(complements, verb))
        clause = _that_clause_of(complements[0]) if cue.noun_clause and len(complements) == 1 else None
        if clause is not None:
            left, right = clause  # "expressed concern that the bridge would close": what she fears
        first = doc[left]
        if first.dep_ == "prep" and first.head.i == verb.i and first.i > verb.i and any(
                c.dep_ == "pobj" for c in first.children):
            left += 1  # "called for an end to ...", "referring to the mill": the preposition goes with the verb
        for tok in doc[left:right]:
            act = cue_words.get(tok.lemma_.lower())
            if (act is not None and act.kind == "speech" and tok.tag_ == "VBG" and tok.dep_ in ("acl", "advcl")
                    and tok.i > verb.i and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","):
                # "mocked the plan, saying “…”": the speaker's next act, not the object.
                right = tok.left_edge.i
                break
        return _trim(doc, left, right, min_tokens=1)
    if complements:
        # "On issues they lean left: 42% say they support ...": a clause after the verb
        # is its content rather than one before it.
        after = [c for c in complements if c.i > verb.i and c.dep_ == "ccomp"]
        if after and any(c.i < verb.i and c.dep_ == "ccomp" for c in complements):
            # ... unless it opens with a relative pronoun ("X, he said, by creating a
            # bubble that scares ...": a relative clause the parser hung on the verb).
            relative = [c for c in after if c.left_edge.lower_ in RELATIVE_PRONOUNS and c.left_edge.dep_ in SUBJ_DEPS]
            complements = [c for c in after if c not in relative] or [c for c in complements if c not in relative]
        # "Clinton thinks the tests are too many, Bill Clinton said this week": a verb of
        # speech with its own subject, after a first clause, reports the sentence; it is
        # no part of what the verb before it holds.
        first = min(complements, key=lambda c: c.i)
        complements = [c for c in complements if c is first or not (
            c.dep_ == "ccomp" and c.i > first.right_edge.i and _reporting_aside(c, cue_words))] or complements
        comp = max(complements, key=lambda c: c.right_edge.i - c.left_edge.i)
        left, right = _subtree_range(comp, verb)
        if comp.dep_ == "ccomp" and comp.i > verb.i:
            # "says the “would you have a beer” test is not right": one clause the parser
            # split into two complements that touch.
            for other in sorted(complements, key=lambda c: c.i):
                if other.dep_ == "ccomp" and other.left_edge.i == right:
                    right = other.right_edge.i + 1
                elif other.dep_ == "ccomp" and other.right_edge.i + 1 == left and other.i > verb.i:
                    left = other.left_edge.i
        if comp.dep_ == "prep":
            # "sees the calendar ahead as favorable": the object belongs to the content.
            objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.i]
            if objs:
                left = objs[0].left_edge.i
            elif cue.kind == "speech" and comp.i > verb.i and any(c.dep_ in ("pobj", "pcomp") for c in comp.children):
                # "complained about the delays": the preposition goes with the verb, and the
                # phrases the parser hung on the verb after it go on with the content
                # ("railed against the tolls on the bridge"), as does a noun's clause hung
                # there ("about Washington's propensity to intervene", "about the United
                # States' backing independence").
                left, right = _with_tail(verb, comp.i + 1, right)
                for clause in verb.children:
                    if clause.dep_ == "advcl" and clause.left_edge.i == right and not any(
                            c.dep_ in SUBJ_DEPS or c.dep_ == "mark" for c in clause.children) and (
                            clause.tag_ == "VBG" or any(c.tag_ == "TO" for c in clause.children)):
                        right = clause.right_edge.i + 1
        if comp.dep_ == "ccomp" and doc[left].lower_ == "to" and "xcomp" not in cue.complements \
                and not any(c.dep_ in SUBJ_DEPS for c in comp.children):
            # "agreed to allow": an infinitive, not reported speech (not "To win, candidates
            # need ..., analysts say": a clause with its subject, opened by a purpose)
            return None
        # "warned the tariffs ... amounted to an embargo": the parser took the clause's
        # subject for the verb's object.
        if comp.dep_ == "ccomp" and not any(c.dep_ in SUBJ_DEPS | _PASSIVE_SUBJ_DEPS for c in comp.children):
            objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.i]
            if objs and not any(t.lower_ == "that" for t in doc[objs[0].right_edge.i:left]):
                left = objs[0].left_edge.i
        if comp.dep_ == "xcomp" and comp.tag_ == "VB":
            # "promised to fix the bridge and left the room": a verb in the past joined to
            # the infinitive is the speaker's next act, not what was promised.
            for c in comp.children:
                if c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP") and c.i < right and not any(
                        g.dep_ in SUBJ_DEPS for g in c.children):
                    right = min(right, _before_conjunction(c, left))
        if comp.dep_ == "xcomp" and comp.i > verb.i and verb.tag_ in FINITE_TAGS:
            # "wants to triple the program, grow the Corps and create a reserve": base-form
            # verbs the parser joined to the finite cue go on with its infinitive.
            for c in verb.children:
                if c.dep_ in ("conj", "dep") and c.tag_ == "VB" and c.i > comp.i and not any(
                        g.dep_ in SUBJ_DEPS or g.dep_ == "aux" for g in c.children):
                    right = max(right, c.right_edge.i + 1)
        # "says A and says B": A ends where the second cue's clause begins.
        for tok in doc[left:right]:
            if tok.dep_ == "conj" and tok.lemma_ == verb.lemma_ and tok.i > verb.i:
                right = min(right, tok.left_edge.i)
                break
        # "said he was undergoing therapy and vowed to ...": a predicate with no subject of
        # its own, joined to the clause in another tense, is the speaker's next act.
        if comp.i > verb.i:
            for tok in comp.children:
                if _next_act(tok) and tok.i < right:
                    right = min(right, tok.left_edge.i)
        # "..., noting her comments", "..., calling them “boring”", "... and calls her “…”":
        # a speech act of the speaker after the reported clause (a participle may hang on
        # a verb joined to the clause: "... and would do the same, saying ...").
        for tok in comp.children:
            act = cue_words.get(tok.lemma_.lower())
            if act is not None and tok.i < right and (
                    (act.kind == "speech" and _own_report(tok))
                    or (act.kind in ("speech", "stance") and _next_cue(tok) and tok.i > comp.i)):
                right = min(right, tok.left_edge.i)
        if comp.dep_ == "ccomp" and comp.i > verb.i:
            for head in _clause_verbs(comp):
                for tok in head.children:
                    act = cue_words.get(tok.lemma_.lower())
                    if act is not None and act.kind in ("speech", "stance") and tok.i < right and _bare_participle(tok):
                        right = min(right, tok.left_edge.i)
        # "Republicans said the case was mishandled and Democrats accused the party of
        # ...", "said her plans were strong, to which O'Malley interjected: “…”": a speech
        # verb joined to the clause, or a clause on it, with a named subject of its own
        # after the reported verb is another report.
        for tok in doc[max(left, comp.i + 1):right]:
            act = cue_words.get(tok.lemma_.lower())
            if act is not None and act.kind in ("speech", "stance") and tok.tag_ in FINITE_TAGS and (
                    tok.dep_ == "conj" or (tok.dep_ in ("relcl", "advcl") and any(
                        t.tag_ in ("WDT", "WP") for t in doc[tok.left_edge.i:tok.i]))) \
                    and any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
                right = min(right, _before_conjunction(tok, left))
                break
        # "said X, but that Y": later clauses joined to the verb still report.
        for sib in verb.children:
            if sib.dep_ == "conj" and sib.i > comp.i and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in sib.children):
                right = max(right, sib.right_edge.i + 1)
        if comp.i > verb.i:
            right = _with_figures(verb, left, right)[1]
            right = _with_reason(verb, right)
            right = _to_sentence_end(doc, right, cue_words)
        return _trim(doc, left, right)
    sent = sentence_of(verb)
    # "told reporters gathered in London that ...": the parser lost the clause; take
    # what follows the first "that" shortly after the verb.
    objects = [] if cue.listener else [c for c in verb.children if c.dep_ == "dobj"]
    for tok in doc[verb.i + 1:min(verb.i + 10, sent.end)]:
        if objects and tok.lower_ == "that" and tok.dep_ == "nsubj" and tok.head.dep_ == "relcl":
            # "recalled an incident at a theater that left her in tears": the object with
            # its relative clause, not the clause alone.
            return _trim(doc, *_with_tail(verb, *_covered(objects, verb)))
        if tok.lower_ == "that" and tok.i + 2 < sent.end and (
                tok.dep_ in ("mark", "nsubj", "dobj", "det")
                or (tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i > tok.i)
                or (tok.dep_ == "prep" and tok.tag_ == "IN" and tok.i == verb.i + 1  # "noting that at one point"
                    and any(t.dep_ in SUBJ_DEPS for t in doc[tok.i + 1:sent.end]))):
            if tok.dep_ == "det":
                break
            return _trim(doc, tok.i + 1, sent.end)
        if tok.text in (".", "!", "?", ";", ":") or (tok.text == "," and verb.dep_ == "parataxis"):
            break  # "The problem, she said, is that ...": the clause the cue interrupts
    # "X, the person said." / "X, he said, Y." where the parser hung the cue on the
    # reported clause.
    pieces = _parenthetical(verb)
    return pieces[0] if pieces else _words_before(verb)


def _words_before(verb: Token) -> tuple[int, int] | None:
    """"People like Scott, he said.", "Not this year, the mayor said.": words with no verb
    the parser could hang the cue on, before a comma, the cue's subject and the cue ending
    the sentence."""
    doc = verb.doc
    sent = sentence_of(verb)
    subj = subject_of(verb)
    if verb.dep_ != "ROOT" or subj is None or subj.head.i != verb.i or subj.i > verb.i:
        return None
    comma = before_marks(doc, expand_mention(subj).start - 1, sent.start)
    if comma <= sent.start or doc[comma].text != "," or any(
            not (t.is_punct or t.is_space) or t.text == ":" for t in doc[verb.i + 1:sent.end]):
        return None  # (nor "In a speech last July, he said:", which introduces what follows)
    words = doc[sent.start:comma]
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None  # (a clause there is the parser's to hang: "_parenthetical")
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct or t.pos_ in ("ADP", "DET") for t in words):
        return None  # "On Monday, he said.": only when
    return _trim(doc, sent.start, comma)


def _reporting_aside(clause: Token, cue_words: Mapping[str, CueVerb]) -> bool:
    """A clause that is a verb of speech after a comma with a subject of its own that can
    name someone: "…, former President Bill Clinton said this week"."""
    act = cue_words.get(clause.lemma_.lower())
    doc = clause.doc
    left = clause.left_edge.i
    return act is not None and act.kind == "speech" and left > 0 \
        and "," in (doc[left].text, doc[left - 1].text) and any(
            c.dep_ == "nsubj" and c.i < clause.i and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))
            for c in clause.children)


def _with_reason(verb: Token, right: int) -> int:
    """"said it did not count them because they were routine": a clause the parser hung on
    the reporting verb right after what was said, opened by a word of
    ``rules/continuing_marks.txt``, goes on with it."""
    doc = verb.doc
    lexicon = load_lexicon()
    for clause in verb.children:
        start = clause.left_edge.i
        if clause.dep_ == "advcl" and start >= right and all(t.is_punct for t in doc[right:start]) \
                and any(c.dep_ == "mark" and c.lower_ in lexicon.continuing_marks for c in clause.children) \
                and not any(_reports_itself(t, lexicon) for t in clause.subtree):  # ("because he thought ...")
            return clause.right_edge.i + 1
    return right


def reports(tok: Token, lexicon: Lexicon) -> bool:
    """A verb of speech, stance or belief (not one that only introduces quotations, "began")."""
    cue = cue_verb_of(tok, lexicon)
    return cue is not None and tok.pos_ in ("VERB", "AUX") and cue.kind in ("speech", "stance", "belief")


def _reports_itself(tok: Token, lexicon: Lexicon) -> bool:
    """A verb of speech, belief or stance with a subject of its own: a report of its own."""
    return reports(tok, lexicon) and any(c.dep_ in SUBJ_DEPS for c in tok.children)


def _before_conjunction(tok: Token, floor: int) -> int:
    """Where the clause joined by ``tok`` begins, its "and" or comma included (not before
    ``floor``)."""
    doc = tok.doc
    cut = tok.left_edge.i
    while cut > floor and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
        cut -= 1
    return cut


def _listener_like(obj: Token) -> bool:
    """"told reporters", "told him", "told a Senate panel": people or an institution."""
    return obj.pos_ == "PRON" or obj.tag_ in ("NNS", "NNPS") or any(
        t.ent_type_ in ("PERSON", "ORG", "NORP") for t in obj.subtree)


def _parenthetical(verb: Token) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """Reported clause around a cue set off by commas: the part before it and the part
    after it ("Those who vote, he said, must register")."""
    head = verb.head
    if verb.dep_ == "conj" and verb.i > head.i and not any(
            c.dep_ == "cc" and _joined_from(verb) < c.i < verb.i for c in head.children) and not any(
            c.dep_ == "dobj" and not _listener_like(c) for c in verb.children):
        # "This includes a special force, Ash Carter told a Senate panel.": no "and"
        # before the cue (the "but" of "X is hanging on, but it is under pressure, said
        # Y" joins the clause before it), and no object but the one spoken to.
        pass
    elif verb.dep_ not in ("parataxis", "ccomp"):
        return None
    if head.pos_ not in ("VERB", "AUX") or head.i == verb.i:
        return None
    cue = cue_verb_of(head, load_lexicon())
    if cue is not None and cue.kind == "speech" and any(c.dep_ in SUBJ_DEPS for c in head.children):
        return None  # "“…,” Trump said, after Becky Quick said ...": a report of its own, not the content
    doc = verb.doc
    subj = subject_of(verb)
    named = _named_aside(verb)
    if subj is None or (subj.head.i != verb.i and (named is None or named.i != subj.i)):
        return None
    speaker_start = expand_mention(subj).start
    own = [t.i for t in verb.subtree if not (t.is_punct or t.is_space)]
    own_start = min(min(own), speaker_start)
    if own_start < speaker_start and doc[speaker_start - 1].text == ",":
        # "At times last year, people close to him said, the mention ...": the phrase the
        # parser hung on the cue opens the reported clause.
        own_start = speaker_start
    own_end = max(own)
    clause_start, clause_end = head.left_edge.i, head.right_edge.i
    if head.dep_ in ("conj", "advcl") and head.head.i < own_start:
        # "The theories promoted on “…,” he said, wind up in ...": the parser hung the verb
        # after the cue on the participle before it; the clause is both.
        clause_start = min(clause_start, head.head.left_edge.i)
    comma = before_marks(doc, own_start - 1, clause_start)  # ("…,” he said, …": the comma inside the mark)
    if own_start <= clause_start or doc[comma].text != ",":
        return None
    before = _trim(doc, clause_start, own_start)
    words = [t for t in doc[clause_start:own_start] if not (t.is_punct or t.is_space)]
    if before is None and len(words) == 1 and words[0].pos_ in ("NOUN", "PROPN") and words[0].dep_ in SUBJ_DEPS:
        before = _trim(doc, clause_start, own_start, min_tokens=1)  # "Democrats, Clyburn noted, are ...": its subject
    after = None
    main = head.head
    if head.dep_ == "advcl" and main.i > own_end and own_end + 1 < len(doc) and doc[own_end + 1].text == "," \
            and not any(not (t.is_punct or t.is_space) for t in doc[own_end + 1:clause_end + 1]):
        # "Though the move was smooth, he said, replacing her would be harder": the parser
        # hung the cue on the opening clause; what follows is the main clause.
        clause_end = main.right_edge.i
    if own_end + 1 <= clause_end and doc[own_end + 1].text == ",":
        after = _trim(doc, own_end + 2, clause_end + 1)
    elif own_end + 1 <= clause_end and doc[own_end + 1].text in DASHES:
        pass  # "…, Bill Clinton said this week — an apparent reversal of …": the writer's comment
    elif any(not (t.is_punct or t.is_space) for t in doc[own_end + 1:clause_end + 1]):
        return None  # "X, he said at once and left": not a parenthetical
    return before, after


def _joined_from(verb: Token) -> int:
    """Where the conjunct ``verb`` starts its own part: after the conjunct before it
    (or after its head)."""
    earlier = [c.i for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i]
    return max(earlier, default=verb.head.i)


def before_marks(doc: Doc, i: int, floor: int = 0) -> int:
    """The token at or before ``i`` past closing quotation marks and spaces, no lower than
    ``floor`` ("…,” he said": the comma inside the mark)."""
    while i > floor and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    return i


def _in_idioms(doc: Doc, idioms: tuple[tuple[str, ...], ...]) -> set[int]:
    """Indices of the tokens inside an idiom of ``rules/idioms.txt`` ("all told")."""
    inside: set[int] = set()
    firsts = {idiom[0] for idiom in idioms}
    for tok in doc:
        if tok.lower_ not in firsts:
            continue
        for idiom in idioms:
            if [t.lower_ for t in doc[tok.i:tok.i + len(idiom)]] == list(idiom):
                inside.update(range(tok.i, tok.i + len(idiom)))
    return inside


def _source_phrase_at(doc: Doc, i: int, phrases: tuple[tuple[str, ...], ...], firsts: Container[str]) -> int:
    """Length of a source phrase ("according to") starting at token ``i``, else 0.
    ``firsts``: the phrases' first words (most tokens start none)."""
    if doc[i].lower_ not in firsts:
        return 0
    for phrase in phrases:
        j = i
        for word in phrase:
            j = _word_end(doc, j, word)
            if j < 0:
                break
        # "In Cole's words, ..." is set off by a comma ("in his words and deeds" is no cue);
        # a poll opens its sentence ("In a Marist poll, 50 percent ..."), never sits inside
        # it ("with support above 80 percent in some polls").
        if j > i and POLL in phrase and not (
                j < len(doc) and doc[j].text == "," and sentence_of(doc[i]).start == i):
            continue
        if j > i and ((POSSESSOR not in phrase and POLL not in phrase) or j >= len(doc)
                      or doc[j].text in (",", ".", ";", ":")):
            return j - i
    return 0


POSSESSOR = "<poss>"  # in rules/source_phrases.txt: a possessor, the speaker ("in Cole's words")
_POSSESSOR_TOKENS = 5
POLL = "<poll>"  # ... and a poll, the speaker ("In a Marist poll released Monday, ...")
_POLL_TOKENS = 8


def _word_end(doc: Doc, j: int, word: str) -> int:
    """Where a phrase word (or ``POSSESSOR``, ``POLL``) starting at token ``j`` ends, else -1."""
    if word == POSSESSOR:
        return _possessor_end(doc, j)
    if word == POLL:
        poll = _poll_at(doc, j)
        return poll.right_edge.i + 1 if poll is not None and poll.left_edge.i == j else -1
    return j + 1 if j < len(doc) and doc[j].lower_ == word else -1


def _poll_at(doc: Doc, j: int) -> Token | None:
    """The poll noun heading a noun phrase that starts at token ``j`` ("a new Marist poll
    released Monday"), else None."""
    polls = load_lexicon().poll_nouns
    for k in range(j, min(len(doc), j + _POLL_TOKENS)):
        if (doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in polls) or (
                doc[k].pos_ == "PROPN" and doc[k].lower_ in polls):  # "an ABC News/Washington Post Poll"
            return doc[k]
        if not (doc[k].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") or doc[k].text in ("/", "-")):
            return None
    return None


def _possessor_end(doc: Doc, j: int) -> int:
    """Where a possessor starting at token ``j`` ends ("his", "Cole's", "the mayor's"), else -1."""
    if j >= len(doc):
        return -1
    if doc[j].tag_ == "PRP$":
        return j + 1
    for k in range(j, min(len(doc), j + _POSSESSOR_TOKENS)):
        if doc[k].text in ("'s", "’s") and k > j:
            return k + 1
        if not (doc[k].pos_ in ("PROPN", "NOUN", "DET", "ADJ") or doc[k].text in (".", "-")):
            return -1
    return -1


def _source_cue(doc: Doc, i: int, n: int) -> Cue | None:
    """"According to X, Y." : the speaker is X, the content is the rest of the clause."""
    last = doc[i + n - 1]
    # "according to X": the object; "in X's words": the possessor; "in a Marist poll": the poll.
    objs = [c for c in last.children if c.dep_ == "pobj"] or [c for c in last.children if c.dep_ == "poss"]
    polled = not objs and doc[i].lower_ == "in"
    if polled:
        poll = _poll_at(doc, i + 1)
        objs = [poll] if poll is not None else []
    if not objs:
        return None
    phrase_start, phrase_end = i, max(objs[0].right_edge.i, i + n - 1) + 1
    speaker = made_by(objs[0], load_lexicon())
    sent = sentence_of(doc[i])
    head = doc[i].head
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # "According to X, the candidate is once again leading": the verb, not its auxiliary
    if head.i == doc[i].i or not (sent.start <= head.i < sent.end):
        left, right = sent.start, sent.end
    else:
        clause = head
        while clause.dep_ in ("conj",) and clause.head.i != clause.i:
            clause = clause.head
        left, right = clause.left_edge.i, clause.right_edge.i + 1
    if phrase_start == left:
        phrase_end = _source_end(objs[0], phrase_end, rooted=head.i == doc[i].i)
    if phrase_start - left >= right - phrase_end:
        right = phrase_start
    else:
        left = phrase_end
    if polled and any(_reports_itself(t, load_lexicon()) for t in doc[left:right]):
        return None  # "In a poll of voters, most said ...": what they said, not the poll
    return Cue(doc[i], doc[i:i + n], speaker, _trim(doc, left, right), "source", False)


def _source_end(speaker: Token, end: int, rooted: bool) -> int:
    """Where an opening source phrase ends: its first comma where the parse hung the
    clause it introduces on the source ("According to the AP, 571 of the delegates —
    a group of party leaders — supported Clinton": "supported" is no part of the AP) or
    made the phrase the sentence's root (``rooted``)."""
    doc = speaker.doc
    for t in doc[speaker.i + 1:end]:
        if t.text == ",":
            rest = doc[t.i + 1:end]
            if rooted or any(r.tag_ in FINITE_TAGS and not any(a.dep_ == "relcl" for a in [r, *r.ancestors])
                             for r in rest):
                return t.i
            return end
    return end


SCOPES = ("speech", "all")


def find_cues(doc: Doc, lexicon: Lexicon, scope: str = "speech") -> list[Cue]:
    """Every attribution cue in the Doc, in token order.

    ``scope`` "speech": what people say, write and believe. Verbs of stated position
    (the ``stance`` class of ``rules/cue_verbs.txt``) are kept as "stance-quoted": they
    count only where their object quotes the speaker's words ("called Clinton the
    “Devil”"). ``scope`` "all" (every attribution, as PolNeAR annotates them): stated
    positions ("endorsed Trump") with kind "stance", and attributions to no one named
    ("seems close", "is expected to win") with kind "impression".
    """
    every = scope == "all"
    cues: list[Cue] = []
    firsts = {phrase[0] for phrase in lexicon.source_phrases}
    idiomatic = _in_idioms(doc, lexicon.idioms)
    for tok in doc:
        n = _source_phrase_at(doc, tok.i, lexicon.source_phrases, firsts)
        if n:
            cue = _source_cue(doc, tok.i, n)
            if cue is not None:
                cues.append(cue)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.cue_nouns:
            noun_cue = _noun_cue(tok, lexicon.cue_nouns[tok.lemma_.lower()], lexicon, every)
            if noun_cue is not None:
                cues.append(noun_cue)
            continue
        if tok.i in idiomatic:
            continue  # "All told, ...": the writer's turn of phrase
        verb = cue_verb_of(tok, lexicon)
        lemma = verb.lemma if verb is not None else tok.lemma_.lower()
        if verb is None and lexicon.reporting.reports_clause(lemma) and reporting_shape(tok, lexicon):
            # A verb the lexicon lacks, with the shape of reported speech ("X predicted
            # that ..."), decided by lemma in rules/reporting_verbs.txt.
            verb = CueVerb(lemma, "speech", frozenset({"ccomp"}))
        if verb is None and tok.pos_ == "VERB":
            # "identified the judge as “Spanish,”": what someone calls a thing, in the words
            # they used, is theirs whatever the verb (its own subject: not "… about groping
            # and forcing himself on women as “…”", a participle's).
            bounds = _quoted_predicate(tok)
            speaker = subject_of(tok) if bounds is not None else None
            if bounds is not None and speaker is not None and _own_subject(tok, speaker) \
                    and speaker_like(speaker, lexicon):
                cues.append(Cue(tok, doc[tok.i:tok.i + 1], made_by(speaker, lexicon), bounds, "stance-quoted", False))
            continue
        if verb is None or tok.pos_ not in ("VERB", "AUX") or _plural_noun_misread(tok):
            continue
        if verb.kind == "impression" or (verb.passive and is_agentless_passive(tok)):
            # "The race seems close", "Trump is expected to win": said by no one named.
            # With scope "speech", what an agentless passive of speech reports ("Asked whether
            # ...", "he was told that ...") as a clause, not a phrase ("was charged with
            # battery") nor what its subject did ("Obama is reported to have called ...").
            complements = _complements(tok, verb)
            content = _unattributed_content(tok, complements) if every or (verb.kind == "speech" and all(
                c.dep_ == "ccomp" for c in complements)) else None
            if content is not None:
                cues.append(Cue(tok, doc[tok.i:tok.i + 1], None, content, "impression", False))
            if verb.kind == "impression" or every:
                continue
        # "Asked whether ..., Trump said": the one asked is not the one asking.
        speaker = None if is_agentless_passive(tok) else subject_of(tok)
        if speaker is not None:
            speaker = made_by(speaker, lexicon)
        # A verb that only introduces quotations ("“…,” he continued") reports a clause
        # where it takes one with "that" ("Clinton fired back that ...").
        content = _content_of(tok, verb, lexicon.cue_verbs) if verb.kind != "direct" or _that_clause(tok) else None
        kind = verb.kind
        # Measured precise in rules/reporting_verbs.txt for this lemma in one of its shapes here.
        measured = lexicon.reporting.reports_object(lemma, measured_shapes(tok, speaker, lexicon))
        if kind == "stance" and not every and not measured:
            kind = "stance-quoted"  # reported only where its object quotes words
        elif kind == "belief" and not every and lemma in lexicon.reporting.quiet_beliefs:
            kind = "belief-quoted"  # "we know that ...": seldom an attribution unless it quotes words
        if content is None and speaker is not None and ((every and verb.object_content) or (
                measured and object_shape(tok, lexicon))):
            # "announced his candidacy", "polls show Clinton ahead": the object states a
            # position (with scope "all", or where rules/reporting_verbs.txt measured it precise).
            objects = _objects(tok)
            bounds = _with_tail(tok, *_covered(objects, tok)) if objects else None
            if bounds is not None and poll_subject(speaker, lexicon):
                bounds = _with_figures(tok, *bounds)
            content = _trim(doc, *bounds, min_tokens=1) if bounds is not None else None
            kind = "stance"
        if content is None and kind == "speech" and speaker is not None and not verb.listener:
            # "emphasized the need for an “unshakeable commitment”": a speech verb's object
            # is a quote where it quotes words.
            objects = _objects(tok)
            if objects:
                bounds = _covered(objects, tok)
                covered = doc[slice(*bounds)]
                if _mostly_own_words(covered) or _wholly_quoted(covered):
                    content = _trim(doc, *_with_tail(tok, *bounds), min_tokens=1)
                    kind = "stance-quoted"
        if content is None and kind == "speech" and speaker is not None and not verb.listener:
            content = _answer(tok, lexicon.answers)  # "46 percent said yes", "who say the same of Sanders"
        if content is None and speaker is not None and not verb.listener:
            predicate = _quoted_predicate(tok)  # "recalled the mill as “the heart of the town”"
            if predicate is not None:
                content, kind = predicate, "stance-quoted"
        if content is not None and verb.risk and _participle_intention(tok):
            content = None  # "clamped down on exports, threatening to shut down plants": a risk, not a threat made
        resumed = _resumed_content(tok) if verb.kind != "direct" else None
        if content is None and speaker is not None and verb.kind in ("speech", "direct"):
            aside = _as_aside(tok)
            if aside is not None:
                (content, resumed), kind = aside, "speech"
        inverted = _inverted_aside(tok, lexicon) if verb.kind in ("speech", "direct") else None
        if inverted is not None:
            # "The plan, said Ann Cole, a county judge, would fail": the name after the cue
            # speaks, and the clause it interrupts is what was said.
            speaker, content, resumed = inverted
        # Kept even without speaker or content: a cue right beside quotation marks
        # finds its speaker by position when the parse is wrong.
        if speaker is not None and verb.listener and speaker.i > tok.i:
            speaker = None  # "told The Huffington Post": the listener, parsed as subject
        if content is not None:
            content = _with_infinitive_list(tok, content)
        cues.append(Cue(tok, doc[tok.i:tok.i + 1], speaker, content, kind, verb.listener, resumed))
    return cues


def _with_infinitive_list(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Content ending in an infinitive ("urged the governor to play by the rules") run on
    over the bare verbs the parser joined to the cue after it (", make the payment and
    build good will"): a base form cannot go on "urging" or "touted", so it goes on the
    infinitive's list."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return content
    doc = verb.doc
    start, end = content
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None or not any(t.tag_ == "TO" and t.head.tag_ == "VB" and t.head.i > t.i for t in inside):
        return content
    last = inside.end - 1
    listed = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VB" and c.i > last and not any(
        g.dep_ in SUBJ_DEPS or g.dep_ in ("aux", "neg") for g in c.children)]  # (not "but they do want ...")
    if not listed or not all(t.is_punct or t.dep_ == "cc" for t in doc[last + 1:listed[0].left_edge.i]):
        return content
    right = max(t.i for t in listed[-1].subtree)
    while right > last and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return start, doc[right].idx + len(doc[right])


def _answer(verb: Token, answers: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    """The words right after a verb of speech that stand for what was said ("said yes",
    "said so", "say the same of Sanders": ``rules/answers.txt``), with an "of" or "about"
    phrase after them; None where none follows or where they open a noun phrase ("announced
    as much stimulus")."""
    doc = verb.doc
    for phrase in answers:
        end = verb.i + 1 + len(phrase)
        if end <= len(doc) and tuple(t.lower_ for t in doc[verb.i + 1:end]) == phrase:
            if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                return None  # "announce as much stimulus", "said the same program": not an answer
            if end < len(doc) and doc[end].lower_ in ("of", "about") and doc[end].dep_ == "prep":
                end = max(end, doc[end].right_edge.i + 1)
            return _trim(doc, verb.i + 1, end, min_tokens=1)
    return None


def _plural_noun_misread(tok: Token) -> bool:
    """"campaigning in Vermont, states that vote on March 1", "has maintained that X,
    claims that the report could not corroborate": a plural noun the tagger read as a
    present-tense verb joined to a verb in another tense, with no "and" and no subject."""
    head = tok.head
    return (tok.dep_ == "conj" and tok.tag_ == "VBZ" and tok.i > 0 and tok.doc[tok.i - 1].text == ","
            and any(c.dep_ in ("aux", "auxpass") for c in head.children)
            and not any(c.dep_ == "cc" and head.i < c.i < tok.i for c in head.children)
            and not any(c.dep_ in SUBJ_DEPS or c.dep_ in ("aux", "auxpass") for c in tok.children))


def _that_clause(verb: Token) -> bool:
    """The verb takes a clause opened by "that" after it."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children)


def _as_aside(verb: Token) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """"As Ann Cole noted, the bridge is old", "The bridge, as she put it, is old": a cue
    set off by "as" reports the rest of its sentence (the parts before and after it). Not
    when the verb has an object of its own ("As she said this, ..."; "it" is allowed)."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dative") or (c.dep_ == "dobj" and c.lower_ != "it") for c in verb.children):
        return None
    if verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children) or any(
            c.dep_ == "advmod" and c.lower_ == "even" for c in verb.children):
        return None  # "as he was speaking", "even as he says": a time or a concession
    if verb.head.pos_ in ("ADJ", "ADV"):
        return None  # "as bad as she said": a comparison
    doc = verb.doc
    sent = sentence_of(verb)
    left, right = verb.left_edge.i, verb.right_edge.i + 1
    before = _trim(doc, sent.start, left) if left > sent.start else None
    after = _trim(doc, right, sent.end) if right < sent.end else None
    if before is None and after is None:
        return None
    return (before, after) if before is not None else (after, None)


def _quoted_head(tok: Token) -> bool:
    """The phrase's head word is the last inside quotation marks ("the “Washington
    cartel”", "''financial supermarkets,''"), not a noun the quoted words modify."""
    doc = tok.doc
    nxt = tok.i + 1
    if nxt < len(doc) and doc[nxt].text in (",", "."):
        nxt += 1
    return nxt < len(doc) and (doc[nxt].text in _DOUBLE_MARKS or doc[nxt].text in ("''", "'", "’"))


def _mostly_own_words(span: Span) -> bool:
    """"the need for an “unshakeable commitment” to Israel": a few quoted words inside
    the writer's own, not a quotation with a word before it ("something like, “…”")."""
    quoted = own = 0
    inside = False
    for tok in span:
        if tok.text in _DOUBLE_MARKS:
            inside = tok.text == "“" or (tok.text == '"' and not inside)
            continue
        if tok.is_alpha:
            quoted, own = (quoted + 1, own) if inside else (quoted, own + 1)
    return quoted > 0 and own >= quoted


def _wholly_quoted(span: Span) -> bool:
    """"He said “The Hispanics” and left": the object is nothing but quoted words."""
    doc = span.doc
    opened = span[0].text in _DOUBLE_MARKS or (span.start > 0 and doc[span.start - 1].text in _DOUBLE_MARKS)
    closed = span[-1].text in _DOUBLE_MARKS or (span.end < len(doc) and doc[span.end].text in _DOUBLE_MARKS)
    inner = [tok for tok in span if tok.text not in _DOUBLE_MARKS]
    return opened and closed and any(tok.is_alpha for tok in inner) and not any(
        tok.text in _DOUBLE_MARKS for tok in span[1:-1])


def _quoted_predicate(verb: Token) -> tuple[int, int] | None:
    """"identified the judge as “Spanish,”", "recalled the mill as “the heart of the town”",
    "offered himself as a “law and order” candidate": the verb's object and an "as" phrase
    after it whose noun is quoted or opens with quoted words (the object with what it was
    called), else None."""
    objects = _objects(verb)
    if not objects:
        return None
    doc = verb.doc
    for phrase in [*verb.children, *objects[0].children]:  # (or on the object: "comments as “…”")
        if phrase.dep_ != "prep" or phrase.lower_ != "as" or phrase.i < objects[0].i or phrase.right_edge.i == phrase.i:
            continue
        noun = next((c for c in phrase.children if c.dep_ == "pobj"), None)
        opening = next((t.i for t in doc[phrase.i + 1:phrase.i + 3] if t.text in _DOUBLE_MARKS), None)
        if noun is None or opening is None or opening > noun.i:
            continue
        # The words quoted, to the closing mark and the phrase's noun: the phrase may run on
        # after them ("as “Spanish,” which is ..."), and the parser may hang the mark on the verb.
        closing = next((t.i for t in doc[opening + 1:phrase.right_edge.i + 3] if t.text in _DOUBLE_MARKS), None)
        if closing is not None and any(t.is_alpha for t in doc[opening:closing]):
            return _trim(doc, objects[0].left_edge.i, max(closing, noun.i) + 1, min_tokens=1)
    return None


def _noun_cue(tok: Token, noun: CueNoun, lexicon: Lexicon, every: bool) -> Cue | None:
    """"his claim that ...", "Sanders made the argument that ...", "her call for ...":
    the speaker is the possessor, or the subject of a light verb taking the noun."""
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    head = tok.head
    if speaker is None and tok.dep_ in ("dobj", "attr") and head.lemma_.lower() in lexicon.light_verbs:
        speaker = subject_of(head)
    if speaker is None:
        return None
    complements = [c for c in tok.children if c.i > tok.i and (
        (c.dep_ in noun.complements and (c.dep_ != "acl" or _is_clause(c)))
        or (c.dep_ == "prep" and c.lower_ in noun.preps))]
    content = _trim(tok.doc, *_covered(complements, tok)) if complements else None
    if content is None:
        return None
    kind = noun.kind if noun.kind == "speech" or every else "stance-quoted"
    return Cue(tok, tok.doc[tok.i:tok.i + 1], speaker, content, kind, False)


def _is_clause(tok: Token) -> bool:
    """"the claim that X did Y" / "the decision to leave", not "the statement released by"."""
    return any(c.dep_ in ("mark", "aux") or c.dep_ in SUBJ_DEPS for c in tok.children)


def _participle_intention(verb: Token) -> bool:
    """"..., threatening to shut down operations": a participle that hangs on another
    verb and takes only an infinitive describes what the action does, not an intention
    its subject stated ("..., saying it would" still reports)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in SUBJ_DEPS or c.dep_ == "ccomp" for c in verb.children) and any(
        c.dep_ == "xcomp" for c in verb.children)


def _inverted_aside(verb: Token, lexicon: Lexicon) -> tuple[Token, tuple[int, int], tuple[int, int] | None] | None:
    """"The plan, said Ann Cole, a county judge, would fail." parsed as "The plan said"
    with "Ann Cole ... would fail" its clause: a cue between commas followed at once by a
    name (or a description of people: "said officials") that the clause after takes as
    its subject. The speaker, the part before, the part after."""
    doc = verb.doc
    sent = sentence_of(verb)
    if verb.i - 1 <= sent.start or doc[verb.i - 1].text != ",":
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        # The name as the clause's subject, or as a second subject of the cue ("The plan,
        # said Ann Cole, would fail": "plan" and "Cole" both the subject of "said").
        name = next((c for c in [*clause.children, *verb.children]
                     if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None)
        if name is None or not ((name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG"))
                                or (name.pos_ == "NOUN" and speaker_like(name, lexicon))):
            return None  # (a name, or a description of people: "said officials", "say experts like X")
        end = max(t.i for t in name.subtree if not t.is_punct) + 1  # (the parser hangs the comma on the name)
        if end >= clause.right_edge.i or doc[end].text != ",":
            return None
        before = _trim(doc, sent.start, verb.i - 1)
        if before is None or doc[verb.i - 2].is_quote:
            return None  # "“…,” said Ann Cole, ...": the quotation's own cue
        return name, before, _trim(doc, end + 1, clause.right_edge.i + 1)
    return None


def _resumed_content(verb: Token) -> tuple[int, int] | None:
    """The other piece of a reported clause a cue set off by commas interrupts: "Those who
    vote, he said, must register" (the part after it), "There is a risk, some Democrats
    said, that ..." (the part before it, where the parser hung both parts on the cue)."""
    pieces = _parenthetical(verb)
    after = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if pieces:
        # (with a clause of its own after it, the cue's content is that clause: the piece
        # before is the other one, where it is a clause with its subject, not "When asked
        # why, X responded: ...")
        if after and pieces[1] is None:
            head = verb.head
            clause = head.tag_ in FINITE_TAGS and any(c.dep_ in SUBJ_DEPS or c.dep_ == "expl" for c in head.children)
            return pieces[0] if clause else None
        return pieces[1]
    before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.i < verb.i), None)
    if len(before) != 1 or not after or subj is None:
        return None
    doc = verb.doc
    opening, start = after[0].left_edge, subj.left_edge.i
    if opening.lower_ != "that" or doc[opening.i - 1].text != "," or start == 0 or doc[start - 1].text != "," \
            or before[0].right_edge.i + 1 < start - 1:
        return None
    return _trim(doc, before[0].left_edge.i, start - 1)
