"""Pronoun speakers ("“…,” she said") resolve to the right person, or to no one: one short
text per rule, with the real spaCy and coreferee models. Texts written for these tests."""

from __future__ import annotations

import pytest

from quotes.lexicon import load as load_lexicon
from quotes.pronouns import Referent, choose, compatible
from quotes.spans import Speaker


def direct(result):
    quotes = [q for q in result.quotes if q.type == "direct"]
    assert quotes, [(q.type, q.speaker, q.text) for q in result.quotes]
    return quotes[-1]


def test_she_never_resolves_to_a_man_named_after_her(extract):
    # coreferee links "she" to McConnell; his first name says he is a man.
    text = ("Hillary Clinton campaigned in Iowa on Monday.\n"
            "Senate Majority Leader Mitch McConnell criticized her plan on Tuesday.\n"
            "“We will not back down,” she said at a rally in Des Moines.")
    q = direct(extract(text))
    assert q.speaker == "Hillary Clinton"
    assert q.speaker_mention == "she"
    assert q.speaker_start == text.index("she said")
    assert q.attribution in ("coreference", "salience")


# One rule each: the text, and who the last direct quote's pronoun speaker must be.
@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("Governor Tom Reilly flew to New Hampshire on Friday.\n"
                 "“New Hampshire decides elections,” he said.", "Tom Reilly", id="he never a place"),
    pytest.param("Ms. Okafor and Mr. Brandt met at the council chamber on Monday.\n"
                 "“The vote is a disgrace,” she said.", "Okafor", id="honorific tells gender"),
    pytest.param("Congresswoman Dana Whitfield sat beside Jordan Pike during the hearing.\n"
                 "“Nobody read the report,” she said afterwards.", "Dana Whitfield", id="gendered title"),
    pytest.param("Bernie Walsh endorsed Margaret Hale at the convention on Saturday.\n"
                 "“He has been a friend for thirty years,” she said.", "Margaret Hale", id="first name"),
    pytest.param("Eswar Prasad, a professor of economics at Cornell University, was skeptical.\n"
                 "“Many people have taken an ostrich approach,” he said.", "Eswar Prasad",
                 id="apposition description is the named person"),
    pytest.param("Carol Jennings, a pollster in Ohio, watched the debate.\n"
                 "“He is becoming the best recruiter for the other side,” she said.", "Carol Jennings",
                 id="antecedent inside the quotation is not the speaker"),
    pytest.param("“We need more buses,” said Paul Ortega, a transit planner.\n"
                 "Ortega has worked with Mayor Frank Dunn for a decade.\n"
                 "“The money is already there,” he added.", "Paul Ortega",
                 id="last quoted person over a person merely mentioned"),
])
def test_pronoun_speaker(extract, text: str, speaker: str):
    assert direct(extract(text)).speaker == speaker


def test_no_compatible_person_leaves_the_speaker_unknown(extract):
    text = ("The storm reached the coast of Maine on Sunday.\n"
            "“It was the worst night of my life,” she said.")
    q = direct(extract(text))
    assert q.speaker is None
    assert q.speaker_kind == "unknown"
    assert q.speaker_mention == "she"


def test_a_weak_candidate_far_back_leaves_the_speaker_unknown(extract):
    # pronouns.MIN_SALIENCE: an unnamed description five sentences up, quoted nowhere, is
    # too little to name ("Judge Tom Ruiz left early" would be enough).
    text = ("The judge left early. The town changed. Rents rose. Stores closed. The mill shut.\n"
            "“It is over for all of us,” he said.")
    q = direct(extract(text))
    assert (q.speaker, q.speaker_mention) == (None, "he")
    named = direct(extract(text.replace("The judge", "Judge Tom Ruiz")))
    assert named.speaker == "Tom Ruiz"


def test_it_stands_for_an_organisation(extract):
    text = ("Mayor Ellen Park criticised the Harbor Authority on Tuesday.\n"
            "The Harbor Authority published its budget the same day. It said the bridge would close in May.")
    r = extract(text)
    q = next(q for q in r.quotes if q.text.startswith("the bridge"))
    assert q.speaker == "Harbor Authority"
    assert q.speaker_kind == "organisation"


def test_first_person_outside_a_quotation_is_the_writer(extract):
    text = ("“Not tonight,” I said, and closed the notebook.\n"
            "I asked Dana Ruiz whether the council would approve the plan. “Next week,” she said.")
    r = extract(text)
    by_text = {q.text: q for q in r.quotes}
    assert (by_text["Not tonight,"].speaker, by_text["Not tonight,"].speaker_kind) == ("the writer", "writer")
    assert by_text["Not tonight,"].speaker_mention == "I"
    assert by_text["Next week,"].speaker == "Dana Ruiz"


def test_first_person_inside_a_quotation_is_its_speaker(extract):
    text = "“I told them the budget was final,” said Mayor Ellen Park. “We will not reopen it.”"
    r = extract(text)
    assert [q.speaker for q in r.quotes] == ["Ellen Park", "Ellen Park"]


# -- the rules themselves, on hand-built referents (no parse needed)

def _ref(name: str, gender: str | None, sentence: int, *, person: bool = True, kind: str = "person",
         subject: bool = False, position: int = 0, plural: bool = False) -> Referent:
    return Referent(Speaker(name, kind, "mention"), gender, person, plural, person, position, sentence, subject)


@pytest.mark.parametrize(("pronoun", "ref", "ok"), [
    ("she", _ref("Mitch McConnell", "m", 0), False),
    ("he", _ref("Mitch McConnell", "m", 0), True),
    ("he", _ref("New Hampshire", None, 0, person=False, kind="organisation"), False),
    ("it", _ref("Xinhua", None, 0, person=False, kind="organisation"), True),
    ("it", _ref("Jane Doe", "f", 0), False),
    ("they", _ref("officials", None, 0, kind="anonymous", plural=True), True),
    ("they", _ref("his leverage", None, 0, person=False, kind="anonymous"), False),
    ("they", _ref("other changes", None, 0, person=False, kind="anonymous", plural=True), False),
    ("they", _ref("the state's governor", None, 0, kind="anonymous"), False),  # one person
    ("they", _ref("Grassley and Leahy", None, 0, plural=True), True),
    ("they", _ref("Congress", None, 0, person=False, kind="organisation"), True),
])
def test_compatibility(pronoun, ref, ok):
    assert compatible(load_lexicon().pronoun_features[pronoun], ref) is ok


def test_salience_prefers_the_nearer_sentence_and_the_subject():
    features = load_lexicon().pronoun_features["he"]
    far = _ref("Tom Far", "m", 0, subject=True, position=1)
    near_object = _ref("Tom Object", "m", 2, position=10)
    near_subject = _ref("Tom Subject", "m", 2, subject=True, position=8)
    chosen, method = choose(features, [], [far, near_object, near_subject], sentence=3)
    assert [r.speaker.name for r in chosen] == ["Tom Subject"]
    assert method == "salience"


def test_coreferee_antecedent_that_breaks_a_constraint_is_dropped():
    features = load_lexicon().pronoun_features["she"]
    wrong = _ref("Mitch McConnell", "m", 1, subject=True, position=5)
    right = _ref("Hillary Clinton", "f", 0, subject=True, position=0)
    chosen, _ = choose(features, [wrong], [right, wrong], sentence=2)
    assert chosen[0].speaker.name == "Hillary Clinton"


def test_she_finds_a_relative_the_tagger_did_not_name(extract):
    text = ("Donald Trump spoke first at the convention.\n"
            "On the last day, Ivanka Trump strode across the stage in a dress from her namesake label. "
            "Then she shattered party norms, pledging that her father would support working mothers.")
    (quote,) = [q for q in extract(text).quotes if "working mothers" in q.text]
    assert quote.speaker == "Ivanka Trump"


def test_a_speaker_quoted_by_surname_alone_is_a_candidate_for_he(extract):
    text = ("“I would happily debate him on any stage,” Hendricks said at the town hall.\n"
            "And even that offer, he added, assumes a certain level of good faith on the other side.")
    quotes = {q.text: q for q in extract(text).quotes}
    assert quotes["assumes a certain level of good faith on the other side"].speaker == "Hendricks"


def test_a_pronoun_in_a_relative_clause_never_stands_for_the_noun_it_describes(extract):
    text = ("Governor Tom Reyes has feuded with the anchor Mark Hill for weeks. His complaint is aimed at Hill, "
            "who he said has been unfair to him.")
    r = extract(text)
    q = next(q for q in r.quotes if q.text.startswith("has been unfair"))
    assert q.speaker == "Tom Reyes"
    # Deeper in the clause the pronoun may stand for that noun.
    text = ("The best description came from student Dana Ruiz, who surprised me when she called the senator "
            "“a savage grandpa.”")
    q = next(q for q in extract(text).quotes if "grandpa" in q.text)
    assert q.speaker == "Dana Ruiz"


def test_they_never_stands_for_a_thing(extract):
    text = ("Democrats met in Denver on Friday. The party's leverage, they say, is growing.")
    r = extract(text)
    q = next(q for q in r.quotes if "leverage" in q.text)
    assert q.speaker == "Democrats"


def test_a_long_quotation_does_not_push_the_speaker_out_of_the_pronouns_window(extract):
    # Six quoted sentences between the name and "she said": the writer's sentences count.
    text = ("Mayor Linda Park spoke at the town hall on Tuesday.\n\n"
            "The crowd asked about the bridge.\n\n"
            "“We have the money. We have the plans. We have the workers. We have the steel. "
            "We have the permits. We have the will,” she said.\n\n"
            "She also criticized the state budget.\n\n"
            "“Albany has cut our aid three years running, and nobody there has explained why,” she remarked.\n")
    speakers = {q.text: q.speaker for q in extract(text).quotes}
    assert speakers["Albany has cut our aid three years running, and nobody there has explained why,"] == "Linda Park"


def test_they_stands_for_the_people_not_the_things_they_named(extract):
    text = ("Senators Ann Cole and Tom Reyes wrote to the agency on Monday. Ms. Cole and Mr. Reyes say other "
            "changes are needed.\n\n"
            "The program has grown well beyond its first purpose, they say.\n")
    speakers = {q.text: q.speaker for q in extract(text).quotes}
    assert speakers["The program has grown well beyond its first purpose"] == "Ann Cole and Tom Reyes"


def test_the_subject_of_a_reported_clause_is_not_the_next_speaker(extract):
    text = ("Mark Hale spoke first. Tom Reyes said Hale had hidden the cost of the bridge.\n\n"
            "“This is a disgrace to every taxpayer in the county,” he said.\n")
    speakers = {q.text: q.speaker for q in extract(text).quotes}
    assert speakers["This is a disgrace to every taxpayer in the county,"] == "Tom Reyes"


def test_a_first_name_given_to_men_and_women_tells_no_gender(extract):
    # "Lee" is frequent for both sexes in the census lists: "he" may stand for Lee Harmon.
    assert "lee" not in load_lexicon().first_names
    text = ("Speaker Paul Reyes met the governor on Thursday. Rep. Lee Harmon of Ohio, a longtime "
            "ally, said the meeting went well. “Nobody expected a deal this fast,” he said.")
    assert direct(extract(text)).speaker == "Lee Harmon"


def test_a_pronoun_opening_a_sentence_stands_for_the_main_subject_just_before(extract):
    # "After the governor described ..., Sam Reyes spurred the campaign to respond. He
    # urged ...": Reyes, the main clause's subject, not Tom Hale, named earlier.
    text = ("Tom Hale spent Monday in Ohio. After the governor described the plan as a disaster, Sam Reyes "
            "spurred the campaign to respond. He urged aides to call voters and said the plan was sound.")
    said = [q for q in extract(text).quotes if q.cue == "said"]
    assert [(q.text, q.speaker, q.speaker_mention) for q in said] == [("the plan was sound", "Sam Reyes", "He")]


def test_the_main_subject_just_before_counts_also_when_the_tagger_missed_the_name(extract):
    # "Sanders" tagged a plural common noun: still the subject of the sentence right before.
    text = ("Bernie Sanders and Hillary Clinton debated on Monday. After all, she argued, Barack Obama got a lot "
            "of money from the banks, and he still signed the law.\n\nSanders wasn’t impressed.\n\n"
            "“No Wall Street executive has been prosecuted,” he noted.")
    q = direct(extract(text))
    assert (q.speaker, q.speaker_mention) == ("Bernie Sanders", "he")


def test_a_pronoun_for_a_title_is_the_one_person_holding_it(extract):
    text = ("Judge Ann Berman heard the case on Monday, and the defense lawyers argued for hours. The judge did "
            "not go along with the prosecutors.\n\n“This sentence is fair and it is final,” she said.")
    q = direct(extract(text))
    assert (q.speaker, q.speaker_kind, q.speaker_mention) == ("Ann Berman", "person", "she")


def test_a_pronoun_in_a_joined_clause_leans_to_the_first_clause_subject():
    # "McAuliffe has said ..., but he refuses to discuss ...": the subject of the clause the
    # pronoun's clause is joined to, even where coreferee names the speaker quoted before.
    features = load_lexicon().pronoun_features["he"]
    earlier = _ref("David Wasserman", "m", 1, subject=True, position=5)
    quoted = _ref("David Wasserman", "m", 2, subject=True, position=10)
    first = _ref("Terry McAuliffe", "m", 3, subject=True, position=20)
    chosen, _ = choose(features, [quoted], [earlier, quoted, first], sentence=3,
                       recent=["David Wasserman", "Terry McAuliffe"], subject=True, joined=20)
    assert [r.speaker.name for r in chosen] == ["Terry McAuliffe"]
