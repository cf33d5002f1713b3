"""Accuracy round 2: reporting verbs decided by measurement, stances, quotes split by a
cue, speakers from the right part of the parse, headings and bylines, short quoted
phrases. Each text is written for the test; each asserts which quote and which speaker."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotes.attribute import find_cues, subject_of
from quotes.lexicon import load as load_lexicon
from quotes.link import _positional_speaker


def _by_text(result):
    return {q.text: q for q in result.quotes}


def test_reporting_verb_table_is_read_from_rules():
    reporting = load_lexicon().reporting
    assert "praise" in reporting.stances  # measured precise: reported in --scope speech
    assert "support" not in reporting.stances  # measured imprecise: only when it quotes words
    assert not reporting.reports_clause("let")  # "let them know that": no report


def test_precise_stance_verbs_report_in_the_default_scope(extract):
    result = extract("Governor Tom Reyes praised the new bridge law on Tuesday. "
                     "Most voters supported the plan to widen the road.")
    quotes = _by_text(result)
    assert quotes["the new bridge law"].speaker == "Tom Reyes"
    assert quotes["the new bridge law"].cue == "praised"
    assert "the plan to widen the road" not in quotes  # "support" is not precise enough


def test_a_stance_of_someone_named_reports_where_measured_precise(extract):
    # "support" and "call" report in --scope speech where a named person is their own
    # subject (rules/reporting_verbs.txt, shape "named"), not where voters or "she" are.
    result = extract("Senator Ann Cole supported the plan to widen the road. Most voters supported it too.\n\n"
                     "Mayor Tom Reyes called on the council to approve the budget. "
                     "Mayor Tom Reyes called both candidates on Tuesday night.")
    quotes = _by_text(result)
    assert quotes["the plan to widen the road"].speaker == "Ann Cole"
    assert quotes["the plan to widen the road"].cue == "supported"
    assert not any(q.speaker == "Most voters" for q in result.quotes)
    called = quotes["the council to approve the budget"]  # the infinitive goes with it ("on" with the verb)
    assert called.speaker == "Tom Reyes"
    assert not any("candidates" in q.text for q in result.quotes)  # a phone call, not what he called them


def test_a_feeling_someone_named_expresses_is_reported(extract):
    # "express" (a stance verb, shape "named" measured precise): what a named person
    # expressed is theirs: the clause a feeling opens ("noun-clause" in rules/cue_verbs.txt)
    # or the feeling with its phrase; not where "the report" expresses.
    result = extract("Senator Ann Cole expressed concern that the harbor bridge would close before winter. "
                     "Mayor Tom Reyes expressed dismay at the cost of the new road. "
                     "The report expressed the figures in dollars.")
    quotes = _by_text(result)
    assert quotes["the harbor bridge would close before winter"].speaker == "Ann Cole"
    assert quotes["dismay at the cost of the new road"].speaker == "Tom Reyes"
    assert not any("figures" in q.text for q in result.quotes)


def test_phrasal_verbs_of_speech_report_with_their_particle(extract):
    # "point out", "lay out" (rules/cue_verbs.txt lists them with their particle): what
    # was pointed out is said, as a clause, an object or the clause an "as" aside is on;
    # "pointed to" stays the stance verb it is.
    result = extract("The harbor bridge has been closed for a year, as Mayor Ann Cole pointed out. "
                     "Senator Tom Reyes pointed out the flaws in the budget.\n\n"
                     "Governor Lena Ortiz laid out her plan to rebuild the harbor bridge.")
    quotes = _by_text(result)
    assert quotes["The harbor bridge has been closed for a year"].speaker == "Ann Cole"
    assert quotes["the flaws in the budget"].speaker == "Tom Reyes"
    assert quotes["her plan to rebuild the harbor bridge"].speaker == "Lena Ortiz"


def test_what_someone_calls_a_thing_in_quoted_words_is_theirs_whatever_the_verb(extract):
    # An object, then "as" and quoted words: the subject's characterisation, even with a
    # verb of no speech ("identified", "recalled" with an object); not "as" with no quote.
    result = extract("Senator Ann Cole recalled the old mill as “the heart of this town.”\n\n"
                     "Mayor Tom Reyes identified the harbor bridge as “our biggest problem” on Monday.\n\n"
                     "Governor Lena Ortiz offered herself as a “law and order” candidate in the race.\n\n"
                     "The workers painted the bridge as the sun set.")
    assert [(q.type, q.text, q.speaker) for q in result.quotes] == [
        ("mixed", "the old mill as “the heart of this town.", "Ann Cole"),
        ("mixed", "the harbor bridge as “our biggest problem", "Tom Reyes"),
        ("mixed", "herself as a “law and order” candidate", "Lena Ortiz")]


def test_what_someone_complains_about_or_comments_on_is_reported(extract):
    # Verbs of speech with the preposition that carries their content (rules/cue_verbs.txt:
    # "complain" prep:about, "comment" prep:on, "rail" prep:against): the phrase without
    # the preposition, run on over the phrases the parser hung on the verb after it.
    result = extract("Mayor Ann Cole complained about the delays at the harbor.\n\n"
                     "Senator Tom Reyes railed against the tolls on the bridge, which he called unfair.\n\n"
                     "Governor Lena Ortiz commented on the new budget for the port.")
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("the delays at the harbor", "Ann Cole"),
        ("the tolls on the bridge, which he called unfair", "Tom Reyes"),
        ("the new budget for the port", "Lena Ortiz")]


def test_a_characterisation_reports_whoever_makes_it(extract):
    # "call X Y" and "describe X as Y" say what their object is (shape "predicate" of
    # rules/reporting_verbs.txt): reported whoever the subject, where a bare "call X" is
    # a phone call.
    result = extract("Six newspapers in the state called him a political opportunist who has neglected his duties. "
                     "Obama called both candidates on Monday.\n\n"
                     "On foreign policy, young voters describe themselves as conservative (37% to 28%).")
    quotes = _by_text(result)
    assert quotes["him a political opportunist who has neglected his duties"].speaker == "Six newspapers in the state"
    # the bracket opened inside the words closes with them; "%" is not punctuation to trim
    assert quotes["themselves as conservative (37% to 28%)"].speaker == "young voters"
    assert not any("candidates" in q.text for q in result.quotes)


def test_a_headline_in_title_case_with_a_verb_of_speech_or_stance(extract):
    result = extract("Ann Cole Says the Harbor Bridge Will Close Before Winter\n\n"
                     "The mayor spoke on Monday.\n\n"
                     "Tom Ruiz Slams Council for Bridge Delays, Asks for a Vote\n\n"
                     "Ann Cole Tells Reporters the Bridge Is Safe\n\n"
                     "The council met on Tuesday.")
    quotes = _by_text(result)
    assert quotes["the Harbor Bridge Will Close Before Winter"].speaker == "Ann Cole"
    assert quotes["Council for Bridge Delays"].speaker == "Tom Ruiz"  # a stance: up to the comma
    assert not any(q.text.startswith("Reporters") for q in result.quotes)  # whom it was told
    # A headline whose first words the tagger calls a person: "Talks" is no verb there.
    result = extract("Ferry Strike Talks Collapse as Union Rejects Pay Offer\n\n"
                     "Talks to end the ferry strike collapsed on Tuesday.")
    assert not any(q.attribution == "heading" for q in result.quotes)


def test_a_poll_opening_the_sentence_states_its_findings(extract):
    result = extract("In a new Marist poll released Monday, 52 percent of voters chose Ann Cole. "
                     "Tom Ruiz trails by six points in some polls, which his campaign disputes.")
    quotes = _by_text(result)
    assert quotes["52 percent of voters chose Ann Cole"].speaker == "a new Marist poll"
    assert quotes["52 percent of voters chose Ann Cole"].cue == "In a new Marist poll released Monday"
    assert not any(q.cue == "in some polls" for q in result.quotes)  # inside the sentence: no source


def test_what_a_poll_shows_is_the_polls_finding(extract):
    # "show" reports its object where a poll or survey is the subject (shape "poll" of
    # rules/reporting_verbs.txt), not where a video is.
    result = extract("A new Marist poll shows Ann Cole with a 10-point lead over Tom Ruiz. "
                     "Video from the rally showed a crowd of angry fighters.")
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("Ann Cole with a 10-point lead over Tom Ruiz", "a new Marist poll")]


def test_a_finding_runs_on_over_its_figures_after_the_comma(extract):
    # ", with 13 percent ...": figures after the comma are more of the finding; a "with"
    # phrase that opens with someone else is not.
    result = extract("The latest Marist poll shows Ann Cole leading Tom Ruiz 44 percent to 37 percent, "
                     "with 13 percent supporting another candidate and only 6 percent undecided.")
    (quote,) = result.quotes
    assert quote.text == ("Ann Cole leading Tom Ruiz 44 percent to 37 percent, with 13 percent supporting "
                          "another candidate and only 6 percent undecided")
    assert quote.speaker == "the latest Marist poll"


def test_what_a_speaker_refers_to_while_speaking(extract):
    # "refer" as a participle on a verb of speech (shape "aside" of
    # rules/reporting_verbs.txt) reports its object, said by the one speaking; the
    # preposition goes with the verb.
    result = extract("“It was the heart of this town,” Mayor Ann Cole said, referring to the old paper mill.")
    quotes = _by_text(result)
    assert quotes["the old paper mill"].speaker == "Ann Cole"
    assert quotes["the old paper mill"].cue == "referring"


def test_an_object_proposed_by_someone_named_is_reported(extract):
    # "propose" (a speech verb whose object is the content) reports where a named person
    # proposes, not where "several voters" do; "told CNN" names whom it was said to.
    result = extract("Senator Ann Cole proposed a new tax on sugary drinks. Several voters proposed a new park. "
                     "Senator Ann Cole told CNN about her plans on Monday.")
    assert [(q.text, q.speaker) for q in result.quotes] == [("a new tax on sugary drinks", "Ann Cole")]


def test_both_pieces_of_a_quote_split_by_its_cue(extract):
    result = extract("The agency published new guidance on Monday. Those rules, the lawyers said, "
                     "“apply to every agency in the state.”")
    quotes = _by_text(result)
    assert quotes["Those rules"].speaker == "the lawyers"
    assert quotes["apply to every agency in the state."].speaker == "the lawyers"
    assert quotes["apply to every agency in the state."].type == "direct"


def test_both_clauses_around_a_cue_set_off_by_commas(extract):
    result = extract("There is a risk, Governor Ann Cole said, that the bridge will close before winter.")
    quotes = _by_text(result)
    assert quotes["There is a risk"].speaker == "Ann Cole"
    assert quotes["the bridge will close before winter"].speaker == "Ann Cole"


def test_heading_and_transcript_lines_name_their_speaker(extract):
    text = ("Jane Doe: Springfield Will Rebuild the Bridge Before Winter\n\n"
            "The mayor spoke to a local radio station on Monday.\n\n"
            "MARK HILL: Why not put the bridge plan to a public vote?\n\n"
            "JANE DOE: Because the council already voted on it twice.\n\n"
            "HILL: Twice is not enough for a project this size.\n\n"
            "Added Doe: “The winter will not wait for another vote.”\n\n"
            "Continued Hill: “Then put it to the voters in May.”\n\n"
            "Update: This story was corrected on Tuesday to fix a date.\n")
    result = extract(text)
    quotes = _by_text(result)
    heading = quotes["Springfield Will Rebuild the Bridge Before Winter"]
    assert (heading.speaker, heading.attribution) == ("Jane Doe", "heading")
    assert quotes["Why not put the bridge plan to a public vote?"].speaker == "Mark Hill"
    assert quotes["Because the council already voted on it twice"].speaker == "Jane Doe"
    assert quotes["Twice is not enough for a project this size"].speaker == "Mark Hill"  # the surname in capitals
    assert quotes["The winter will not wait for another vote."].speaker == "Jane Doe"  # "Added" is no first name
    assert quotes["Then put it to the voters in May."].speaker == "Mark Hill"  # nor is "Continued"
    assert not any("corrected" in q.text for q in result.quotes)  # "Update:" names no one


def test_short_quoted_phrase_as_object_goes_to_the_one_who_called_it(extract):
    result = extract("The council voted on the plan, which the senator called “a gift to lobbyists.” "
                     "Critics described it as “a mistake.”")
    quotes = _by_text(result)
    assert quotes["a gift to lobbyists."].speaker == "the senator"
    assert not any(q.speaker == "Critics" and "lobbyists" in q.text for q in result.quotes)


def test_a_quoted_word_as_object_of_called_after_a_relative_pronoun(extract):
    result = extract("In a clip that Judge Ann Mosby called “distasteful,” the host threatened the guests.")
    quotes = _by_text(result)
    assert quotes["distasteful,"].speaker == "Ann Mosby"


def test_a_main_verb_the_parser_hung_on_the_name_still_has_that_speaker(extract):
    result = extract("Mayor Bill Okafor, speaking on a local station, called the plan a “boondoggle,” "
                     "and said the council would vote it down.")
    called = [q for q in result.quotes if "boondoggle" in q.text]
    assert called and called[0].speaker == "Bill Okafor"


def test_a_speech_cue_beside_the_marks_wins_over_a_belief_around_them(extract):
    result = extract("The policy-making elite, on the other hand, know that “strategic thinking means you have "
                     "to build a force to be taken seriously,” Ms. Tempel said.")
    (quote,) = result.quotes
    assert quote.speaker == "Tempel"
    believed = extract("Most analysts believe that “the plan will fail before the winter.”")
    assert [q.speaker for q in believed.quotes] == ["Most analysts"]


def test_a_parenthetical_cue_after_an_opening_phrase_still_reports_what_follows(extract):
    result = extract("At times last year, people close to the mayor said, the mere mention of the bridge "
                     "could make him fume.")
    quotes = _by_text(result)
    reported = quotes["the mere mention of the bridge could make him fume"]
    assert reported.speaker == "people close to the mayor"


def test_a_cue_inside_the_next_sentences_report_does_not_attribute_the_quotation(extract):
    result = extract("“It is a very sad development,” Senator Ann Cole told reporters. “This is the consequence "
                     "of the culture of the campaign.” Governor Tom Reyes said he would have fired the manager.")
    quotes = _by_text(result)
    assert quotes["This is the consequence of the culture of the campaign."].speaker == "Ann Cole"
    assert quotes["he would have fired the manager"].speaker == "Tom Reyes"


def test_a_question_put_by_no_one_named_is_a_quote_without_a_speaker(extract):
    result = extract("Asked on Monday whether the council would vote on the bridge, Mayor Ann Cole shook her head.")
    quote = _by_text(result)["whether the council would vote on the bridge"]
    assert (quote.speaker, quote.speaker_kind) == (None, "unknown")
    assert not extract("Tom Reyes was charged with battery in Florida on Monday.").quotes
    # What the passive's subject is reported to have said stays hers.
    quote = extract("Mayor Ann Cole is reported to have called the plan “a disgrace to the city.”").quotes[0]
    assert quote.speaker == "Ann Cole"


def test_what_a_report_lists_in_a_gerund_is_its_content(extract):
    quote = extract("Mayor Ann Cole reported having $1.3 million in cash at the start of March.").quotes[0]
    assert (quote.text, quote.speaker) == ("having $1.3 million in cash at the start of March", "Ann Cole")


def test_a_cue_set_off_by_as_reports_the_rest_of_its_sentence(extract):
    quote = extract("As Mayor Ann Cole noted, the bridge is too old to repair.").quotes[0]
    assert (quote.text, quote.speaker) == ("the bridge is too old to repair", "Ann Cole")
    quotes = _by_text(extract("The bridge, as Mayor Ann Cole put it, is too old to repair."))
    assert quotes["The bridge"].speaker == quotes["is too old to repair"].speaker == "Ann Cole"
    quote = extract("The council will vote in May, as Mayor Ann Cole said on Monday.").quotes[0]
    assert (quote.text, quote.speaker) == ("The council will vote in May", "Ann Cole")
    # A time, a concession or a comparison reports nothing.
    assert not extract("As she spoke, protesters shouted at the stage.").quotes
    assert not extract("As she was speaking, protesters shouted at the stage.").quotes
    assert not extract("The storm was as bad as she said.").quotes


def test_both_pieces_around_a_cue_before_a_that_clause(extract):
    result = extract("Mayor Ann Cole spoke on Monday. The problem with the plan, Cole said, is that it costs "
                     "too much.")
    quotes = _by_text(result)
    assert quotes["The problem with the plan"].speaker == "Ann Cole"
    assert quotes["is that it costs too much"].speaker == "Ann Cole"


def test_a_reported_clause_ends_where_the_speakers_next_act_begins(extract):
    result = extract("Councilwoman Dana Ruiz said the county spends $4 million a year on the bridge and "
                     "questioned whether the repairs would last.")
    quotes = _by_text(result)
    assert quotes["the county spends $4 million a year on the bridge"].speaker == "Dana Ruiz"
    assert quotes["whether the repairs would last"].speaker == "Dana Ruiz"
    result = extract("Senator Ann Cole continues to insist that she will fight on to the convention and refuses "
                     "to answer questions about the race.")
    quotes = _by_text(result)
    assert quotes["she will fight on to the convention"].speaker == "Ann Cole"
    assert quotes["to answer questions about the race"].cue == "refuses"
    result = extract("The mayor said the storm would be over by Friday, but downplayed the damage.")
    assert [q.text for q in result.quotes] == ["the storm would be over by Friday"]
    result = extract("The mayor said the company has grown and hired 300 people.")
    assert [q.text for q in result.quotes] == ["the company has grown and hired 300 people"]


def test_a_speech_participle_or_a_second_cue_is_the_speakers_next_act(extract):
    result = extract("Councilwoman Dana Ruiz said the county budget has been wasteful, noting the "
                     "cost of the new parking garage downtown.")
    quotes = _by_text(result)
    assert quotes["the county budget has been wasteful"].speaker == "Dana Ruiz"
    noted = quotes["the cost of the new parking garage downtown"]
    assert (noted.speaker, noted.cue) == ("Dana Ruiz", "noting")
    result = extract("Mayor Tom Reyes spoke on Monday. He says he respects the council and calls "
                     "its budget “a careful piece of work.”")
    quotes = _by_text(result)
    assert quotes["he respects the council"].speaker == "Tom Reyes"
    assert quotes["its budget “a careful piece of work."].speaker == "Tom Reyes"
    # A belief verb, or a verb with no quoted words, stays inside the reported clause.
    result = extract("Mayor Tom Reyes says he is proud of the council and expects to leave office in May.")
    assert [q.text for q in result.quotes] == ["he is proud of the council and expects to leave office in May"]


def test_a_name_before_an_aside_speaks_and_a_slogan_is_not_the_next_quote(extract):
    text = ("The actor spoke about his new show.\n\n“Most of my friends are women, overwhelmingly so,” Hill, 49, "
            "told the magazine. “I wanted to understand them better.”")
    assert [q.speaker for q in extract(text).quotes] == ["Hill", "Hill"]
    text = ("“I think the mayor will do fine,” she said, showing off the “Rebuild the Bridge Now” hat the "
            "campaign had given her. “I have supported her since the beginning.”")
    quotes = _by_text(extract(text))
    assert "Rebuild the Bridge Now" not in quotes  # a slogan after "the": no continuation
    assert quotes["I have supported her since the beginning."].attribution == "continuation"


# One quote in each text, and what it must be: the fields named, with these values.
ONE_QUOTE = [
    pytest.param("“We need more money for schools,” said Director of Public Affairs Ann Cole.",
                 {"speaker": "Ann Cole", "speaker_mention": "Director of Public Affairs Ann Cole"},
                 id="title-with-of-phrase-before-a-name"),
    pytest.param("The plan is a disaster, said another Ohio Democrat on Tuesday.",
                 {"text": "The plan is a disaster", "speaker": "another Ohio Democrat", "speaker_kind": "anonymous"},
                 id="member-of-a-group-is-not-the-group"),
    pytest.param("SPRINGFIELD — The new budget will pass next week, officials said on Monday.",
                 {"text": "The new budget will pass next week", "speaker": "officials"},
                 id="dateline-neither-speaker-nor-content"),
    pytest.param("Jane Doe: “We will rebuild the bridge before winter.”",
                 {"text": "We will rebuild the bridge before winter.", "type": "direct", "speaker": "Jane Doe"},
                 id="heading-quotation-after-a-name"),
    pytest.param("“We will rebuild the bridge before winter.” ― Jane Doe, mayor of Springfield",
                 {"text": "We will rebuild the bridge before winter.", "speaker": "Jane Doe", "attribution": "byline"},
                 id="dash-byline-with-role"),
    pytest.param("“We will rebuild the bridge before winter.” — Jane Doe",
                 {"text": "We will rebuild the bridge before winter.", "speaker": "Jane Doe", "attribution": "byline"},
                 id="dash-byline"),
    pytest.param("The council is split on the bridge.\n\n"
                 "“We will rebuild the bridge before winter, whatever it costs.\n"
                 "Jane Doe, Springfield Bridge Trust.”\n\nThe vote is on Monday.",
                 {"text": "We will rebuild the bridge before winter, whatever it costs.", "speaker": "Jane Doe",
                  "attribution": "byline"},
                 id="pull-quote-whose-closing-mark-ends-the-signature-line"),
    pytest.param("The mayor posted a reply within minutes.\n\n"
                 "Rebuild the bridge before winter, and do it right — Jane Doe (@janedoe) May 1, 2016\n",
                 {"text": "Rebuild the bridge before winter, and do it right", "speaker": "Jane Doe"},
                 id="embedded-post-signed-by-its-author"),
    pytest.param("Mr. Putin lingered on the questions. He went out of his way to say that the economy "
                 "had hit bottom this year.",
                 {"speaker": "Putin", "speaker_mention": "He"}, id="infinitive-on-a-noun-said-by-the-subject"),
    pytest.param("Senator Ann Cole said legalizing the practice could put thousands of people to work.",
                 {"text": "legalizing the practice could put thousands of people to work", "speaker": "Ann Cole"},
                 id="gerund-clause-after-said"),
    pytest.param("On Thursday night, Governor Ann Cole denied the allegations about the bridge contract.",
                 {"text": "the allegations about the bridge contract", "speaker": "Ann Cole"},
                 id="object-where-the-table-measured-it-precise"),
    pytest.param("In Cole’s words, the bridge is “the spine of the city.”",
                 {"speaker": "Cole", "cue": "In Cole’s words"}, id="in-someones-words"),
    pytest.param("In the survey, 47% said the bridge should be rebuilt.",
                 {"text": "the bridge should be rebuilt", "speaker": "47%", "speaker_kind": "anonymous"},
                 id="share-of-respondents"),
    pytest.param("“That was a fine speech, Mr. President,” Representative Ann Cole, Democrat of Ohio, told the "
                 "president at the ball.",
                 {"speaker": "Ann Cole"}, id="vocative-inside-the-marks-is-not-the-speaker"),
    pytest.param("She met supporters of the new plan, who said the vote was close.",
                 {"speaker": "supporters of the new plan", "speaker_mention": "who"}, id="who-is-not-the-plan"),
    pytest.param("The bridge will cost more, said lobbyist and party strategist Mark Hill, a former aide.",
                 {"speaker": "Mark Hill"}, id="role-coordinated-with-the-name"),
    pytest.param("The wife of Mark Hill said the bridge was safe.",
                 {"speaker": "the wife of Mark Hill", "speaker_kind": "anonymous"}, id="wife-of-is-not-the-husband"),
    pytest.param("Those surveyed said the bridge should be rebuilt.",
                 {"speaker": "those surveyed", "speaker_kind": "anonymous"}, id="those-surveyed"),
    pytest.param("On taxes they lean right: 42% say the state should cut them.",
                 {"text": "the state should cut them", "speaker": "42%"}, id="clause-after-the-verb-not-before"),
    pytest.param("The council met on Monday.\n\nCouncilwoman Dana Ruiz agreed. “The bridge cannot wait "
                 "another winter.”",
                 {"text": "The bridge cannot wait another winter.", "speaker": "Dana Ruiz", "cue": "agreed"},
                 id="bare-cue-sentence-before-a-quotation"),
    pytest.param("Mayor Ann Cole said,“We will rebuild the bridge before winter.”",
                 {"text": "We will rebuild the bridge before winter.", "speaker": "Ann Cole"},
                 id="quotation-mark-glued-to-the-comma"),
    pytest.param("Band member Ann Cole shared the news online last week, writing “Feels great to support "
                 "someone I believe in.”",
                 {"text": "Feels great to support someone I believe in.", "speaker": "Ann Cole"},
                 id="participle-cue-before-the-marks"),
    pytest.param("“The bridge will open in May,” delegate Ann Cole, wearing a hard hat and a “Bridge Now” "
                 "button on her coat, said.",
                 {"text": "The bridge will open in May,", "speaker": "Ann Cole"},
                 id="inverted-cue-past-a-scare-quote"),
    pytest.param("“This is a disgrace,” reacted Councilman Bill Okafor after the vote.",
                 {"speaker": "Bill Okafor"}, id="inverted-reacted"),
    pytest.param("In her speech, Mayor Ann Cole emphasized the need for an “unbreakable commitment” to the city.",
                 {"text": "the need for an “unbreakable commitment” to the city", "speaker": "Ann Cole",
                  "type": "mixed"},
                 id="speech-verb-whose-object-quotes-words"),
    pytest.param("Mayor Ann Cole wrote something like, “The bridge will open in May and the tolls will fall.”",
                 {"text": "The bridge will open in May and the tolls will fall.", "speaker": "Ann Cole",
                  "type": "direct"},
                 id="object-that-is-mostly-a-quotation-stays-direct"),
    pytest.param("Mayor Ann Cole tweeted late on Monday that the council was “reckless” and “a disgrace.”",
                 {"text": "the council was “reckless” and “a disgrace.", "speaker": "Ann Cole"},
                 id="that-parsed-as-an-adverb-still-opens-the-clause"),
    pytest.param("Senator Ann Cole mocked the plan, saying at one point, “The answer is not simply to yell at the "
                 "council.”",
                 {"text": "The answer is not simply to yell at the council.", "speaker": "Ann Cole",
                  "type": "direct", "cue": "saying"},
                 id="a-stance-object-ends-before-the-speakers-next-act"),
    pytest.param("Mayor Ann Cole fired back that the “people of this city voted for me twice” in the last decade.",
                 {"text": "the “people of this city voted for me twice” in the last decade", "speaker": "Ann Cole",
                  "type": "mixed"},
                 id="a-quotation-verb-with-a-that-clause-reports-it"),
    pytest.param("In a new study, Paul R. Lane and J. Peter Mills of the University of Texas, Austin argue that "
                 "the fault lies with policy choices.",
                 {"speaker": "Paul R. Lane and J. Peter Mills"}, id="not-the-place-ending-an-affiliation"),
    pytest.param("Mr. Cole seemed to mock his vague tough talk, saying at one point, “The answer is not simply to "
                 "yell at the council.” But Mr. Reyes, again, did not respond in kind.",
                 {"text": "The answer is not simply to yell at the council.", "speaker": "Cole"},
                 id="a-negated-cue-after-a-quotation-attributes-nothing"),
    pytest.param("The plan includes a new bridge over the river, Mayor Tom Reyes told a Senate panel on Monday.",
                 {"text": "The plan includes a new bridge over the river", "speaker": "Tom Reyes"},
                 id="inverted-cue-as-a-second-clause"),
    pytest.param("Angered by the vote in Ohio, Senator Ann Cole, the minority leader, said that the "
                 "council had broken its word.",
                 {"text": "the council had broken its word", "speaker": "Ann Cole"},
                 id="name-and-apposition-before-a-subjectless-cue"),
    pytest.param("Saturday at the state party's convention Sen. Ann Cole (D-MA) said the governor was a "
                 "“proven failure” in business.",
                 {"text": "the governor was a “proven failure” in business", "speaker": "Ann Cole"},
                 id="name-and-party-in-brackets-before-a-subjectless-cue"),
    pytest.param("Mayor Ann Cole also referenced the “river clause,” a rule that lets the city borrow.",
                 {"text": "the “river clause,” a rule that lets the city borrow", "speaker": "Ann Cole",
                  "type": "mixed"},
                 id="referencing-quoted-words"),
    pytest.param("Ann Cole, director of the institute, says the “would you like a beer with this person” "
                 "test is not the right one when it comes to picking a mayor.",
                 {"text": "the “would you like a beer with this person” test is not the right one when it "
                          "comes to picking a mayor", "speaker": "Ann Cole"},
                 id="one-clause-the-parser-split-in-two"),
    pytest.param("One Republican presidential hopeful, Carly Fiorina, says that despite her years in "
                 "California she will root for Iowa.",
                 {"text": "despite her years in California she will root for Iowa", "speaker": "Carly Fiorina"},
                 id="a-description-then-its-name-in-apposition"),
    pytest.param("EXCLUSIVE – Ann Cole: Do Not Trust the Bridge Inspectors.\n\nThere is concern about the bridge.",
                 {"text": "Do Not Trust the Bridge Inspectors", "speaker": "Ann Cole", "attribution": "heading"},
                 id="headline-after-a-kicker"),
    pytest.param("City Council to Mayor Reyes: Send Money to Fix Roads.\n\nTwo council members wrote a letter.",
                 {"text": "Send Money to Fix Roads", "speaker": "City Council", "attribution": "heading"},
                 id="headline-speaker-to-whom"),
    pytest.param("Anyone who has driven on the bridge knows that it shakes.",
                 {"text": "it shakes", "speaker": "anyone who has driven on the bridge", "speaker_kind": "anonymous"},
                 id="a-group-described-by-its-relative-clause"),
]


@pytest.mark.parametrize(("text", "expected"), ONE_QUOTE)
def test_the_one_quote_of_a_text(extract, text, expected):
    (quote,) = extract(text).quotes
    assert {field: getattr(quote, field) for field in expected} == expected


@pytest.mark.parametrize("text", [
    # "announce" is off by hand: announcing an action is no statement.
    pytest.param("The agency announced new restrictions after the meeting.", id="announced-action"),
    # "in X's words" is a cue only when set off by a comma.
    pytest.param("In his words and deeds, the senator has been consistent.", id="words-and-deeds"),
    # A name given, not a quote.
    pytest.param("The previous administration implemented what it called a “narrow gate, tall wall” "
                 "approach designed to restrict exports of advanced chips.", id="what-it-called"),
    # A name in title case after a marker and a dash.
    pytest.param("The party has called a referendum — “No to Free Lawyers” — for June 5.", id="referendum-name"),
    # Subheads that open with a topic, not a speaker.
    pytest.param("Bridge Repairs.\n\nLimited Tools to Fight Rust: The city was set up at a time when bridges "
                 "were new.\n\nSuccess on Signature Issue: The mayor focused on the bridge after taking office.",
                 id="topic-subheads"),
])
def test_no_quote_in_a_text(extract, text):
    assert not extract(text).quotes


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("The party’s “Ban on Face Coverings” initiative seeks to outlaw veils in public places.",
                 "Ban on Face Coverings", id="after-a-possessive"),
    pytest.param("Pastors preached in a “Souls to the Polls” campaign to lift turnout, after the county's "
                 "early vote data showed some signs of a drop.", "Souls to the Polls", id="after-a-determiner"),
])
def test_a_name_in_title_case_is_no_quote(extract, text, name):
    assert name not in [q.text for q in extract(text).quotes]


def _parsed(words, heads, deps, pos, ents):
    """A hand-built parse (the parser's mistake, fixed, so the rule is tested on it)."""
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_of_two_subjects_the_one_nearest_the_verb_unless_it_ends_a_list():
    # "Comparing records, the researchers found ...": the parser made both nouns subjects.
    doc = _parsed(["Comparing", "records", ",", "the", "researchers", "found", "it"],
                  [1, 5, 5, 4, 5, 5, 5], ["amod", "nsubj", "punct", "det", "nsubj", "ROOT", "dobj"],
                  ["VERB", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PRON"], ["O"] * 7)
    assert subject_of(doc[5]).text == "researchers"
    # "Voters in Ohio, Georgia said ...": not the place that ends the list.
    doc = _parsed(["Voters", "in", "Ohio", ",", "Georgia", "said", "it"],
                  [5, 0, 1, 2, 5, 5, 5], ["nsubj", "prep", "pobj", "punct", "nsubj", "ROOT", "dobj"],
                  ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON"],
                  ["O", "O", "B-GPE", "O", "B-GPE", "O", "O"])
    assert subject_of(doc[5]).text == "Voters"


def test_a_time_is_never_a_speaker(extract):
    # The parse took "Wednesday" for the one who called; no one is better than a date.
    result = extract("Much of the anger was aimed at Bannon, who Beck on Wednesday called “a horrible human being.”")
    assert all(q.speaker != "Wednesday" for q in result.quotes)
    (quote,) = extract("“She is well placed to get things done,” the daily wrote.").quotes
    assert (quote.speaker, quote.speaker_kind) == ("the daily", "organisation")  # a newspaper, not a date


def test_a_quotation_in_parentheses_takes_no_cue_past_them(extract):
    result = extract("After the fire at the county office (Ann Cole called it “horrific and unacceptable” and was "
                     "“grateful that everyone is safe”), Tom Reyes inflamed tensions by saying, “Animals have "
                     "burned our office.”")
    quotes = _by_text(result)
    assert quotes["Animals have burned our office."].speaker == "Tom Reyes"
    assert "grateful that everyone is safe" not in quotes or \
        quotes["grateful that everyone is safe"].speaker != "Tom Reyes"


def _english(words, heads, deps, pos, tags, lemmas):
    """A hand-built parse over an English vocabulary (so punctuation is punctuation)."""
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_a_cue_hung_on_the_opening_clause_still_reports_the_main_clause():
    # "Though the repair was smooth, he said, replacing the deck would be costly.": the
    # parser made the cue part of the "Though" clause; the main clause after it is reported too.
    words = ["Though", "the", "repair", "was", "smooth", ",", "he", "said", ",", "replacing", "the", "deck",
             "would", "be", "costly", "."]
    doc = _english(words, [3, 2, 3, 13, 3, 7, 7, 3, 7, 13, 11, 9, 13, 13, 13, 13],
                   ["mark", "det", "nsubj", "advcl", "acomp", "punct", "nsubj", "parataxis", "punct", "csubj",
                    "det", "dobj", "aux", "ROOT", "acomp", "punct"],
                   ["SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "PRON", "VERB", "PUNCT", "VERB", "DET", "NOUN",
                    "AUX", "AUX", "ADJ", "PUNCT"],
                   ["IN", "DT", "NN", "VBD", "JJ", ",", "PRP", "VBD", ",", "VBG", "DT", "NN", "MD", "VB", "JJ", "."],
                   ["though", "the", "repair", "be", "smooth", ",", "he", "say", ",", "replace", "the", "deck",
                    "would", "be", "costly", "."])
    (cue,) = [c for c in find_cues(doc, load_lexicon()) if c.token.text == "said"]
    assert doc.text[slice(*cue.content)] == "Though the repair was smooth"
    assert doc.text[slice(*cue.resumed)] == "replacing the deck would be costly"


def test_a_relative_clause_hung_on_the_cue_is_not_its_content():
    # "The firms stood in the way, she said, by spreading a myth that scares voters.": the
    # parser made "that scares voters" a clause of "said"; the clause before is the content.
    words = ["The", "firms", "stood", "in", "the", "way", ",", "she", "said", ",", "by", "spreading", "a", "myth",
             "that", "scares", "voters", "."]
    doc = _english(words, [1, 2, 8, 2, 5, 3, 8, 8, 8, 8, 8, 10, 13, 11, 15, 8, 15, 8],
                   ["det", "nsubj", "ccomp", "prep", "det", "pobj", "punct", "nsubj", "ROOT", "punct", "prep",
                    "pcomp", "det", "dobj", "nsubj", "ccomp", "dobj", "punct"],
                   ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "ADP", "VERB",
                    "DET", "NOUN", "PRON", "VERB", "NOUN", "PUNCT"],
                   ["DT", "NNS", "VBD", "IN", "DT", "NN", ",", "PRP", "VBD", ",", "IN", "VBG", "DT", "NN", "WDT",
                    "VBZ", "NNS", "."],
                   ["the", "firm", "stand", "in", "the", "way", ",", "she", "say", ",", "by", "spread", "a", "myth",
                    "that", "scare", "voter", "."])
    (cue,) = [c for c in find_cues(doc, load_lexicon()) if c.token.text == "said"]
    assert doc.text[slice(*cue.content)] == "The firms stood in the way"


def test_a_participle_after_a_quotation_is_said_by_the_clause_before_it(extract):
    # "..., recalling summer trips": the participle's object is no speaker; the subject of
    # the clause before the comma is, past the closing mark.
    result = extract("Mayor Linda Park opened the new library on Saturday. She told stories about "
                     "the town, describing her first job “at the old mill by the river,” recalling "
                     "summer trips to the lake and praising the volunteers.")
    quote = _by_text(result)["at the old mill by the river,"]
    assert quote.speaker == "Linda Park"
    assert quote.speaker_mention == "She"


def test_the_noun_after_an_infinitive_or_participle_is_its_object_not_its_speaker(nlp):
    doc = nlp("He coined a phrase to describe those rules, recalling the old mill.")
    for word in ("describe", "recalling"):
        verb = next(t for t in doc if t.text == word)
        assert _positional_speaker(doc, verb, verb.i + 1, len(doc)) is None
    said = nlp("“We will win,” said co-host Ann Cole.")
    verb = next(t for t in said if t.text == "said")
    assert _positional_speaker(said, verb, verb.i, len(said)).text == "co-host Ann Cole"


def test_a_cue_the_parser_joined_to_an_object_keeps_the_first_verbs_subject(extract):
    # The parser hangs "joked" on "accent" (a noun): its subject is still "He".
    result = extract("Glenn Hale spoke in Dallas on Friday.\n\n"
                     "He then adopted a fake Southern accent and joked, “But I am just gonna make it easier "
                     "for them to make fun of me.”\n")
    quote = _by_text(result)["But I am just gonna make it easier for them to make fun of me."]
    assert (quote.speaker, quote.speaker_mention) == ("Glenn Hale", "He")


def test_a_dash_before_a_quotation_introduces_it_like_a_colon(extract):
    result = extract("Mayor Linda Park spoke to the council on Monday.\n\n"
                     "Park also toured the new bridge site -- “Every dollar of it goes to the bridge and "
                     "nothing else.”\n\n"
                     "The new bridge — “We will open it in May.”\n")
    quotes = _by_text(result)
    first = quotes["Every dollar of it goes to the bridge and nothing else."]
    assert (first.speaker, first.attribution) == ("Linda Park", "colon")
    # after a dash, only a subject the parse gives: a bare noun phrase introduces no one
    assert quotes.get("We will open it in May.") is None or quotes["We will open it in May."].speaker is None


def test_a_long_aside_between_the_name_after_the_marks_and_its_verb(extract):
    result = extract("“We have had better fairs than this one,” county delegate Mark Tolan, wearing a straw hat "
                     "and two “Vote Hale” campaign pins on his jacket, said as the band played.\n")
    quote = _by_text(result)["We have had better fairs than this one,"]
    assert (quote.speaker, quote.cue) == ("Mark Tolan", "said")


def test_a_cue_between_the_pieces_of_a_mixed_quote_reports_both(extract):
    # The parser hangs "wind" on "promoted" before the cue; the comma sits inside the mark.
    result = extract("Bret Hale writes a weekly column. The wild theories promoted every single night on “certain "
                     "corners of the web,” he said, wind up in a debate that is “divorced from reality.”\n")
    quotes = _by_text(result)
    first = quotes["The wild theories promoted every single night on “certain corners of the web,"]
    second = quotes["wind up in a debate that is “divorced from reality."]
    assert (first.type, first.speaker) == ("mixed", "Bret Hale")
    assert (second.type, second.speaker) == ("mixed", "Bret Hale")


def test_a_report_after_the_cue_is_its_own_not_the_cues_content():
    # "“I never said that,” Hale said, after Cole said the plan failed.": the parser hangs
    # "Hale said" on Cole's "said"; what follows is Cole's report, not Hale's words.
    words = ["“", "I", "never", "said", "that", ",", "”", "Hale", "said", ",", "after", "Cole", "said", "the",
             "plan", "failed", "."]
    doc = _english(words, [12, 3, 3, 12, 3, 8, 8, 8, 12, 8, 12, 12, 12, 14, 15, 12, 12],
                   ["punct", "nsubj", "neg", "ccomp", "dobj", "punct", "punct", "nsubj", "parataxis", "punct",
                    "mark", "nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"],
                   ["PUNCT", "PRON", "ADV", "VERB", "PRON", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT", "SCONJ",
                    "PROPN", "VERB", "DET", "NOUN", "VERB", "PUNCT"],
                   ["``", "PRP", "RB", "VBD", "DT", ",", "''", "NNP", "VBD", ",", "IN", "NNP", "VBD", "DT", "NN",
                    "VBD", "."],
                   ["“", "I", "never", "say", "that", ",", "”", "Hale", "say", ",", "after", "Cole", "say", "the",
                    "plan", "fail", "."])
    (hale,) = [c for c in find_cues(doc, load_lexicon()) if c.token.i == 8]
    assert hale.resumed is None or "plan failed" not in doc.text[slice(*hale.resumed)]
    assert hale.content is None or "plan failed" not in doc.text[slice(*hale.content)]


def test_a_passive_subject_before_a_colon_introduces_the_quotation(extract):
    result = extract("Before the mayor's speech in the video, the preacher Amos Reed, who died in 2011, is shown "
                     "lecturing: “Take heed and learn from the lessons of history.”\n\n"
                     "Before the vote, the mayor Ann Cole was asked: “Will you raise taxes next year?”\n")
    quotes = _by_text(result)
    assert quotes["Take heed and learn from the lessons of history."].speaker == "Amos Reed"
    asked = quotes.get("Will you raise taxes next year?")
    assert asked is None or asked.speaker != "Ann Cole"  # the question is someone else's


def test_confidence_or_hope_that_quotes_words_is_reported(extract):
    result = extract("In an interview on Tuesday, Mayor Linda Park expressed confidence that the bridge would not "
                     "be a problem “that is going to hurt the town or my campaign.”\n")
    (quote,) = result.quotes
    assert quote.type == "mixed" and quote.speaker == "Linda Park"
    assert quote.text.startswith("the bridge would not be a problem")


def test_a_clause_opened_by_a_purpose_infinitive_is_still_reported(extract):
    result = extract("To win the county, candidates probably need to carry about 40 percent of the rural vote, "
                     "local analysts say.\n")
    (quote,) = result.quotes
    assert quote.text == "To win the county, candidates probably need to carry about 40 percent of the rural vote"
    assert quote.speaker == "local analysts"


def test_a_noun_said_of_the_subject_is_that_subject_for_its_relative_clause(extract):
    result = extract("Mayor Tom Reyes is a careful planner, a stubborn negotiator and a former engineer who has "
                     "promised to fix every bridge in the county by next year.\n")
    (quote,) = result.quotes
    assert quote.text.startswith("to fix every bridge in the county")
    assert quote.speaker == "Tom Reyes"


def test_an_opening_participle_tagged_past_tense_is_still_asked_by_someone_else():
    # "Asked whether the bridge would reopen, Mayor Cole said: ...": the tagger took
    # "Asked" for a past tense; with no subject of its own it is a participle, and the
    # question is not the mayor's.
    words = ["Asked", "whether", "the", "bridge", "would", "reopen", ",", "Mayor", "Cole", "said", "no", "."]
    doc = _english(words, [9, 5, 3, 5, 5, 0, 9, 8, 9, 9, 9, 9],
                   ["advcl", "mark", "det", "nsubj", "aux", "ccomp", "punct", "compound", "nsubj", "ROOT", "intj",
                    "punct"],
                   ["VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "INTJ", "PUNCT"],
                   ["VBD", "IN", "DT", "NN", "MD", "VB", ",", "NNP", "NNP", "VBD", "UH", "."],
                   ["ask", "whether", "the", "bridge", "would", "reopen", ",", "Mayor", "Cole", "say", "no", "."])
    cues = [c for c in find_cues(doc, load_lexicon()) if c.token.text == "Asked"]
    assert cues and all(c.speaker is None for c in cues)
    assert {doc.text[slice(*c.content)] for c in cues if c.content} == {"whether the bridge would reopen"}


def test_a_name_between_a_dash_and_a_colon_introduces_the_quotation(extract):
    text = "Pollsters agree - Carl Bialik: “One of the biggest surprises was how many people turned out.”"
    (q,) = [q for q in extract(text).quotes if q.type == "direct"]
    assert (q.speaker, q.attribution) == ("Carl Bialik", "colon")
