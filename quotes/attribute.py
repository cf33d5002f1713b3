"""Find attribution cues in a parsed Doc and link quotes to them.

A *cue* is a speech or belief verb (``rules/cue_verbs.txt``) or a source phrase
(``according to``, ``rules/source_phrases.txt``), with the mention of who speaks and,
for reported speech, the character range of what is reported. Then every quote gets
its cue: reported speech from the parse, direct quotes from the parse or from the cue
beside them, continuation of the previous speaker, or a colon introduction.

This module finds *mentions* (spans in the Doc); turning a mention into a canonical
person is ``quotes.resolve``'s job.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from quotes.detect import DirectSpan, Paragraphs
from quotes.lexicon import CueVerb, Lexicon
from quotes.spans import Cue, QuoteMatch

# Dependency labels, named as in textacy.
_SUBJ_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
_INHERIT_SUBJ_DEPS = {"conj", "xcomp", "advcl"}  # "..., saying X", "declined to say"
_MENTION_DEPS = {"compound", "det", "amod", "nmod", "poss", "nummod", "flat", "case", "prep",
                 "pobj", "quantmod", "npadvmod", "pcomp"}
_MENTION_DEPS_PROPER = {"compound", "flat", "poss", "case", "det", "amod", "nmod"}
_RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
_SENTENCE_END = re.compile(r"[.!?]")
_WORD = re.compile(r"\w+")

_TRAILING_WINDOW = 14  # tokens after a closing mark in which "…,” X said" is looked for
_LEADING_WINDOW = 30  # tokens before an opening mark in which "X said: “…" is looked for
_MAX_UNQUOTED_IN_DIRECT = 0  # reported content with words outside the marks is mixed
_MAX_FRAGMENT_WORDS = 3  # quoted words inside a running sentence up to this length are fragments
_MIN_UNATTRIBUTED_WORDS = 8  # an unattributed quoted passage shorter than this is a scare quote


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
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in allowed and child.i not in keep:
                keep.add(child.i)
                stack.append(child)
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    doc = head.doc
    while end > start and (doc[end].is_punct or doc[end].text in ("'s", "’s")):
        end -= 1
    return doc[start:end + 1]


def _relative_antecedent(tok: Token) -> Token:
    """For "who" in "Lutnick, who said ...", the noun the relative clause modifies."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "relcl":
        return verb.head
    return tok


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who performs ``verb``: subject, passive agent, or the subject of the verb it hangs on."""
    for child in verb.children:
        if child.dep_ in _SUBJ_DEPS:
            if child.lower_ in _RELATIVE_PRONOUNS:
                ante = _relative_antecedent(child)
                return ante if ante.i != child.i else None
            if child.dep_ == "csubj":
                return None
            return child
    for child in verb.children:
        if child.dep_ == "agent":  # "was said by X"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if any(c.dep_ in _PASSIVE_SUBJ_DEPS for c in verb.children):
        return None  # "he was told that ...": the subject is the listener
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and depth < 3:
        return subject_of(verb.head.head, depth + 1)  # "inflamed tensions by saying, ..."
    if verb.dep_ == "conj":
        # "He says A and says B": the parser hangs the second "says" inside A; its
        # subject is the first one's.
        anc = verb.head
        while anc.dep_ in ("ccomp", "conj", "xcomp", "advcl") and anc.head.i != anc.i and anc.lemma_ != verb.lemma_:
            anc = anc.head
        if anc.lemma_ == verb.lemma_ and anc.i != verb.i:
            return subject_of(anc, depth + 1)
    if depth < 3 and verb.dep_ in _INHERIT_SUBJ_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


# ------------------------------------------------------------------ content


def _trim(doc: Doc, start: int, end: int, min_tokens: int = 2) -> tuple[int, int] | None:
    """Token range -> character range, without a leading "that" and edge punctuation."""
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    if end - start < min_tokens:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _subtree_range(tok: Token, avoid: Token) -> tuple[int, int]:
    """Token range of ``tok``'s subtree, cut so it does not reach ``avoid``."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if left <= avoid.i < right:
        if tok.i > avoid.i:
            left = avoid.i + 1
        else:
            right = avoid.i
    return left, right


def _content_of(verb: Token, cue: CueVerb) -> tuple[int, int] | None:
    doc = verb.doc
    complements = [c for c in verb.children if c.dep_ in cue.complements]
    if cue.kind == "stance":
        # "endorsed Trump", "called him divisive": the object (and its complement).
        if not complements or any(c.dep_ in _PASSIVE_SUBJ_DEPS for c in verb.children):
            return None
        left = min(_subtree_range(c, verb)[0] for c in complements)
        right = max(_subtree_range(c, verb)[1] for c in complements)
        return _trim(doc, left, right, min_tokens=1)
    if complements:
        comp = max(complements, key=lambda c: c.right_edge.i - c.left_edge.i)
        left, right = _subtree_range(comp, verb)
        if comp.dep_ == "ccomp" and doc[left].lower_ == "to" and "xcomp" not in cue.complements:
            return None  # "agreed to allow": an infinitive, not reported speech
        # "warned the tariffs ... amounted to an embargo": the parser took the clause's
        # subject for the verb's object.
        if comp.dep_ == "ccomp" and not any(c.dep_ in _SUBJ_DEPS | _PASSIVE_SUBJ_DEPS for c in comp.children):
            objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.i]
            if objs and not any(t.lower_ == "that" for t in doc[objs[0].right_edge.i:left]):
                left = objs[0].left_edge.i
        # "says A and says B": A ends where the second cue's clause begins.
        for tok in doc[left:right]:
            if tok.dep_ == "conj" and tok.lemma_ == verb.lemma_ and tok.i > verb.i:
                right = min(right, tok.left_edge.i)
                break
        # "said X, but that Y": later clauses joined to the verb still report.
        for sib in verb.children:
            if sib.dep_ == "conj" and sib.i > comp.i and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in sib.children):
                right = max(right, sib.right_edge.i + 1)
        return _trim(doc, left, right)
    sent = verb.sent
    # "told reporters gathered in London that ...": the parser lost the clause; take
    # what follows the first "that" shortly after the verb.
    for tok in doc[verb.i + 1:min(verb.i + 10, sent.end)]:
        if tok.lower_ == "that" and tok.dep_ in ("mark", "nsubj", "dobj", "det") and tok.i + 2 < sent.end:
            if tok.dep_ == "det":
                break
            return _trim(doc, tok.i + 1, sent.end)
        if tok.text in (".", "!", "?", ";", ":"):
            break
    # "X, the person said." / "X, he said, Y." where the parser hung the cue on the
    # reported clause.
    pieces = _parenthetical(verb)
    return pieces[0] if pieces else None


def _parenthetical(verb: Token) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """Reported clause around a cue set off by commas: the part before it and the part
    after it ("Those who vote, he said, must register")."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp") or head.pos_ not in ("VERB", "AUX") or head.i == verb.i:
        return None
    doc = verb.doc
    subj = subject_of(verb)
    if subj is None or subj.head.i != verb.i:
        return None
    own = [t.i for t in verb.subtree if not (t.is_punct or t.is_space)]
    own_start = min(min(own), expand_mention(subj).start)
    own_end = max(own)
    clause_start, clause_end = head.left_edge.i, head.right_edge.i
    if own_start <= clause_start or doc[own_start - 1].text != ",":
        return None
    before = _trim(doc, clause_start, own_start)
    after = None
    if own_end + 1 <= clause_end and doc[own_end + 1].text == ",":
        after = _trim(doc, own_end + 2, clause_end + 1)
    elif any(not (t.is_punct or t.is_space) for t in doc[own_end + 1:clause_end + 1]):
        return None  # "X, he said at once and left": not a parenthetical
    return before, after


def _source_phrase_at(doc: Doc, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of a source phrase ("according to") starting at token ``i``, else 0."""
    for phrase in phrases:
        n = len(phrase)
        if i + n <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(phrase)):
            return n
    return 0


def _source_cue(doc: Doc, i: int, n: int) -> Cue | None:
    """"According to X, Y." : the speaker is X, the content is the rest of the clause."""
    last = doc[i + n - 1]
    objs = [c for c in last.children if c.dep_ == "pobj"]
    if not objs:
        return None
    speaker = objs[0]
    phrase_start, phrase_end = i, speaker.right_edge.i + 1
    sent = doc[i].sent
    head = doc[i].head
    if head.i == doc[i].i or not (sent.start <= head.i < sent.end):
        left, right = sent.start, sent.end
    else:
        clause = head
        while clause.dep_ in ("conj",) and clause.head.i != clause.i:
            clause = clause.head
        left, right = clause.left_edge.i, clause.right_edge.i + 1
    if phrase_start - left >= right - phrase_end:
        content = _trim(doc, left, phrase_start)
    else:
        content = _trim(doc, phrase_end, right)
    return Cue(doc[i], doc[i:i + n], speaker, content, "source", False)


def find_cues(doc: Doc, lexicon: Lexicon, stances: bool = False) -> list[Cue]:
    """Every attribution cue in the Doc, in token order. Verbs of stated position
    (the ``stance`` class of ``rules/cue_verbs.txt``) are kept with kind "stance" when
    ``stances`` is set, else as "stance-quoted": they then count only where their object
    quotes the speaker's words ("called Clinton the “Devil”")."""
    cues: list[Cue] = []
    for tok in doc:
        n = _source_phrase_at(doc, tok.i, lexicon.source_phrases)
        if n:
            cue = _source_cue(doc, tok.i, n)
            if cue is not None:
                cues.append(cue)
            continue
        verb = lexicon.cue_verbs.get(tok.lemma_.lower())
        if verb is None or tok.pos_ not in ("VERB", "AUX"):
            continue
        speaker = subject_of(tok)
        content = _content_of(tok, verb) if verb.kind != "direct" else None
        resumed = _resumed_content(tok) if verb.kind != "direct" else None
        # Kept even without speaker or content: a cue right beside quotation marks
        # finds its speaker by position when the parse is wrong.
        if speaker is not None and verb.listener and speaker.i > tok.i:
            speaker = None  # "told The Huffington Post": the listener, parsed as subject
        kind = "stance-quoted" if verb.kind == "stance" and not stances else verb.kind
        cues.append(Cue(tok, doc[tok.i:tok.i + 1], speaker, content, kind, verb.listener, resumed))
    return cues


def _resumed_content(verb: Token) -> tuple[int, int] | None:
    """"Those who vote, he said, must register": the part after the parenthetical cue."""
    pieces = _parenthetical(verb)
    return pieces[1] if pieces else None


# ------------------------------------------------------------------ linking quotes


def _words(text: str) -> int:
    return len(_WORD.findall(text))


class _Spans:
    """Direct spans with fast lookup of which one covers a character offset."""

    def __init__(self, spans: list[DirectSpan]) -> None:
        self.spans = spans
        self.starts = [s.open_start for s in spans]

    def covering(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and self.spans[k].open_start <= offset < self.spans[k].close_end:
            return k
        return None


def _speaker_span(cue: Cue) -> Span | None:
    return expand_mention(cue.speaker) if cue.speaker is not None else None


def link_quotes(doc: Doc, direct: list[DirectSpan], cues: list[Cue], lexicon: Lexicon) -> list[QuoteMatch]:
    """Turn direct spans and cues into quotes with their cue and speaker mention."""
    text = doc.text
    spans = _Spans(direct)
    paragraphs = Paragraphs(text)
    # Cues inside quotation marks belong to the quoted speaker's own words.
    outside = [c for c in cues if spans.covering(c.token.idx) is None]
    matches: list[QuoteMatch] = []
    attributed: dict[int, QuoteMatch] = {}
    consumed: set[int] = set()

    # 1. Reported speech from the parse; quoted passages inside it make it mixed or direct.
    pieces = [(cue, piece) for cue in outside if cue.speaker is not None
              for piece in (cue.content, cue.resumed) if piece is not None]
    closes: list[tuple[int, QuoteMatch]] = []  # reported speech, by where it ends
    for cue, (c_start, c_end) in pieces:
        if cue.speaker is not None and c_start <= cue.speaker.idx < c_end:
            continue
        inside = [k for k, d in enumerate(direct) if d.start < c_end and d.end > c_start]
        if cue.kind == "stance-quoted" and not inside:
            continue  # "endorsed Trump" is not a quote unless it quotes words
        # Words after the last quotation mark and before a trailing cue are attribution
        # material the parser took into the clause ("“…,” organizing director X told").
        counted_end = c_end
        if inside and cue.token.idx >= c_end:
            counted_end = min(c_end, max(direct[k].close_end for k in inside))
        content_words = _words(text[c_start:counted_end])
        quoted_words = sum(_words(text[max(c_start, direct[k].start):min(c_end, direct[k].end)]) for k in inside)
        mention = _speaker_span(cue)
        if inside and content_words - quoted_words <= _MAX_UNQUOTED_IN_DIRECT:
            for k in inside:
                if k not in attributed:
                    d = direct[k]
                    attributed[k] = QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
            continue
        if any(k in attributed for k in inside):
            continue
        if inside:
            start = min(c_start, *(direct[k].start for k in inside))
            end = max(c_end, *(direct[k].end for k in inside))
            consumed.update(inside)
            match = QuoteMatch(start, end, "mixed", cue, mention, "cue")
            closes.append((max(end, *(direct[k].close_end for k in inside)), match))
        else:
            match = QuoteMatch(c_start, c_end, "indirect", cue, mention, "cue")
            closes.append((c_end, match))
        matches.append(match)

    # 2. Direct quotes: the cue beside them, continuation, or a colon introduction.
    cue_by_token = {c.token.i: c for c in outside}
    previous: QuoteMatch | None = None
    previous_close = -1
    for k, d in enumerate(direct):
        if k in consumed:
            continue
        match = attributed.get(k)
        fragment = _is_fragment(text, d)
        if match is None and not fragment:
            match = _adjacent_cue(doc, d, direct, k, cue_by_token)
        # The quote just before may be reported speech found in step 1.
        for close, reported in closes:
            if previous_close < close <= d.open_start:
                previous, previous_close = reported, close
        if match is None and not fragment and previous is not None and previous.mention is not None \
                and _directly_follows(text, previous, previous_close, d, paragraphs, lexicon.connectives):
            match = QuoteMatch(d.start, d.end, "direct", previous.cue, previous.mention, "continuation")
        if match is None and not fragment:
            match = _colon_intro(doc, d, direct, k)
        if match is None:
            if d.closed and _words(text[d.start:d.end]) >= _MIN_UNATTRIBUTED_WORDS:
                match = QuoteMatch(d.start, d.end, "direct", None, None, "none")
            else:
                continue  # scare quotes, titles, or a stray mark
        matches.append(match)
        previous, previous_close = match, d.close_end
    return _without_overlaps(matches)


def _is_fragment(text: str, d: DirectSpan) -> bool:
    """A few quoted words inside a running sentence ("hammered the “disgusting” media"):
    a scare quote or part of a mixed quote, never a direct quote on its own."""
    if _words(text[d.start:d.end]) > _MAX_FRAGMENT_WORDS:
        return False
    before = text[:d.open_start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "’'")


def _tokens_between(doc: Doc, start_char: int, end_char: int) -> Span:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _adjacent_cue(doc: Doc, d: DirectSpan, direct: list[DirectSpan], k: int,
                  cue_by_token: dict[int, Cue]) -> QuoteMatch | None:
    """“…,” she said / “…,” said Mr. X / She said: “…” — the cue right beside the marks.

    A cue whose subject the parse found wins over one whose speaker is taken by
    position (the parser often mangles inverted attributions).
    """
    text = doc.text
    limit = direct[k + 1].open_start if k + 1 < len(direct) else len(text)
    para_end = text.find("\n", d.close_end)
    limit = min(limit, para_end if para_end >= 0 else len(text))
    after = _tokens_between(doc, d.close_end, limit)
    trailing = after[:_TRAILING_WINDOW]
    trailing_cues = []
    for n, tok in enumerate(trailing):
        if n > 0 and _SENTENCE_END.fullmatch(tok.text):
            break
        if tok.i in cue_by_token:
            trailing_cues.append(cue_by_token[tok.i])
    # Leading: the clause before the opening mark ends in "said," or "said:" or "said".
    floor = direct[k - 1].close_end if k > 0 else 0
    floor = max(floor, text.rfind("\n", 0, d.open_start) + 1)
    before = _tokens_between(doc, floor, d.open_start)
    leading = before[-_LEADING_WINDOW:]
    leading_cues = []
    if len(before) and (before[-1].text in (",", ":") or before[-1].i in cue_by_token):
        leading_cues = [cue_by_token[t.i] for t in reversed(leading) if t.i in cue_by_token]

    for cue in trailing_cues:
        if cue.speaker is not None and d.close_end <= cue.speaker.idx < limit:
            return QuoteMatch(d.start, d.end, "direct", cue, _speaker_span(cue), "cue")
    for cue in leading_cues:
        if cue.speaker is not None and cue.speaker.idx >= floor:
            return QuoteMatch(d.start, d.end, "direct", cue, _speaker_span(cue), "cue")
    for cue in trailing_cues:
        mention = _positional_speaker(doc, cue.token, trailing.start, trailing.end, cue.listener)
        if mention is not None:
            return QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
    for cue in leading_cues:
        mention = _positional_speaker(doc, cue.token, leading.start, cue.token.i)
        if mention is not None:
            return QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
    return None


_NOMINAL_POS = {"PROPN", "NOUN", "PRON"}


def _positional_speaker(doc: Doc, verb: Token, lo: int, hi: int, listener: bool = False) -> Span | None:
    """The parse gave the cue no subject: take the noun phrase right before the verb
    ("Beck joked", "Rep. Elijah E. Cummings (D-Md.) said"), else right after it ("mused
    co-host Stu Burguiere") unless the verb's object is its listener ("told reporters")."""
    i = verb.i - 1
    if i >= lo and doc[i].text == ")":
        opening = next((k for k in range(i - 1, max(lo, i - 8) - 1, -1) if doc[k].text == "("), None)
        if opening is not None:
            i = opening - 1
    if i >= lo and doc[i].pos_ in _NOMINAL_POS and doc[i].lower_ not in _RELATIVE_PRONOUNS:
        start = i
        while start - 1 >= lo and doc[start - 1].pos_ in ("PROPN", "NOUN"):
            start -= 1
        return doc[start:i + 1]
    if listener:
        return None
    j = verb.i + 1
    while j < hi and doc[j].pos_ in ("DET", "ADJ"):
        j += 1
    if j < hi and doc[j].pos_ in _NOMINAL_POS and doc[j].lower_ not in _RELATIVE_PRONOUNS:
        end = j
        while end + 1 < hi and (doc[end + 1].pos_ in ("PROPN", "NOUN") or doc[end + 1].text == "-"):
            end += 1
        return doc[verb.i + 1:end + 1]
    return None


def _directly_follows(text: str, previous: QuoteMatch, previous_close: int, d: DirectSpan,
                      paragraphs: Paragraphs, connectives: frozenset[str]) -> bool:
    """True when nothing but the previous quote's own attribution stands between them."""
    if previous_close < 0 or previous_close > d.open_start:
        return False
    if paragraphs.number(d.open_start) - paragraphs.number(previous_close - 1) > 1:
        return False
    gap_start = previous_close
    cue = previous.cue
    if cue is not None and previous_close <= cue.token.idx < d.open_start:
        sent_end = cue.token.sent.end_char
        gap_start = max(gap_start, sent_end)
    gap = text[gap_start:d.open_start]
    return all(w.lower() in connectives for w in _WORD.findall(gap))


def _colon_intro(doc: Doc, d: DirectSpan, direct: list[DirectSpan], k: int) -> QuoteMatch | None:
    """"Mr. X had a warning: “…”" — the subject of the clause the colon ends."""
    text = doc.text
    head = text[:d.open_start].rstrip()
    if not head.endswith(":"):
        return None
    colon = doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    floor = max(direct[k - 1].close_end if k > 0 else 0, sent.start_char)
    clause = doc.char_span(floor, colon.start_char, alignment_mode="expand")
    if clause is None:
        return None
    # The subject of the clause before the colon, whose verb is before the colon too.
    subjects = [t for t in clause if t.dep_ in _SUBJ_DEPS and clause.start <= t.head.i < clause.end
                and t.lower_ not in _RELATIVE_PRONOUNS]
    subj = subjects[0] if subjects else None
    if subj is None:
        people = [e for e in clause.ents if e.label_ in ("PERSON", "ORG")]
        if not people:
            return None
        subj = people[0].root
    return QuoteMatch(d.start, d.end, "direct", None, expand_mention(subj), "colon")


_PRIORITY = {"direct": 0, "mixed": 1, "indirect": 2}


def _without_overlaps(matches: list[QuoteMatch]) -> list[QuoteMatch]:
    """Drop quotes that overlap a better one: direct over mixed over indirect, then longer."""
    ranked = sorted(matches, key=lambda m: (_PRIORITY[m.type], -(m.end - m.start), m.start))
    kept: list[QuoteMatch] = []
    for m in ranked:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
