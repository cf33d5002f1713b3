"""Link quotes to their speakers: reported speech from its cue, direct quotes from the
parse, the cue beside their quotation marks, the previous speaker, or a colon; headings
and bylines from the layout (``quotes.layout``).

Input: the direct spans of ``quotes.detect`` and the cues of ``quotes.attribute``.
Output: ``QuoteMatch`` objects (quote range, type, cue, speaker mention, how it was
found), non-overlapping, in text order. Speakers are resolved later (``quotes.resolve``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from quotes.attribute import (
    RELATIVE_PRONOUNS,
    SUBJ_DEPS,
    before_marks,
    cue_verb_of,
    expand_mention,
    reports,
    speaker_like,
    speaker_mention,
    subject_of,
)
from quotes.detect import DirectSpan, Paragraphs
from quotes.layout import byline_quotes, heading_quotes, headline_verb_quotes, transcript_turns
from quotes.lexicon import Lexicon
from quotes.spans import DASHES, WORD, Cue, QuoteMatch, sentence_of, word_count

_SENTENCE_END = re.compile(r"[.!?]")

_TRAILING_WINDOW = 14  # tokens after a closing mark in which "…,” X said" is looked for
_TRAILING_REACH = 40  # ... and, for a cue with its subject and no content after it, up to the sentence end
_LEADING_WINDOW = 30  # tokens before an opening mark in which "X said: “…" is looked for
_MAX_UNQUOTED_IN_DIRECT = 0  # reported content with words outside the marks is mixed
_MAX_FRAGMENT_WORDS = 3  # quoted words inside a running sentence up to this length are fragments
_COLON_GAP = 200  # characters of space looked through between a colon and its quotation mark
_MIN_UNATTRIBUTED_WORDS = 8  # an unattributed quoted passage shorter than this is a scare quote


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
    return speaker_mention(cue.speaker) if cue.speaker is not None else None


def _the_reader(cue: Cue, lexicon: Lexicon) -> bool:
    """The cue's subject is a second-person pronoun (``rules/pronouns.txt``)."""
    if cue.speaker is None or cue.speaker.pos_ != "PRON":
        return False
    features = lexicon.pronoun_features.get(cue.speaker.lower_)
    return features is not None and features.person == 2


def link_quotes(doc: Doc, direct: list[DirectSpan], cues: list[Cue], lexicon: Lexicon) -> list[QuoteMatch]:
    """Turn direct spans and cues into quotes with their cue and speaker mention."""
    text = doc.text
    spans = _Spans(direct)
    paragraphs = Paragraphs(text)
    # Cues inside quotation marks belong to the quoted speaker's own words; a subject the
    # parser found inside them ("“…, Mr. President,” Rep. Cohen told") speaks for no one.
    # Outside them, "you" is the reader the writer addresses ("you can bet that ...", "if
    # you want to understand ..."): no one is reported.
    outside = [c if c.speaker is None or c.kind == "source" or spans.covering(c.speaker.idx) is None
               else replace(c, speaker=None) for c in cues
               if spans.covering(c.token.idx) is None and not _the_reader(c, lexicon)]
    matches: list[QuoteMatch] = []
    attributed: dict[int, QuoteMatch] = {}
    tentative: dict[int, QuoteMatch] = {}  # unless a cue beside the marks says otherwise
    consumed: set[int] = set()

    # 1. Reported speech from the parse; quoted passages inside it make it mixed or direct.
    pieces = [(cue, piece) for cue in outside if cue.speaker is not None or cue.kind == "impression"
              for piece in (cue.content, cue.resumed) if piece is not None]
    closes: list[tuple[int, QuoteMatch]] = []  # reported speech, by where it ends
    for cue, (c_start, c_end) in pieces:
        if cue.speaker is not None and c_start <= cue.speaker.idx < c_end:
            continue
        inside = [k for k, d in enumerate(direct) if d.start < c_end and d.end > c_start]
        if cue.kind in ("stance-quoted", "belief-quoted") and not inside:
            continue  # "endorsed Trump", "we know that ..." are no quotes unless they quote words
        # Words after the last quotation mark and before a trailing cue are attribution
        # material the parser took into the clause ("“…,” organizing director X told").
        counted_end = c_end
        if inside and cue.token.idx >= c_end:
            counted_end = min(c_end, max(direct[k].close_end for k in inside))
        content_words = word_count(text[c_start:counted_end])
        quoted_words = sum(word_count(text[max(c_start, direct[k].start):min(c_end, direct[k].end)]) for k in inside)
        mention = _speaker_span(cue)
        if inside and content_words - quoted_words <= _MAX_UNQUOTED_IN_DIRECT:
            if cue.kind == "impression":
                continue  # "the group, called “We The People”": a name, not a quote
            if cue.token.idx < direct[inside[0]].open_start and _dashed_label(
                    _tokens_between(doc, cue.token.idx, direct[inside[0]].open_start)) is not None:
                continue  # "But polls did predict it - Ann Cole: “…”": the label's words
            # A belief ("the elite know that “…,” Ms. Tempel said") gives way to a speech
            # cue beside the marks.
            chosen = tentative if cue.kind in ("belief", "belief-quoted") else attributed
            for k in inside:
                if k not in attributed and k not in chosen:
                    d = direct[k]
                    chosen[k] = QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
            continue
        if any(k in attributed for k in inside):
            continue
        if inside:
            start = min(c_start, *(direct[k].start for k in inside))
            end = max(c_end, *(direct[k].end for k in inside))
            consumed.update(inside)
            match = QuoteMatch(start, end, "mixed", cue, mention, "cue")
            if mention is not None:
                closes.append((max(end, *(direct[k].close_end for k in inside)), match))
        else:
            match = QuoteMatch(c_start, c_end, "indirect", cue, mention, "cue")
            if mention is not None:  # a continuation needs someone to continue
                closes.append((c_end, match))
        matches.append(match)

    # Of reported quotes ending at one place, the one kept over the others is the one a
    # quotation after it may continue ("…, calling him “a buffoon,” Cole said. “…”").
    closes.sort(key=lambda c: (c[0], *_rank(c[1])))

    # 2. Layout: "Name: words" headings and transcripts, "“…” ― Name" bylines, title-case
    # headlines ("Cole Slams …").
    index = {(d.start, d.end): k for k, d in enumerate(direct)}
    laid_out = (heading_quotes(doc, text, paragraphs, direct, lexicon) + byline_quotes(doc, text, paragraphs, direct)
                + headline_verb_quotes(doc, text, paragraphs, direct, lexicon))
    for laid in laid_out:
        k = index.get((laid.start, laid.end)) if laid.type == "direct" else None
        if k is not None:
            attributed.setdefault(k, laid)
            continue
        inside = [k for k, d in enumerate(direct) if laid.start <= d.start and d.end <= laid.end]
        if not any(k in attributed for k in inside):
            consumed.update(inside)
            matches.append(laid)

    # 3. Direct quotes: the cue beside them, continuation, or a colon introduction.
    cue_by_token = {c.token.i: c for c in outside if c.kind != "impression"}
    previous: QuoteMatch | None = None
    previous_close = -1
    # Names, not quotes: "author of “Failure to Adjust”", "the SVP's “Ban on Face Coverings” initiative".
    titles = {k for k, d in enumerate(direct) if _title_cased(text, d) and (
        _after_work_phrase(text, d, lexicon) or _after_determiner(doc, d))}
    opens = {d.open_start: k for k, d in enumerate(direct)}
    for k, d in enumerate(direct):
        if k in consumed or k in titles:
            continue
        match = attributed.get(k)
        fragment = _is_fragment(text, d)
        if match is None and not fragment:
            match = _adjacent_cue(doc, text, d, direct, k, cue_by_token, paragraphs, titles)
        if match is None:
            match = tentative.get(k)
        # The quote just before may be reported speech found in step 1.
        for close, reported in closes:
            if previous_close < close <= d.open_start:
                previous, previous_close = reported, close
        if match is None and not fragment and previous is not None and previous.mention is not None \
                and not _after_determiner(doc, d) \
                and _directly_follows(text, previous, previous_close, d, paragraphs, lexicon.connectives):
            match = QuoteMatch(d.start, d.end, "direct", previous.cue, previous.mention, "continuation")
        if match is None and not fragment:
            match = _colon_intro(doc, text, d, direct, k, lexicon)
        if match is None:
            if d.closed and word_count(text[d.start:d.end]) >= _MIN_UNATTRIBUTED_WORDS:
                match = _clause_subject(doc, d, lexicon) or _after_narrative(
                    doc, previous, previous_close, d, paragraphs, cue_by_token, lexicon) or _speech_intro(
                    doc, text, d, paragraphs, lexicon) or QuoteMatch(d.start, d.end, "direct", None, None, "none")
            else:
                continue  # scare quotes, titles, or a stray mark
        if match.mention is not None:
            runs_on = _runs_on(doc, text, d, direct, opens, lexicon)
            if runs_on is not None:
                end, joined = runs_on
                match = replace(match, end=end, type="mixed")
                consumed.update(joined)
        matches.append(match)
        previous, previous_close = match, d.close_end
    return transcript_turns(doc, text, _by_paragraph(text, paragraphs, _without_overlaps(matches)), lexicon)


def _runs_on(doc: Doc, text: str, d: DirectSpan, direct: list[DirectSpan], opens: dict[int, int],
             lexicon: Lexicon) -> tuple[int, list[int]] | None:
    """Where a quotation that the sentence carries on with more of what was said ends
    ("“There's a sense of stability now,” and donations began to pick up";
    ``rules/quote_continuations.txt``), with the quotations it takes in; None when the
    sentence does not go on, or goes on with a cue ("“…,” and swears ..."). ``text`` is
    ``doc.text``; ``opens`` maps where each of ``direct`` opens to its index."""
    j = d.close_end
    while j < len(text) and text[j] in " ,":
        j += 1
    after = doc.char_span(j, min(len(text), j + 1), alignment_mode="expand")
    if after is None or not len(after) or after[0].text not in lexicon.quote_continuations \
            or after[0].is_sent_start or "\n" in text[d.close_end:j]:
        return None  # (not "“…” And “…”" in a headline's capitals)
    sent = sentence_of(after[0])
    joined: list[int] = []
    end = sent.end_char
    i = after[0].i
    while i < sent.end:
        tok = doc[i]
        if tok.idx in opens:  # "“Send them home” and “Build the wall”": the next quotation too
            m = opens[tok.idx]
            if direct[m].close_end > sent.end_char:
                return None  # (a quotation running past the sentence is no part of it)
            joined.append(m)
            nxt = doc.char_span(direct[m].close_end, len(text), alignment_mode="expand")
            if nxt is None or not len(nxt):
                break
            i = nxt.start
            continue
        if tok.text in (",", ";") and any(reports(t, lexicon) for t in doc[i + 1:min(i + 4, sent.end)]):
            end = tok.idx  # "…” for the EU, said Geert Wilders"
            break
        if reports(tok, lexicon) or (tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ", "VBP")
                                      and not any(c.dep_ in SUBJ_DEPS for c in tok.children)):
            return None  # ("said “…” and swears Latinos love him": the speaker's next act)
        i += 1
    while end > d.close_end and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    return (end, joined) if end > j else None


def _is_fragment(text: str, d: DirectSpan) -> bool:
    """A few quoted words inside a running sentence ("hammered the “disgusting” media"):
    a scare quote or part of a mixed quote, never a direct quote on its own; not an
    exclamation or a question ("the crowd chanted “Build the wall!”"): words called out."""
    before = text[:d.open_start].rstrip()
    words = text[d.start:d.end]
    return word_count(words) <= _MAX_FRAGMENT_WORDS and bool(before) and (
        before[-1].isalnum() or before[-1] in "’'") and not words.rstrip(" ,.").endswith(("!", "?"))


_TITLE_WORDS = 12  # longest work title
_TITLE_CASED = 4  # words this long are capitalised in a title ("Failure to Adjust")


def _title_cased(text: str, d: DirectSpan) -> bool:
    """The quotation is short and written in title case, as a name is ("Failure to Adjust")."""
    words = WORD.findall(text[d.start:d.end])
    return bool(words) and len(words) <= _TITLE_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() for k, w in enumerate(words) if k == 0 or len(w) >= _TITLE_CASED)


def _after_work_phrase(text: str, d: DirectSpan, lexicon: Lexicon) -> bool:
    """The quotation follows a phrase that names a work: "author of “Failure to Adjust”",
    "in his 2012 book, “…”", "called a referendum — “No to Free Lawyers” —"
    (``rules/work_titles.txt``); a title it is where it is written in title case, unlike "the
    film “will fail”" or "said on his podcast, “We will win”" (``_title_cased``)."""
    before = text[max(0, d.open_start - 40):d.open_start].rstrip().rstrip(",\u2014\u2013").rstrip().lower()
    return any(before.endswith(phrase) and not before[:-len(phrase)][-1:].isalnum() for phrase in lexicon.work_titles)


def _after_determiner(doc: Doc, d: DirectSpan) -> bool:
    """The quotation opens right after a determiner or possessive ("showing off the
    “Make America Great Again” hat", "the SVP's “Ban on Face Coverings” initiative"): a name
    or slogan, never the last speaker's next words."""
    before = [t for t in _tokens_between(doc, max(0, d.open_start - 40), d.open_start) if not t.is_space]
    return bool(before) and (before[-1].pos_ == "DET" or before[-1].dep_ == "poss" or before[-1].tag_ == "POS")


def _tokens_between(doc: Doc, start_char: int, end_char: int) -> Span:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _adjacent_cue(doc: Doc, text: str, d: DirectSpan, direct: list[DirectSpan], k: int,
                  cue_by_token: dict[int, Cue], paragraphs: Paragraphs, titles: set[int]) -> QuoteMatch | None:
    """“…,” she said / “…,” said Mr. X / She said: “…” — the cue right beside the marks.

    A cue whose subject the parse found wins over one whose speaker is taken by
    position (the parser often mangles inverted attributions). ``text`` is ``doc.text``
    (which spaCy rebuilds from the tokens on every access); ``titles`` are the quotations
    that name a work, no boundary ("As Ann Reyes, author of “A Long Road,” put it, “…”").
    """
    following = k + 1
    while following < len(direct) and _is_fragment(text, direct[following]):
        following += 1  # "“…,” X, wearing “Ted Cruz” pins, said": a scare quote is no boundary
    limit = direct[following].open_start if following < len(direct) else len(text)
    _, para_end = paragraphs.bounds(paragraphs.number(max(0, d.close_end - 1)))
    limit = min(limit, max(para_end, d.close_end))
    after = _tokens_between(doc, d.close_end, limit)
    para_start, _ = paragraphs.bounds(paragraphs.number(d.open_start))
    # A quotation inside parentheses takes no cue past their close ("(Clinton called it
    # “…” and was “…”), Trump said, “…”").
    in_parens = text.rfind("(", para_start, d.open_start) > text.rfind(")", para_start, d.open_start)
    trailing = after[:_TRAILING_WINDOW]
    trailing_cues: list[Cue] = []
    far_cues: list[Cue] = []
    for n, tok in enumerate(after[:_TRAILING_REACH]):
        if (n > 0 and _SENTENCE_END.fullmatch(tok.text)) or (in_parens and tok.text == ")"):
            break
        cue = cue_by_token.get(tok.i)
        if cue is None or any(c.dep_ == "neg" and c.idx >= d.close_end for c in cue.token.children):
            continue  # (a negated cue, "Mr. Trump did not respond in kind": no one said it)
        if n >= _TRAILING_WINDOW:
            if cue.kind == "speech" and (cue.content is None or cue.content[1] <= cue.token.idx):
                far_cues.append(cue)  # far from the marks: a speech cue that reports nothing after it
        elif cue.content is not None and cue.content[0] > cue.token.idx \
                and sentence_of(cue.token).start_char >= d.close_end:
            # A cue opening a new sentence that reports its own content after it ("“…”
            # Critics described it as a mistake") does not attribute the quotation before
            # it, nor does a cue inside that content ("Kasich said he would have fired").
            break
        else:
            trailing_cues.append(cue)
    # Leading: the clause before the opening mark ends in "said," or "said:" or "said".
    # The quotation before bounds it, unless it names a work or is a scare quote ("what
    # he called the “Evil Empire,” voiced in his famous demand: “…”").
    earlier = next((j for j in range(k - 1, -1, -1) if j not in titles and not _is_fragment(text, direct[j])), None)
    floor = direct[earlier].close_end if earlier is not None else 0
    floor = max(floor, para_start if para_start <= d.open_start else 0)
    before = _tokens_between(doc, floor, d.open_start)
    while len(before) and before[-1].is_space:  # "noted,  “…" (the NYT's '' leave a space)
        before = before[:-1]
    leading = before[-_LEADING_WINDOW:]
    leading_cues = []
    attribution = "cue"
    label = _dashed_label(before)
    if label is not None:
        # "Pollsters agree - Carl Bialik: “…”": the name between a dash and the colon.
        return QuoteMatch(d.start, d.end, "direct", None, label, "colon")
    if len(before) and (before[-1].text in (",", ":") or before[-1].i in cue_by_token):
        # Within the sentence the marks open in where it names anyone ("Experts say ...
        # complicated. Said Ellis: “…”" is not the experts'; "Trump said. Instead, “…”" is
        # still Trump's).
        stop = next((t.i for t in reversed(leading[:-1]) if _SENTENCE_END.fullmatch(t.text)), leading.start - 1)
        if not any(t.pos_ in _NOMINAL_POS for t in leading if t.i > stop):
            stop = leading.start - 1
        leading_cues = [cue_by_token[t.i] for t in reversed(leading) if t.i in cue_by_token and t.i > stop]
    elif len(before) and before[-1].text == ".":
        # "Dianne Bystrom agreed. “…”", "Or maybe not, Phil Musser says. “…”": a sentence
        # whose speech verb reports nothing after it introduces the quotation that follows.
        sent = sentence_of(before[-1])
        cue = cue_by_token.get(sent.root.i)
        if cue is not None and cue.kind == "speech" and cue.token.idx >= floor \
                and (cue.content is None or cue.content[1] <= cue.token.idx):
            leading_cues = [cue]
            if sent.start_char < floor:
                # "“…,” said Mr. Holloway. “…”": the sentence is the previous quotation's
                # attribution; this one continues it.
                attribution = "continuation"

    for cue in trailing_cues:
        if cue.speaker is not None and d.close_end <= cue.speaker.idx < limit:
            return QuoteMatch(d.start, d.end, "direct", cue, _speaker_span(cue), "cue")
    for cue in leading_cues:
        # (a speaker before the quotation before counts where the sentence holds all three:
        # "Starr said … the book titled “A Long Road,” explaining, “…”")
        if cue.speaker is not None and (cue.speaker.idx >= floor or _one_sentence(cue, d)):
            return QuoteMatch(d.start, d.end, "direct", cue, _speaker_span(cue), attribution)
    for cue in far_cues:
        if cue.speaker is not None and d.close_end <= cue.speaker.idx < limit:
            return QuoteMatch(d.start, d.end, "direct", cue, _speaker_span(cue), "cue")
    for cue in trailing_cues:
        mention = _positional_speaker(doc, cue.token, trailing.start, trailing.end, cue.listener)
        if mention is not None:
            return QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
    for cue in far_cues:
        # "“…,” Texas delegate Bill Eastland, wearing a cowboy hat and “Ted Cruz” pins,
        # said": the name right after the marks, before the aside the verb follows.
        mention = _positional_speaker(doc, cue.token, trailing.start, cue.token.i, aside=_FAR_ASIDE_TOKENS)
        if mention is not None and mention.start == trailing.start + _leading_punct(trailing):
            return QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
    for cue in leading_cues:
        mention = _positional_speaker(doc, cue.token, leading.start, cue.token.i)
        if mention is not None:
            return QuoteMatch(d.start, d.end, "direct", cue, mention, "cue")
    for cue in trailing_cues:
        if cue.speaker is None and cue.kind == "speech" and cue.token.i == trailing.start + _leading_punct(trailing) \
                and (cue.content is None or cue.content[1] <= cue.token.idx):
            # "“…,” read one.", "“…,” said another": said by someone the text does not
            # name, not by the previous speaker (a cue reporting words after it is not
            # this quotation's).
            return QuoteMatch(d.start, d.end, "direct", cue, None, "cue")
    return None


def _one_sentence(cue: Cue, d: DirectSpan) -> bool:
    """The cue, its speaker and the opening of quotation ``d`` are in one sentence."""
    sent = sentence_of(cue.token)
    return (cue.speaker is not None and sent.start_char <= cue.speaker.idx
            and sent.start_char <= d.open_start < sent.end_char)


_LABEL_TOKENS = 4  # longest name between a dash and a colon


def _dashed_label(before: Span) -> Span | None:
    """"… - Carl Bialik:" right before the opening mark: a name of proper nouns between
    a dash and the colon."""
    if len(before) < 3 or before[-1].text != ":":
        return None
    name = before[:-1]
    dash = next((k for k in range(len(name) - 1, -1, -1) if name[k].text in DASHES or (
        name[k].text == "-" and name[k].whitespace_ and k > 0 and name[k - 1].whitespace_)), None)
    if dash is None:
        return None
    name = name[dash + 1:]
    if not 0 < len(name) <= _LABEL_TOKENS or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return None
    return name


_NOMINAL_POS = {"PROPN", "NOUN", "PRON"}
_ASIDE_TOKENS = 8  # longest aside between a name and its verb ("Miller, a retired worker, said")
_FAR_ASIDE_TOKENS = 20  # ... where the name opens the words after the closing mark


def _leading_punct(span: Span) -> int:
    """How many punctuation or space tokens open ``span``."""
    return next((k for k, t in enumerate(span) if not (t.is_punct or t.is_space)), len(span))


def _positional_speaker(doc: Doc, verb: Token, lo: int, hi: int, listener: bool = False,
                        aside: int = _ASIDE_TOKENS) -> Span | None:
    """The parse gave the cue no subject: take the noun phrase right before the verb
    ("Beck joked", "Rep. Elijah E. Cummings (D-Md.) said"), else right after it ("mused
    co-host Stu Burguiere") unless the verb's object is its listener ("told reporters")."""
    i = verb.i - 1
    comma = before_marks(doc, i) if verb.tag_ == "VBG" else i  # "her christening “at the church,” recalling"
    if verb.tag_ == "VBG" and comma >= 0 and doc[comma].text == ",":
        # "Flea shared the news, writing “…”" (the parser hung "writing" inside the
        # quotation): the participle's subject is that of the clause before the comma.
        clause = next((t for t in reversed(doc[sentence_of(verb).start:comma]) if t.pos_ in ("VERB", "AUX")), None)
        subject = subject_of(clause) if clause is not None else None
        if subject is not None and subject.pos_ in _NOMINAL_POS and subject.lower_ not in RELATIVE_PRONOUNS:
            return expand_mention(subject)
    if i >= lo and doc[i].text == ")":
        opening = next((k for k in range(i - 1, max(lo, i - 8) - 1, -1) if doc[k].text == "("), None)
        if opening is not None:
            i = opening - 1
    elif i >= lo and doc[i].text == ",":
        # "Butz, 49, told", "Miller, a retired worker, said": the name before the aside.
        comma = next((k for k in range(i - 1, max(lo, i - aside) - 1, -1) if doc[k].text == ","), None)
        if comma is not None and comma - 1 >= lo and doc[comma - 1].pos_ == "PROPN":
            i = comma - 1
    if i >= lo and doc[i].pos_ in _NOMINAL_POS and doc[i].lower_ not in RELATIVE_PRONOUNS:
        start = i
        while start - 1 >= lo and doc[start - 1].pos_ in ("PROPN", "NOUN"):
            start -= 1
        return doc[start:i + 1]
    if listener or verb.tag_ in ("VBG", "VB"):
        return None  # ("recalling summer visits", "to describe those": an object, never an inverted speaker)
    j = verb.i + 1
    while j < hi and doc[j].pos_ in ("DET", "ADJ"):
        j += 1
    if j < hi and doc[j].pos_ in _NOMINAL_POS and doc[j].lower_ not in RELATIVE_PRONOUNS:
        end = j
        while end + 1 < hi and (doc[end + 1].pos_ in ("PROPN", "NOUN") or doc[end + 1].text == "-"):
            end += 1
        return doc[verb.i + 1:end + 1]
    return None


def _after_attribution(previous: QuoteMatch, previous_close: int, d: DirectSpan, paragraphs: Paragraphs) -> int | None:
    """Where what stands between the previous quote, with its own attribution sentence,
    and the quotation ``d`` begins; None when that quote is not before ``d`` in the same
    paragraph or the one before."""
    if previous_close < 0 or previous_close > d.open_start:
        return None
    if paragraphs.number(d.open_start) - paragraphs.number(previous_close - 1) > 1:
        return None
    cue = previous.cue
    if cue is not None and previous_close <= cue.token.idx < d.open_start:
        return max(previous_close, sentence_of(cue.token).end_char)
    return previous_close


def _directly_follows(text: str, previous: QuoteMatch, previous_close: int, d: DirectSpan,
                      paragraphs: Paragraphs, connectives: frozenset[str]) -> bool:
    """True when nothing but the previous quote's own attribution stands between them."""
    start = _after_attribution(previous, previous_close, d, paragraphs)
    return start is not None and all(w.lower() in connectives for w in WORD.findall(text[start:d.open_start]))


def _after_narrative(doc: Doc, previous: QuoteMatch | None, previous_close: int, d: DirectSpan,
                     paragraphs: Paragraphs, cue_by_token: dict[int, Cue], lexicon: Lexicon) -> QuoteMatch | None:
    """"“…,” she says. And it threw him for a loop. “…”": a quotation opening its sentence
    after one sentence of narrative since the last speaker's quote (in the same or the
    paragraph before), with no cue or quotation marks in between, goes on in her voice."""
    if previous is None or previous.mention is None:
        return None
    start = _after_attribution(previous, previous_close, d, paragraphs)
    gap = doc.char_span(start, d.open_start, alignment_mode="contract") if start is not None else None
    if gap is None:
        return None
    words = [t for t in gap if not (t.is_punct or t.is_space)]
    ends = [t for t in gap if t.text in (".", "!", "?")]
    if not words or len(ends) != 1 or any(t.i > ends[-1].i for t in words) \
            or any(t.i in cue_by_token or t.is_quote for t in gap):
        return None  # (one whole sentence, then the quotation opens the next)
    if any(t.dep_ in SUBJ_DEPS and (t.ent_type_ == "PERSON" or t.lemma_.lower() in lexicon.titles) for t in gap):
        return None  # "... the judge interrupted me. “…”": someone else may speak now
    return QuoteMatch(d.start, d.end, "direct", previous.cue, previous.mention, "continuation")


def _speech_intro(doc: Doc, text: str, d: DirectSpan, paragraphs: Paragraphs, lexicon: Lexicon) -> QuoteMatch | None:
    """"Her partner, Lawrence Cole, called him a master at closing deals. “He showed …”": a
    quotation opening its sentence right after a sentence, in the same paragraph or ending
    the one before, whose main verb, or the verb of a clause that ends it, is an act of
    speech (a speech or stance verb of ``rules/cue_verbs.txt``) quoting nothing itself, with
    a subject that says who it is: the quotation is what that subject said."""
    first = doc.char_span(d.open_start, d.close_end, alignment_mode="expand")
    if first is None or first.start == 0 or sentence_of(first[0]).start < first.start:
        return None  # the quotation does not open its sentence
    before = sentence_of(doc[first.start - 1])
    if text[before.end_char:d.open_start].strip() or \
            paragraphs.number(d.open_start) - paragraphs.number(before.start_char) > 1:
        return None
    # The main verb, or one in a clause that ends the sentence ("What it means is left to
    # voters, since Cole spoke only in vague terms during the interview.").
    verbs = [before.root] + [t for t in before if t.dep_ in ("advcl", "ccomp", "conj") and t.pos_ == "VERB" and all(
        w.is_punct or w.is_space for w in doc[t.right_edge.i + 1:before.end])]
    verb = next((v for v in verbs if (c := cue_verb_of(v, lexicon)) is not None and c.kind in ("speech", "stance")),
                None)
    if verb is None or any(t.is_quote for t in doc[verb.i:before.end]):
        return None  # (what it quotes is what was said: "called the plan “a disaster.”")
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.lower_ in RELATIVE_PRONOUNS or not (_named(subj, lexicon) or any(
            t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in subj.subtree)):
        return None  # ("his partner at the firm, Lawrence Cole," names him in apposition)
    return QuoteMatch(d.start, d.end, "direct", None, expand_mention(subj), "intro")


def _colon_intro(doc: Doc, text: str, d: DirectSpan, direct: list[DirectSpan], k: int,
                 lexicon: Lexicon) -> QuoteMatch | None:
    """"Mr. X had a warning: “…”", "Trump also embraced waterboarding -- “…”" — the
    subject of the clause the colon or dash ends (after a dash, a subject the parse gives)."""
    j = d.open_start
    while j > max(0, d.open_start - _COLON_GAP) and text[j - 1].isspace():
        j -= 1
    mark = next((m for m in _INTRO_MARKS if text.endswith(m, 0, j)), None)
    if mark is None:
        return None
    j -= len(mark) - 1
    colon = doc.char_span(j - 1, j, alignment_mode="expand")
    if colon is None:
        return None
    sent = sentence_of(colon[0])
    floor = max(direct[k - 1].close_end if k > 0 else 0, sent.start_char)
    clause = doc.char_span(floor, colon.start_char, alignment_mode="expand")
    if clause is None:
        return None
    # The subject of the clause before the colon, whose verb is before the colon too.
    subjects = [t for t in clause if t.dep_ in SUBJ_DEPS and clause.start <= t.head.i < clause.end
                and t.lower_ not in RELATIVE_PRONOUNS]
    if not subjects:
        # "the cleric Anwar al-Awlaki, who was killed in 2011, is shown lecturing: “…”"
        passive = [t for t in clause if t.dep_ == "nsubjpass" and t.head.dep_ == "ROOT"
                   and clause.start <= t.head.i < clause.end and t.lower_ not in RELATIVE_PRONOUNS]
        if any(_spoken_to(t.head, lexicon) for t in passive):
            return None  # "Ann Cole was asked: “…?”": someone else's question
        subjects = passive
    # The main clause's subject first ("When Wallace died, President Clinton released the
    # following statement: “…”").
    subj = next((t for t in subjects if t.head.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN", "PRON")),
                subjects[0]) if subjects else None
    if subj is not None and not speaker_like(subj, lexicon) and subj.lemma_.lower() not in lexicon.document_nouns \
            and not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subj.children):  # ("cleric Ann Cole")
        # "The timing of the surge doesn't surprise pollster Ann Cole: “…”", "The rationale
        # they use ... is blind faith in his word: “…”": the subject speaks for no one; a
        # person the clause names may, else no one is named.
        people = [e for e in clause.ents if e.label_ == "PERSON" and e.root.head.dep_ == "ROOT"
                  and e.root.dep_ in ("dobj", "pobj", "dative", "appos", "attr")]  # (not "Obama's word")
        mention = expand_mention(people[0].root) if people else None
        return QuoteMatch(d.start, d.end, "direct", None, mention, "colon")
    if subj is None and mark != ":":
        return None
    if subj is None:
        people = [e for e in clause.ents if e.label_ in ("PERSON", "ORG")]
        if not people:
            return None
        subj = people[0].root
    return QuoteMatch(d.start, d.end, "direct", None, expand_mention(subj), "colon")


def _clause_subject(doc: Doc, d: DirectSpan, lexicon: Lexicon) -> QuoteMatch | None:
    """A quotation inside a running sentence with no cue: the named subject of the
    nearest verb above it whose subject comes before it ("Manafort described winning the
    nod “as an intricate series of steps”", "Santilli expressed a desire to “…”"). Only
    a subject that says who it is (``_named``): "battery is committed when a person “…”"
    is no one's."""
    inside = doc.char_span(d.start, d.end, alignment_mode="expand")
    if inside is None or not len(inside) or inside.start == 0:
        return None
    sent = sentence_of(inside[0])
    if sent.start >= inside.start - 1:
        return None  # the quotation opens its sentence: nothing to stand in
    top = inside[0]
    while inside.start <= top.head.i < inside.end and top.head.i != top.i:
        top = top.head
    verb = top.head if top.head.i != top.i else None
    while verb is not None and sent.start <= verb.i < sent.end and not inside.start <= verb.i < inside.end:
        if verb.pos_ in ("VERB", "AUX"):
            subj = subject_of(verb)
            if subj is None and verb.tag_ in ("VBG", "VBN", "VB") and verb.dep_ in ("prep", "acl", "pcomp"):
                # "agreed to keep them apart, including a pledge to “…”": a participle
                # with no subject of its own stands in the clause above it.
                verb = verb.head
                continue
            if subj is None:
                return None
            if not _named(subj, lexicon) or subj.idx >= d.open_start or subj.lower_ in RELATIVE_PRONOUNS:
                return None
            return QuoteMatch(d.start, d.end, "direct", None, expand_mention(subj), "clause")
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _named(subj: Token, lexicon: Lexicon) -> bool:
    """A subject that names who it is: a name, a third-person personal pronoun, or a
    definite description of a person, body or document ("the judge", "the ad")."""
    if subj.ent_type_ in ("PERSON", "ORG") or subj.pos_ == "PROPN":
        return True
    features = lexicon.pronoun_features.get(subj.lower_)
    if subj.pos_ == "PRON":
        return features is not None and features.person == 3 and features.gender != "n"
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in subj.children)
    return definite and subj.pos_ == "NOUN" and (speaker_like(subj, lexicon)
                                                 or subj.lemma_.lower() in lexicon.document_nouns)


def _spoken_to(verb: Token, lexicon: Lexicon) -> bool:
    """A verb whose passive subject is spoken to or of, not the speaker ("was told", "was
    asked", "is expected": ``listener`` or ``passive`` in rules/cue_verbs.txt)."""
    cue = cue_verb_of(verb, lexicon)
    return cue is not None and (cue.listener or cue.passive)


_INTRO_MARKS = (":", "--", "\u2014", "\u2013")  # a colon or a dash before a quotation introduces it

_PRIORITY = {"direct": 0, "mixed": 1, "indirect": 2}


_OPENING_MARKS = "“\"'«‘"  # what reopens a quotation's next paragraph ("''" is two of "'")


def _by_paragraph(text: str, paragraphs: Paragraphs, matches: list[QuoteMatch]) -> list[QuoteMatch]:
    """A quotation running over several paragraphs (each reopening with a mark) is one
    quote per paragraph, all with its attribution: each record names its own paragraph."""
    out: list[QuoteMatch] = []
    for m in matches:
        first, last = paragraphs.number(m.start), paragraphs.number(max(m.start, m.end - 1))
        if m.type != "direct" or first == last:
            out.append(m)
            continue
        for n in range(first, last + 1):
            p_start, p_end = paragraphs.bounds(n)
            start, end = max(m.start, p_start), min(m.end, p_end)
            if n > first:
                while start < end and (text[start].isspace() or text[start] in _OPENING_MARKS):
                    start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if word_count(text[start:end]):
                out.append(replace(m, start=start, end=end))
    return out


def _rank(m: QuoteMatch) -> tuple[int, int, int]:
    """Which of overlapping quotes is kept: direct over mixed over indirect, then longer."""
    return _PRIORITY[m.type], -(m.end - m.start), m.start


def _without_overlaps(matches: list[QuoteMatch]) -> list[QuoteMatch]:
    """Drop quotes that overlap a better one: direct over mixed over indirect, then longer."""
    ranked = sorted(matches, key=_rank)
    kept: list[QuoteMatch] = []
    for m in ranked:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
