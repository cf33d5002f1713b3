"""Quotation-mark pairing on raw text (fast: no NLP)."""

from itertools import pairwise

from quotes.detect import Paragraphs, british_marks, find_direct_spans, normalise_marks
from quotes.lexicon import load

MARKS = load().quote_marks
SINGLE_MARKS = load().single_quote_marks


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_direct_spans(text, MARKS)]


def test_curly_straight_guillemets_and_nyt_apostrophes():
    assert quoted("He said “yes” and left.") == ["yes"]
    assert quoted('He said "yes" and "no".') == ["yes", "no"]
    assert quoted("Elle a dit « oui » hier.") == [" oui "]
    assert quoted("''We will win,'' he said.") == ["We will win,"]


def test_apostrophes_are_not_marks_and_singles_nest():
    text = "The others’ plan, don’t you think, was “a ‘bold’ idea,” she said."
    assert quoted(text) == ["a ‘bold’ idea,"]


BRITISH = (
    "‘We will not back down,’ the minister said. ‘The voters’ anger is real and we don’t ignore it.’\n"
    "Ann Cole called the plan ‘a disaster’ and said: ‘As the chancellor put it, “the numbers do not "
    "add up”, and nobody in the ’90s tried it.’\n"
    "‘A statement that runs on,\n‘into a second paragraph,’ said Mark Ellis."
)


def test_a_story_quoting_with_single_marks_reads_as_one_quoting_with_double_marks():
    swapped = british_marks(BRITISH, MARKS, SINGLE_MARKS)
    assert len(swapped) == len(BRITISH)  # offsets never move
    assert quoted(swapped) == [
        "We will not back down,",
        "The voters’ anger is real and we don’t ignore it.",  # apostrophes stay
        "a disaster",
        "As the chancellor put it, ‘the numbers do not add up’, and nobody in the ’90s tried it.",
        "A statement that runs on,\n“into a second paragraph,",  # reopened in the next paragraph
    ]


def test_single_marks_in_a_story_quoting_with_double_marks_stay_as_they_are():
    text = ("Trump Calls Rival ‘Weak’ in Headline. “The ‘Alt Right’ is not us,” he said.\n"
            "“We will win the ‘big one’ this year,” he added. Critics’ views differ.")
    assert british_marks(text, MARKS, SINGLE_MARKS) == text


def test_a_height_in_feet_and_inches_is_no_quotation_mark():
    text = "“He is 6’2”, and I am 5'2\". You can see it,” she said."
    assert quoted(text) == ["He is 6’2”, and I am 5'2\". You can see it,"]


def test_multi_paragraph_quote_is_one_passage():
    # One passage to attribute (its cue is at the end); link_quotes gives one quote per paragraph.
    text = "“First paragraph goes on.\n“Second paragraph ends,” she said.\nNext."
    spans = find_direct_spans(text, MARKS)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end] == "First paragraph goes on.\n“Second paragraph ends,"


def test_unbalanced_marks_do_not_swallow_the_document():
    text = "He said “this never closes.\nA new paragraph with “a real quote” here."
    assert quoted(text) == ["this never closes.", "a real quote"]
    spans = find_direct_spans("only “ openers “ here", MARKS)
    assert all(not s.closed for s in spans)  # flagged: later stages keep it only if attributed


def test_a_quote_of_the_other_glyph_inside_an_open_one_is_part_of_it():
    text = 'Cole wrote: "The mill has waged a “lonely battle” for years." Then she left.'
    assert quoted(text) == ["The mill has waged a “lonely battle” for years."]
    text = "“It was titled \"Losing the Best\" and it was about the gap,” Cole said."
    assert quoted(text) == ['It was titled "Losing the Best" and it was about the gap,']
    norm = normalise_marks(text, find_direct_spans(text, MARKS))
    assert norm == "“It was titled ‘Losing the Best’ and it was about the gap,” Cole said."
    assert quoted(norm) == ["It was titled ‘Losing the Best’ and it was about the gap,"]  # as the pipeline reads it
    # A doubled opening mark is a stray one, not a quote inside a quote.
    assert quoted('"“We will win,” Cole said at the rally."') == ["We will win,"]


def test_normalised_marks_keep_offsets():
    text = "''Yes,'' he said."
    norm = normalise_marks(text, find_direct_spans(text, MARKS))
    assert len(norm) == len(text)
    assert norm == " “Yes,”  he said."


def test_paragraph_numbers():
    p = Paragraphs("one\n\ntwo\nthree")
    assert [p.number(0), p.number(5), p.number(9)] == [1, 2, 3]


def test_long_texts_are_chunked_at_paragraphs_outside_quotes():
    from quotes.extract import _chunks

    para = "Plain words in a paragraph that goes on for a while.\n"
    quote = "“A quote that runs\n“over two paragraphs,” she said.\n"
    text = para * 30 + quote + para * 30
    pieces = _chunks(text, limit=len(para) * 30 + 10)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(pieces))
    q_start, q_end = text.index("“A quote"), text.index(" she said")
    assert not any(q_start < end < q_end for _, end in pieces)
