"""Quotes attributed by the layout of the text rather than by a verb.

- Headings and transcripts: a paragraph that opens with a name and a colon ("Warren:
  Trump is a failure in business", "SMITH: Why not debate?") gives the rest of the
  paragraph to that name.
- Bylines: a dash and a name after a quotation ("“…” ― Jane Doe, mayor"), or after an
  embedded post ("… — Jane Doe (@janedoe) May 1, 2016").
- Quoted transcripts: labels in capitals inside one quotation ("“COLE: … RUIZ: …”") make
  it one quote per turn, each its label's.
- Headlines in title case with a capitalised verb the tagger reads as a name ("Ann Cole
  Slams Council for Delays"): the words after the verb are the name's.

``quotes.link`` calls these beside the verb cues; the matches carry no cue, only the
mention that names the speaker, which ``quotes.resolve`` resolves as any other.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from quotes.detect import DirectSpan, Paragraphs
from quotes.lexicon import Lexicon
from quotes.spans import DASHES, QuoteMatch, word_count

_LABEL_CHARS = 60  # a heading's name ends with a colon this close to the paragraph start
_LABEL_TOKENS = 6
_MIN_WORDS = 3
_NAMED = ("PERSON", "ORG", "NORP")
_PLACES = ("GPE", "LOC", "FAC", "DATE", "TIME", "EVENT")
_DASH = re.compile(r"[ \t]*(?:" + "|".join(map(re.escape, DASHES)) + r")[ \t]*")
_DASH_MARK = re.compile("|".join(map(re.escape, DASHES)))
_TRAILING = " \t.,;:"
_ADDRESSED = ("to", "on")  # "Council to Mayor Reyes: …", "Cole on the bridge: …"


def _name_words(label: Span, lexicon: Lexicon) -> bool:
    """Whether a heading label is a name, in capitalised words (titles and initials with
    their full stops allowed), none of them a word that never names a speaker ("Update",
    "Note": ``rules/non_speakers.txt``): words the tagger calls a person or organisation
    (all of them but a title), up to three proper nouns opening with a known first name
    or a title, one word that is not a place, or words all in capitals (a transcript)."""
    words = [t for t in label if (not t.is_punct or t.text in ("-", "'")) and t.text not in ("'s", "’s")]
    if not words or any(t.like_num or t.is_space for t in label):
        return False
    if len(words) > 1 and words[-1].lower_ in lexicon.person_organisations and _name_words(label[:-1], lexicon):
        return True  # "Clinton camp:", an organisation named after a person
    if any(not t.text[:1].isupper() and t.text not in ("-", "'") for t in words):
        return False
    if any(t.lower_ in lexicon.non_speakers for t in words) or label.text.lower() in lexicon.non_speakers:
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.ent_type_ not in _NAMED for t in words):
        return False
    first = words[0].lower_.rstrip(".")
    titled = first in lexicon.honorifics or first in lexicon.titles
    named = sum(t.ent_type_ in _NAMED for t in words)
    if len(words) == 1:  # "Sanders:", "Poll:", "BOULDUAN:" (tagged anyhow), not a place ("Iowa:")
        return words[0].ent_type_ not in _PLACES
    return label.text.isupper() or named >= len(words) - titled or (
        _opens_a_person(first, lexicon) and len(words) <= 3 and all(t.pos_ == "PROPN" for t in words))


def _opens_a_person(word: str, lexicon: Lexicon) -> bool:
    """A known first name, an honorific or a title: a word a person's name opens with."""
    return word in lexicon.first_names or word in lexicon.honorifics or word in lexicon.titles


def _speaker_part(label: Span) -> Span:
    """The speaker's part of a headline's label: after a kicker in capitals and a dash
    ("EXCLUSIVE – Ann Cole:"), before whom or what the words are addressed to or about
    ("Council to Mayor Reyes:", "Ann Cole on the bridge:")."""
    dashes = [k for k, t in enumerate(label) if t.text in DASHES]
    if dashes and dashes[-1] > 0 and all(t.is_upper or t.is_punct for t in label[:dashes[-1]]):
        label = label[dashes[-1] + 1:]
    cut = next((k for k, t in enumerate(label) if k > 0 and t.text in _ADDRESSED), None)
    if cut is None or cut + 1 >= len(label) or label[cut + 1].pos_ != "PROPN" \
            or (cut == 1 and label[0].ent_type_ not in _NAMED):
        return label  # not "Tools to Fight Terrorism:", "Success on Signature Issue:"
    return label[:cut]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _quote_for(text: str, start: int, end: int, direct: list[DirectSpan]) -> tuple[int, int, str]:
    """The content range and type: a quotation that opens it is direct (what follows it
    is not part of what was said), quoted words in running text mixed, none indirect."""
    inside = [d for d in direct if d.open_start >= start and d.close_end <= end + 1]
    if inside and not text[start:inside[0].open_start].strip():
        # "Clinton: “…” Bush: “…”": a quotation right after the colon is what was said.
        return inside[0].start, inside[0].end, "direct"
    start, end = _trimmed(text, start, end)
    return start, end, "mixed" if inside else "indirect"


def heading_quotes(doc: Doc, text: str, paragraphs: Paragraphs, direct: list[DirectSpan],
                   lexicon: Lexicon) -> list[QuoteMatch]:
    """"Name: words" paragraphs (headlines, subheads, transcripts). ``text`` is
    ``doc.text`` (which spaCy rebuilds on every access)."""
    found = []
    for n in range(1, len(paragraphs) + 1):
        p_start, p_end = paragraphs.bounds(n)
        colon = text.find(":", p_start, min(p_end, p_start + _LABEL_CHARS))
        if colon <= p_start:
            continue
        label = doc.char_span(p_start, colon, alignment_mode="contract")
        if label is not None and len(label) > 1 and lexicon.past_speech_verb(label[0].text):
            label = label[1:]  # "Continued Stone: “…”", "Added Smith: …": the verb is no part of the name
        label = _speaker_part(label) if label is not None else None
        if label is None or not 0 < len(label) <= _LABEL_TOKENS or not _name_words(label, lexicon):
            continue
        start, end = _trimmed(text, colon + 1, p_end)
        if word_count(text[start:end]) < _MIN_WORDS:
            continue
        start, end, kind = _quote_for(text, start, end, direct)
        found.append(QuoteMatch(start, end, kind, None, label, "heading"))
    return found


_HEADLINE_WORDS = 30  # a headline is short ...
_HEADLINE_CAPITALS = 0.7  # ... and writes most of its words with a capital


def headline_verb_quotes(doc: Doc, text: str, paragraphs: Paragraphs, direct: list[DirectSpan],
                         lexicon: Lexicon) -> list[QuoteMatch]:
    """Headlines in title case of the form "Name Says …", "Name Slams …": the tagger reads
    the capitalised verb as a name, so the parse finds no cue. The words after a verb of
    speech, or up to the comma after a verb of stance ("Ann Cole Blasts the Council for
    Delays, Promises …"), are the name's; not after a verb whose object is the one spoken
    to ("Cole Tells Reporters …")."""
    found = []
    for n in range(1, len(paragraphs) + 1):
        p_start, p_end = paragraphs.bounds(n)
        span = doc.char_span(p_start, p_end, alignment_mode="contract")
        words = [t for t in span if t.is_alpha] if span is not None else []
        if not words or len(words) > _HEADLINE_WORDS or \
                sum(t.text[0].isupper() for t in words) < _HEADLINE_CAPITALS * len(words):
            continue
        for k, tok in enumerate(span):
            cue = lexicon.present_cue(tok.text) if k and tok.text[:1].isupper() else None
            if cue is None or cue.kind not in ("speech", "stance") or cue.listener:
                continue
            label = span[:k]
            if len(label) > _LABEL_TOKENS or not _name_words(label, lexicon) or not _person_or_one_word(label, lexicon):
                break
            end = p_end
            if cue.kind == "stance":
                comma = text.find(",", tok.idx, p_end)
                end = comma if comma > 0 else p_end
            start, end = _trimmed(text, tok.idx + len(tok), end)
            if word_count(text[start:end]) >= 1:
                start, end, kind = _quote_for(text, start, end, direct)
                found.append(QuoteMatch(start, end, kind, None, label, "heading"))
            break
    return found


def _person_or_one_word(label: Span, lexicon: Lexicon) -> bool:
    """A headline's subject that names who speaks: one word ("Pentagon Says …"), or a
    person's name opening with a known first name or a title ("Glenn Beck Says …"); not
    the first words of a headline in title case, which the tagger may call a person too
    ("Ferry Strike Talks Collapse …": "Talks" is no verb there)."""
    words = [t for t in label if t.is_alpha]
    return len(words) <= 1 or _opens_a_person(words[0].lower_, lexicon)


def _name_after(doc: Doc, text: str, start: int, end: int) -> Span | None:
    """The name that opens ``text[start:end]``: a run of proper nouns (with initials and
    hyphens), two words at least unless the tagger calls it a person."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    k = 0
    while k < len(span) and (span[k].pos_ == "PROPN" or span[k].text in ("-", ".")) and span[k].text[:1] != "@":
        k += 1
    if k == 0 or (k < 2 and span[0].ent_type_ != "PERSON"):
        return None
    rest = text[span[k - 1].idx + len(span[k - 1]):end].lstrip()
    if rest and rest[0] not in ",(":
        return None
    return span[:k]


_SIGNATURE_WORDS = 16  # longest signature line: a name and an affiliation
_CLOSING = "\"”"


def _signature_line(doc: Doc, text: str, paragraphs: Paragraphs, d: DirectSpan) -> Span | None:
    """The name opening the line right after a quotation left open at its paragraph's end,
    where that line is short and ends with the closing mark ("Dean Baker, Center for
    Economic and Policy Research.”"), else None."""
    n = paragraphs.number(max(0, d.end - 1))
    if n >= len(paragraphs):
        return None
    p_start, p_end = paragraphs.bounds(n + 1)
    line = text[p_start:p_end].rstrip()
    if not line or line[-1] not in _CLOSING or any(ch in _CLOSING or ch == "“" for ch in line[:-1]) \
            or word_count(line) > _SIGNATURE_WORDS or "\n\n" in text[d.end:p_start]:
        return None
    return _name_after(doc, text, p_start, p_start + len(line) - 1)


def _dashes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each dash in ``text[start:end]`` begins and ends with the spaces around it, in
    linear time (a pattern opening with optional spaces retries every space of a long run:
    a page of blanked markup)."""
    found = []
    for m in _DASH_MARK.finditer(text, start, end):
        left, right = m.start(), m.end()
        while left > start and text[left - 1] in " \t":
            left -= 1
        while right < end and text[right] in " \t":
            right += 1
        found.append((left, right))
    return found


def byline_quotes(doc: Doc, text: str, paragraphs: Paragraphs, direct: list[DirectSpan]) -> list[QuoteMatch]:
    """A quotation or an embedded post signed with a dash and a name."""
    found = []
    for d in direct:
        if not d.closed:
            # "“I worry that … / Dean Baker, Center for Economic and Policy Research.”": a
            # pull quote whose closing mark ends the signature line after it.
            name = _signature_line(doc, text, paragraphs, d)
            if name is not None:
                found.append(QuoteMatch(d.start, d.end, "direct", None, name, "byline"))
            continue
        _, p_end = paragraphs.bounds(paragraphs.number(max(0, d.close_end - 1)))
        dash = _DASH.match(text, d.close_end, p_end)
        name = _name_after(doc, text, dash.end(), p_end) if dash else None
        if name is not None:
            found.append(QuoteMatch(d.start, d.end, "direct", None, name, "byline"))
    # "… pic.twitter.com/x — Jane Doe (@janedoe) May 1, 2016": an embedded post.
    for n in range(1, len(paragraphs) + 1):
        p_start, p_end = paragraphs.bounds(n)
        for dash_start, dash_end in reversed(_dashes(text, p_start, p_end)):
            name = _name_after(doc, text, dash_end, p_end)
            if name is not None and text[name.end_char:p_end].lstrip().startswith("(@"):
                start, end, kind = _quote_for(text, p_start, dash_start, direct)
                if word_count(text[start:end]) >= _MIN_WORDS \
                        and not any(m.start == start for m in found):
                    found.append(QuoteMatch(start, end, kind, None, name, "byline"))
                break
    return found


# A speaker's turn inside a quoted transcript: a label in capitals and a colon, opening the
# quotation or a sentence in it ("“RAMOS: Secretary Clinton, … CLINTON: I feel …”").
_TURN = re.compile(r"(?:^|(?<=[.?!…]\s)|(?<=[.?!…][\"”’]\s))([A-Z][A-Z'’.-]*(?:[ \t]+[A-Z][A-Z'’.-]*){0,3}):\s")
_TURN_LETTERS = 2  # a label has at least this many letters ("Q:" and "A:" name no one)


def transcript_turns(doc: Doc, text: str, matches: list[QuoteMatch], lexicon: Lexicon) -> list[QuoteMatch]:
    """A quotation that is a transcript ("PARTICIPANT: … MS. CLINTON: …") is one quote per
    turn, each said by its label (attribution ``heading``); words before the first label
    keep the quotation's own attribution. ``text`` is ``doc.text``."""
    out: list[QuoteMatch] = []
    for m in matches:
        # (the quotation's own text: "^" is where it opens)
        turns = [] if m.type != "direct" else [t for t in _TURN.finditer(text[m.start:m.end])
                                                if sum(ch.isalpha() for ch in t.group(1)) >= _TURN_LETTERS]
        labels = [doc.char_span(m.start + t.start(1), m.start + t.end(1), alignment_mode="expand") for t in turns]
        if not turns or not all(label is not None and _name_words(label, lexicon) for label in labels):
            out.append(m)
            continue
        first = m.start + turns[0].start()
        if word_count(text[m.start:first]):
            out.append(replace(m, end=m.start + len(text[m.start:first].rstrip())))
        for k, turn in enumerate(turns):
            start = m.start + turn.end()
            end = m.start + turns[k + 1].start() if k + 1 < len(turns) else m.end
            start = end - len(text[start:end].lstrip())
            end = start + len(text[start:end].rstrip())
            if word_count(text[start:end]):
                out.append(QuoteMatch(start, end, "direct", None, labels[k], "heading"))
    return out
