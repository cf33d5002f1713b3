"""End to end on sentences written for the tests, with the real spaCy and coreferee models."""

from __future__ import annotations

import pytest

from quotes.extract import Article, process_document


def only(result, **fields):
    found = [q for q in result.quotes if all(getattr(q, k) == v for k, v in fields.items())]
    assert len(found) == 1, [(q.type, q.speaker, q.text) for q in result.quotes]
    return found[0]


def test_direct_quote_with_pronoun_resolved(extract):
    text = ("Senator Maria Delgado spoke to reporters on Tuesday.\n"
            "“We will not sign this budget,” she said.")
    r = extract(text)
    q = only(r, type="direct")
    assert q.text == "We will not sign this budget,"
    assert q.start == text.index("We will")
    assert q.speaker == "Maria Delgado"
    assert q.speaker_kind == "person"
    assert q.speaker_mention == "she"
    # One compatible person before it: salience decides, coreferee need not run.
    assert q.attribution == "salience"
    assert q.cue == "said"


def test_inverted_attribution_and_continuation(extract):
    text = ("“The plan is dead,” said Mr. Holloway, the committee chairman. "
            "“Nobody wants to admit it yet.”")
    r = extract(text)
    first, second = r.quotes
    assert first.speaker == second.speaker == "Holloway"
    assert first.attribution == "cue"
    assert second.attribution == "continuation"
    assert second.text == "Nobody wants to admit it yet."


def test_reported_speech_and_surname_resolution(extract):
    text = ("Commerce Secretary Howard Lutnick arrived in London on Monday.\n"
            "Lutnick said the talks went well.")
    q = only(extract(text), type="indirect")
    assert q.text == "the talks went well"
    assert q.speaker == "Howard Lutnick"
    assert "Commerce Secretary" in q.speaker_titles


def test_mixed_quote(extract):
    text = "The minister said that the reforms would be reversed “in a balanced way.”"
    q = only(extract(text), type="mixed")
    assert q.text.startswith("the reforms would be reversed “in a balanced way")
    assert q.speaker == "the minister"


def test_according_to_organisation(extract):
    text = "According to Reuters, the factory will close in March."
    q = only(extract(text), type="indirect")
    assert q.text == "the factory will close in March"
    assert q.speaker == "Reuters"
    assert q.speaker_kind == "organisation"
    assert q.cue == "According to"


def test_anonymous_source_and_description_resolution(extract):
    text = ("A person familiar with the negotiations said the deal was close.\n"
            "The talks ran late into the night, the person said.")
    r = extract(text)
    assert [q.speaker for q in r.quotes] == ["a person familiar with the negotiations"] * 2
    assert {q.speaker_kind for q in r.quotes} == {"anonymous"}
    assert r.quotes[1].text == "The talks ran late into the night"


def test_colon_introduction(extract):
    text = "Okafor had a blunt warning for his colleagues: “You will be back here in five years.”"
    q = only(extract(text), type="direct")
    assert q.speaker == "Okafor"
    assert q.attribution == "colon"


def test_colon_introduction_by_the_main_clause_subject(extract):
    text = ("When the old bridge closed in 1998, Mayor Ann Cole released the following statement:\n\n"
            "“We owe this town a crossing that will last another hundred years.”")
    assert only(extract(text), type="direct").speaker == "Ann Cole"


def test_a_few_words_called_out_are_a_quote(extract):
    # Three words or fewer inside a running sentence are a scare quote, unless they are
    # exclaimed or asked: words called out.
    q = only(extract("At one point the crowd chanted “Build the wall!” and waved flags."), type="direct")
    assert (q.text, q.speaker) == ("Build the wall!", "the crowd")


def test_scare_quotes_are_not_quotes(extract):
    r = extract("The so-called “living wall” of native plants drew crowds all afternoon.")
    assert r.quotes == []


def test_nyt_two_apostrophe_marks(extract):
    text = "''We came here expecting a framework,'' Mr. Ibarra said."
    q = only(extract(text), type="direct")
    assert q.text == "We came here expecting a framework,"
    assert q.speaker == "Ibarra"


def test_a_story_quoting_with_single_marks(extract):
    text = ("Foreign Secretary Helen Marsh met her counterparts in Brussels on Friday.\n"
            "‘We will not be rushed into a bad deal,’ she said. ‘The farmers’ concerns come first.’\n"
            "Critics called the plan ‘a blank cheque’.")
    r = extract(text)
    first = only(r, text="We will not be rushed into a bad deal,")
    assert (first.type, first.speaker, first.attribution) == ("direct", "Helen Marsh", "salience")
    assert first.start == text.index("We will")
    second = only(r, text="The farmers’ concerns come first.")
    assert (second.speaker, second.attribution) == ("Helen Marsh", "continuation")
    assert only(r, speaker="Critics").type == "mixed"


def test_a_quotation_after_one_sentence_of_narrative_goes_on_in_the_last_voice(extract):
    text = ("“We never stopped believing in this town,” Ann Cole says. And the closure hit the bakery hard. "
            "“It took us two years to win the customers back.”")
    q = only(extract(text), text="It took us two years to win the customers back.")
    assert (q.speaker, q.attribution) == ("Ann Cole", "continuation")
    # Unless someone else steps in: then no one is named.
    text = ("“We never stopped believing in this town,” Ann Cole says. Then the judge interrupted her. "
            "“Explain to me why you are here today.”")
    assert only(extract(text), text="Explain to me why you are here today.").speaker is None


def test_unbalanced_marks_still_find_later_quotes(extract):
    text = ("He called it “a mess.\n"
            "The mayor said the bridge would reopen in May.")
    q = only(extract(text), type="indirect")
    assert q.text == "the bridge would reopen in May"


def test_stated_position_that_quotes_words_is_a_mixed_quote(extract):
    text = "Beijing has in turn accused Washington of “seriously violating” the Geneva agreement."
    q = only(extract(text), type="mixed")
    assert q.speaker == "Beijing"
    assert q.text.startswith("Washington of “seriously violating”")


def test_what_someone_calls_a_quoted_phrase(extract):
    # The quoted words are the name the speaker gives: said by the subject of "calls".
    text = "Senator Ruth Ames took aim at what she calls the “Albany cartel” on Monday."
    q = only(extract(text), cue="calls")
    assert q.speaker == "Ruth Ames"
    assert q.text == "the “Albany cartel"
    # Quoted words that only modify a noun of the writer's name a thing: no quote.
    text = "The agency adopted what it called a “narrow gate, tall wall” approach to exports."
    assert extract(text).quotes == []


def test_the_reader_addressed_as_you_reports_nothing(extract):
    # Outside quotation marks "you" is the reader: no quote with an unknown speaker.
    text = "If you want to understand the budget fight, you can bet that the council will vote twice."
    assert [q.speaker for q in extract(text).quotes if q.cue in ("want", "bet")] == []
    # Inside them it is the quoted speaker's own word, and the quote stays.
    q = only(extract("“You said the plan was dead,” the mayor told the governor."), type="direct")
    assert q.speaker == "the mayor"


# One sentence, one rule: which quote (``select``) and what it says of its speaker.
ONE_SENTENCE_RULES = [
    pytest.param("Senators such as Ruth Ames have said the bill would pass.", {"type": "indirect"},
                 {"speaker": "Senators such as Ruth Ames", "speaker_kind": "anonymous"},
                 id="a group named by an example is not the example"),
    pytest.param("“We are ready,” co-host Stu Burguiere said.", {"type": "direct"},
                 {"speaker": "Stu Burguiere"}, id="a role right before the name is the person"),
    pytest.param("While Senator Ruth Ames promised to cut the sales tax, the council stayed quiet.",
                 {"type": "indirect"}, {"speaker": "Ruth Ames", "text": "to cut the sales tax"},
                 id="a cue in a subordinate clause does not report the main clause"),
    pytest.param("Governor Tom Ruiz referred to the plan as “a bailout for the rich.”", {"type": "mixed"},
                 {"speaker": "Tom Ruiz", "text": "the plan as “a bailout for the rich."},
                 id="referring to something as quoted words"),
    pytest.param("Governor Tom Ruiz blasted the mayor for hypocrisy in hiring his own brother.", {"type": "indirect"},
                 {"speaker": "Tom Ruiz", "text": "the mayor for hypocrisy in hiring his own brother"},
                 id="a stated position runs on over the phrases after its object"),
    pytest.param("Senator Ruth Ames tweeted congratulations to the new mayor.", {"type": "indirect"},
                 {"speaker": "Ruth Ames", "text": "congratulations to the new mayor"},
                 id="so does a speech verb's object"),
    pytest.param("According to a database built by The Harbor Times, the mayor received $400,000 from developers.",
                 {"type": "indirect"}, {"speaker": "Harbor Times", "speaker_kind": "organisation"},
                 id="a document speaks for the one who made it"),
    pytest.param("A survey conducted by Gallup found that most residents oppose the new bridge.", {"type": "indirect"},
                 {"speaker": "Gallup", "text": "most residents oppose the new bridge"},
                 id="so does a survey for the pollster"),
    pytest.param("An email obtained by the Harbor Times shows that the mayor knew about the leak.",
                 {"type": "indirect"}, {"speaker": "an email"},
                 id="a document obtained by someone is not theirs"),
    pytest.param("A man arrested by police said that the bridge was unsafe.", {"type": "indirect"},
                 {"speaker": "a man"}, id="a person speaks for himself, not for the agent"),
    pytest.param("Experts say her plans would make the tax code more complicated. Said Ellis: “I don’t get the sense "
                 "she’s interested in tax reform.”", {"type": "direct"}, {"speaker": "Ellis"},
                 id="a cue in the sentence before a label is not the label's"),
    pytest.param("The mayor spoke for an hour. “We are ready,” Tom Ruiz said. Instead, “he acts like a defeated man.”",
                 {"text": "he acts like a defeated man."}, {"speaker": "Tom Ruiz"},
                 id="a sentence naming no one before the marks goes on with the cue before it"),
    pytest.param("Her friends have mocked the campaign, calling him “an orange buffoon,” Ann Cole said.\n\n"
                 "“But he’s our orange buffoon, and we love him!”", {"type": "direct"}, {"speaker": "Ann Cole"},
                 id="a quotation goes on with the reported quote kept before it, not one inside it"),
    pytest.param("Mayor Ann Cole said that experts had found her budget sound, to which Tom Ruiz interjected: "
                 "“That is just not true.”", {"type": "direct"},
                 {"speaker": "Tom Ruiz", "text": "That is just not true."},
                 id="a relative clause with its own speaker ends what was reported before it"),
    pytest.param("The city council issued a statement saying the bridge would reopen in May.", {"type": "indirect"},
                 {"speaker": "the city council", "text": "the bridge would reopen in May"},
                 id="a statement saying speaks for whoever issued it"),
    pytest.param("Mayor Ann Cole released a new radio ad calling the tax “a disgrace.”", {"type": "mixed"},
                 {"speaker": "Ann Cole", "text": "the tax “a disgrace."}, id="so does an ad calling"),
    pytest.param("The speaker met donors on Monday. “We will win this,” the Wisconsin Republican said.",
                 {"type": "direct"}, {"speaker": "the Wisconsin Republican", "speaker_kind": "anonymous"},
                 id="the state and party of one person describe the person, not the party"),
    pytest.param("The Republicans said the plan would fail.", {"type": "indirect"},
                 {"speaker": "Republicans", "speaker_kind": "organisation"}, id="the party itself"),
    pytest.param("The mayor is also encouraging his supporters to ask why the bridge is closed.",
                 {"type": "indirect"}, {"speaker": "his supporters", "text": "why the bridge is closed"},
                 id="the one urged to speak is the speaker"),
    # The parser reads "that at one point" as a prepositional phrase; the clause after
    # "that" is still what she noted ("confirmed that observation" has no clause: nothing).
    pytest.param("“We have come a long way this year,” Mayor Ann Cole said, noting that at one point earlier "
                 "in the race she had trailed her rival by 30 points.", {"cue": "noting"},
                 {"speaker": "Ann Cole",
                  "text": "at one point earlier in the race she had trailed her rival by 30 points"},
                 id="a that-clause the parser took for a phrase is still reported"),
    pytest.param("The files held letters that Mayor Ann Cole had sent to the council, which she said covered all "
                 "her official business.", {"cue": "said"},
                 {"speaker": "Ann Cole", "speaker_mention": "she", "text": "covered all her official business"},
                 id="what someone said of a thing in a relative clause"),
    pytest.param("Governor Tom Ruiz hammered the “disgusting” press on Monday.", {"type": "mixed"},
                 {"speaker": "Tom Ruiz", "text": "the “disgusting” press"},
                 id="a stated position that quotes words (hammered, credited, thanked, talked of)"),
    pytest.param("Senator Ruth Ames was quick to say that the plan would fail.", {"type": "indirect"},
                 {"speaker": "Ruth Ames", "text": "the plan would fail"},
                 id="an infinitive on a predicate adjective speaks for the subject"),
    pytest.param("Mayor Ann Cole said “the old guard” and left the room.", {"type": "direct"},
                 {"speaker": "Ann Cole", "text": "the old guard"},
                 id="a few quoted words that are all a speech verb's object"),
    # The parser makes the source phrase the root, the clause its appositive.
    pytest.param("According to Reuters, 571 of the 714 delegates back the mayor.", {"type": "indirect"},
                 {"speaker": "Reuters", "text": "571 of the 714 delegates back the mayor"},
                 id="an opening source phrase ends at its comma"),
    pytest.param("The Commerce Secretary, Ann Cole, said the plan was dead.", {"type": "indirect"},
                 {"speaker": "Ann Cole", "speaker_kind": "person", "speaker_titles": ("the Commerce Secretary",)},
                 id="a capitalised title with the name in apposition is the person, with the title"),
    pytest.param("On Thursday, Mayor Ann Cole described winning the vote “as an intricate series of steps that "
                 "requires a plan.”", {"type": "direct"},
                 {"speaker": "Ann Cole", "attribution": "clause",
                  "text": "as an intricate series of steps that requires a plan."},
                 id="a quotation with no cue in a running sentence is its named subject's"),
    pytest.param("Under state law, theft is committed when a person “knowingly takes the property of another "
                 "without consent.”", {"type": "direct"}, {"speaker": None, "attribution": "none"},
                 id="but not an indefinite someone's"),
    pytest.param("Mayor Ann Cole agreed to keep the trust apart from her office, including a pledge to “not take "
                 "part in any matter that has a direct effect upon” the trust.", {"type": "direct"},
                 {"speaker": "Ann Cole", "attribution": "clause"},
                 id="a participle with no subject of its own stands in the clause above it"),
    pytest.param("The deal was hard to close. His former partner at the firm, Tom Hale, spoke warmly of him. "
                 "“He showed again and again that he could put together deals no one else could.”",
                 {"type": "direct"}, {"speaker": "Tom Hale", "attribution": "intro"},
                 id="a quotation opening the sentence after an act of speech is its subject's"),
    pytest.param("The senator toured the plant on Friday. “We have to do something and it is the only way you "
                 "stop it.”", {"type": "direct"}, {"speaker": None, "attribution": "none"},
                 id="but not after a sentence of narrative"),
    pytest.param("Mayor Ann Cole met donors. She’s said she will fight the tax to the end.", {"type": "indirect"},
                 {"speaker": "Ann Cole", "speaker_mention": "She", "text": "she will fight the tax to the end"},
                 id="she’s said: has, not a passive"),
    pytest.param("Senator Tom Ruiz met donors. While he's said he will run, his aides are quiet.", {"type": "indirect"},
                 {"speaker": "Tom Ruiz", "speaker_mention": "he", "text": "he will run"},
                 id="he's said: has, not a passive, wherever the clause stands"),
    pytest.param("Mayor Ann Cole met donors. It's said that the tax will pass.", {"type": "indirect"},
                 {"speaker": None, "text": "the tax will pass"}, id="it's said: a passive, said by no one named"),
    pytest.param("The company, Acme Steel, said the plant would close.", {"type": "indirect"},
                 {"speaker": "Acme Steel", "speaker_kind": "organisation"},
                 id="an organisation named in apposition to its description"),
    pytest.param("Any honest reading of the budget, said Ann Cole, a county judge, would show a deficit.",
                 {"text": "would show a deficit"}, {"speaker": "Ann Cole", "type": "indirect"},
                 id="an inverted cue between commas: the name after it speaks"),
    pytest.param("The plan, said Ann Cole, would fail.", {"text": "The plan"}, {"speaker": "Ann Cole"},
                 id="and the part before it is what was said too"),
    pytest.param("Voters, Ruiz suggested, don’t have to worry that the banks will raise their fees.",
                 {"type": "indirect", "text": "don’t have to worry that the banks will raise their fees"},
                 {"speaker": "Ruiz"},
                 id="a name right before a cue between commas is its subject, not the end of a list"),
    pytest.param("Mayor Ann Cole described the harbor as plagued by smugglers, some of them armed.",
                 {"type": "indirect"}, {"speaker": "Ann Cole", "text": "the harbor as plagued by smugglers"},
                 id="what someone is described as, where the parser made a clause of the participle"),
    pytest.param("Mayor Ann Cole described the harbor as the storm hit.", {"cue": "described"},
                 {"text": "the harbor"}, id="but not a clause of time opened by as"),
    pytest.param("In a Harbor Times Poll released Sunday, most residents disapproved of the plan.",
                 {"type": "indirect"},
                 {"speaker": "Harbor Times Poll", "text": "most residents disapproved of the plan"},
                 id="a poll opening its sentence, its name in capitals"),
    pytest.param("“We need people of substance,” said Mayor Ann Cole. People like Tom Hale, she said.",
                 {"type": "indirect"}, {"text": "People like Tom Hale", "speaker": "Ann Cole"},
                 id="words with no verb before a comma and the cue ending the sentence"),
    pytest.param("In a speech last July, Ann Cole said:\n\n“We will rebuild the bridge before winter.”",
                 {"type": "direct"}, {"speaker": "Ann Cole"},
                 id="not the setting before a cue that introduces a quotation"),
    pytest.param("The plan, said two officials familiar with the talks, would fail.", {"text": "would fail"},
                 {"speaker": "two officials familiar with the talks", "speaker_kind": "anonymous"},
                 id="so does a description of people after the cue"),
    pytest.param("Mayor Ann Cole was booed by protesters after telling them that the bridge would close.",
                 {"type": "indirect"}, {"speaker": "Ann Cole", "cue": "telling"},
                 id="the one booed after telling, not the agent of the passive"),
    pytest.param("In an interview, Ruth Ames - Tom Hale's girlfriend and co-host on his show - told The Washington "
                 "Post that the show would end.", {"cue": "told"}, {"speaker": "Ruth Ames"},
                 id="the name before a spaced dash, where the tagger ran it on through the dash"),
    pytest.param("As the crowd began to chant, Ann Cole was joined on stage by Senator Tom Ruiz and joked, “You are "
                 "all being ridiculous.”", {"type": "direct"}, {"speaker": "Ann Cole", "cue": "joked"},
                 id="a verb joined to a passive shares its subject, not its agent"),
    pytest.param("Senator Ann Cole spoke on Monday. Cole, meanwhile, who sits on zero such committees, said that "
                 "fact speaks volumes about which of the two parties is ready.", {"cue": "said"},
                 {"speaker": "Ann Cole", "text": "fact speaks volumes about which of the two parties is ready"},
                 id="a name before a relative clause the parser read as a clause said"),
    pytest.param("The mayor's son, Grant, defended his mother on Tuesday, saying the post was a joke.",
                 {"type": "indirect"}, {"speaker": "Grant", "speaker_kind": "person"},
                 id="a first name alone beside a word for a relative is the person"),
    pytest.param("The closures have left 62 percent of voters saying the harbor should reopen.", {"type": "indirect"},
                 {"speaker": "62 percent of voters", "text": "the harbor should reopen"},
                 id="a participle right after the people it describes is theirs"),
    pytest.param("The mayor mocked the senator for calling himself “a builder,” noting that the bridge is closed.",
                 {"type": "indirect"}, {"speaker": "the mayor", "text": "the bridge is closed"},
                 id="but after a comma it is the subject's"),
    pytest.param("Republicans said they are convinced the agency mishandled the case and Democrats accused the "
                 "party of stoking the issue.", {"type": "indirect", "speaker": "Republicans"},
                 {"text": "they are convinced the agency mishandled the case"},
                 id="a speech verb with a subject of its own joined inside the clause is another report"),
    pytest.param("She said fathers would not be eligible, and when pressed on why, the 34-year-old mother of "
                 "three replied, “It is meant to help women.”", {"type": "direct"},
                 {"speaker": "the 34-year-old mother of three", "text": "It is meant to help women."},
                 id="a reply joined to what she said is its own quote, with the whole description"),
    pytest.param('Hale said there is a "real difference in rural towns and cities," when it comes to how many '
                 'nurses work at the clinics.', {"type": "mixed"},
                 {"text": 'there is a "real difference in rural towns and cities," when it comes to how many nurses '
                          'work at the clinics'},
                 id="the rest of the sentence after a quotation closing the clause still reports"),
    pytest.param("The mayor released a statement that said the bridge would reopen in May.", {"type": "indirect"},
                 {"speaker": "the mayor"}, id="a document speaks for whoever issued it, also in a relative clause"),
    pytest.param("But Mr. Hale showed no sign of backing down, releasing a statement that, while condemning violence, "
                 "accused the party leaders of using ''their power to prevent a fair and open vote.''",
                 {"type": "mixed"}, {"speaker": "Hale"},
                 id="a relative clause the parser left unmarked is one"),
    pytest.param("As Ann Reyes, professor of law at Yale and author of ''America's Long Road,'' put it, ''Senators "
                 "should remember that a deal today may be far better for them than what they get later.''",
                 {"type": "direct"}, {"speaker": "Ann Reyes", "attribution": "cue"},
                 id="as X put it, with a work title in X's description"),
    pytest.param("But polls did predict the city race - Ann Cole: “While the vote provided an upset on one side, "
                 "most pollsters fared much better with the other.”", {"type": "direct"},
                 {"speaker": "Ann Cole", "attribution": "colon"},
                 id="a name between a dash and a colon before a quotation wins over a cue before it"),
    pytest.param("Mayor Ann Cole incites political violence and is a serial liar, rampant xenophobe, racist and "
                 "birther who has repeatedly pledged to ban all cars from the city.", {"type": "indirect"},
                 {"speaker": "Ann Cole", "text": "to ban all cars from the city"},
                 id="who after what someone is said to be, with the verb joined to another, is that someone"),
    pytest.param("“There is a sense of stability now,” and donations began to pick up again last week, Tom Hale "
                 "said.", {"speaker": "Tom Hale"},
                 {"type": "mixed", "text": "There is a sense of stability now,” and donations began to pick up again "
                                          "last week"},
                 id="a sentence that carries a quotation on with more of what was said is one mixed quote"),
    pytest.param("As they marched, the protesters chanted “stop the closures right now” and “save our harbor.”",
                 {"speaker": "the protesters"},
                 {"type": "mixed", "text": "stop the closures right now” and “save our harbor.”"},
                 id="two quotations joined by and are one"),
    pytest.param("Ann Cole said “The Hispanics” and swears Latinos love her.", {"speaker": "Ann Cole"},
                 {"type": "direct", "text": "The Hispanics"},
                 id="but not when what follows is the speaker's next act"),
    pytest.param("Mayor Ann Cole wants to triple the size of the harbor program, grow the ferry service and create a "
                 "new reserve fund.", {"type": "indirect"},
                 {"text": "to triple the size of the harbor program, grow the ferry service and create a new reserve "
                          "fund"},
                 id="base-form verbs joined to the cue go on with its infinitive"),
    pytest.param("Mayor Ann Cole promised to fix the bridge and left the room.", {"type": "indirect"},
                 {"text": "to fix the bridge"}, id="a verb in the past joined to the infinitive is the next act"),
    pytest.param("Comedian Ruth Ames said the vote was rigged.", {"type": "indirect"},
                 {"speaker": "Ruth Ames", "speaker_titles": ("Comedian",)},
                 id="a person noun the tagger took into a name is a role"),
    pytest.param("By evening, Mayor Ann Cole was forced into damage control and said that her words had been "
                 "“twisted.”", {"type": "mixed"}, {"speaker": "Ann Cole"},
                 id="a verb joined to a passive one shares its subject"),
    pytest.param("Mayor Ann Cole said her office has been open to reporters and would stay open, saying that she "
                 "values a free press.", {"cue": "said"},
                 {"text": "her office has been open to reporters and would stay open"},
                 id="a participle on a verb joined to the reported clause is the speaker's next act"),
    pytest.param("Mayor Ann Cole said her office has been open to reporters and would stay open, saying that she "
                 "values a free press.", {"cue": "saying"}, {"speaker": "Ann Cole", "text": "she values a free press"},
                 id="which the speaker says"),
    pytest.param("Mayor Ann Cole said she would publish her tax returns on Friday, calling them “very dull papers.”",
                 {"cue": "said"}, {"text": "she would publish her tax returns on Friday", "type": "indirect"},
                 id="a stance participle after the reported clause is not what was said"),
    pytest.param("Her critics have mocked the budget, calling it “a fantasy,” Mayor Ann Cole said.", {},
                 {"text": "Her critics have mocked the budget, calling it “a fantasy,", "speaker": "Ann Cole"},
                 id="but a participle in a clause before the cue is part of it"),
    pytest.param("In a court filing, her lawyer wrote that such a request was \"futile,\" because if there were "
                 "additional records in the case, the agency now possesses them.", {},
                 {"text": "such a request was \"futile,\" because if there were additional records in the case, the "
                          "agency now possesses them"},
                 id="a reason the parser hung on the reporting verb goes on with what was said"),
    pytest.param("In 2008, Mayor Ann Cole wanted to close the old bridge, because she thought it was unsafe.",
                 {"cue": "wanted"}, {"text": "to close the old bridge"},
                 id="unless it reports for itself"),
]


def test_a_plural_noun_the_tagger_read_as_a_verb_reports_nothing(extract):
    quotes = extract("Mayor Ann Cole is spending the day campaigning in Maine and Vermont, states that vote on "
                     "Tuesday. She has long maintained that she followed the rules, claims that the audit could "
                     "not confirm.").quotes
    assert not any(q.cue in ("states", "claims") for q in quotes)
    assert any(q.text == "she followed the rules" for q in quotes)


def test_a_verb_joined_to_a_passive_inside_a_clause_takes_no_subject_from_it(extract):
    quotes = extract("Mayor Ann Cole complained about how elections are financed and vowed to end the practice.").quotes
    assert not any(q.speaker == "elections" for q in quotes)


@pytest.mark.parametrize("text, select, expected", ONE_SENTENCE_RULES)
def test_one_sentence_rules(extract, text, select, expected):
    q = only(extract(text), **select)
    assert {field: getattr(q, field) for field in expected} == expected


def test_a_quotation_over_several_paragraphs_is_one_quote_per_paragraph(extract):
    text = ("The mayor spoke to parents on Monday.\n\n"
            "“They come to me and ask, ‘Will the school close?’\n\n"
            "“We tell them the truth: nobody knows yet,” Mayor Ann Cole said.")
    quotes = extract(text).quotes
    assert [(q.text, q.paragraph, q.speaker) for q in quotes] == [
        ("They come to me and ask, ‘Will the school close?’", 2, "Ann Cole"),
        ("We tell them the truth: nobody knows yet,", 3, "Ann Cole")]


def test_a_quoted_transcript_is_one_quote_per_turn(extract):
    # layout.transcript_turns; the name after a speaker's label and its colon is whom the
    # speaker addresses, never the speaker (resolve: no apposition across a colon).
    text = ("Radio host Ann Cole had Mayor Tom Ruiz on her show on Monday. The exchange went as follows:\n\n"
            "“COLE: Mayor Ruiz, will the bridge close this winter? RUIZ: Not this year, and not next year "
            "either.”")
    assert [(q.text, q.speaker, q.attribution) for q in extract(text).quotes] == [
        ("Mayor Ruiz, will the bridge close this winter?", "Ann Cole", "heading"),
        ("Not this year, and not next year either.", "Tom Ruiz", "heading")]


def test_a_headline_label_is_not_the_name_after_its_colon(extract):
    text = "Poll: Ann Cole Edges Tom Ruiz In Harbor Race.\n\nThe race is close."
    (q,) = extract(text).quotes
    assert (q.text, q.speaker, q.attribution) == ("Ann Cole Edges Tom Ruiz In Harbor Race", "Poll", "heading")


def test_a_cue_after_the_marks_with_no_one_named_is_not_the_last_speaker(extract):
    text = ("As the parade passed, the city's radio station reported that six planes filled the sky with "
            "messages.\n\n“The harbor is ours! The mayor must go,” read one. “We will win,” said another.")
    quotes = [q for q in extract(text).quotes if q.type == "direct"]
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("The harbor is ours! The mayor must go,", None, "read"), ("We will win,", None, "said")]


def test_a_work_title_is_no_quote(extract):
    # rules/work_titles.txt: the title of a book after "author of" or "book," is a name.
    text = ("“We are seeing a backlash,” said Tom Hale, a co-author of “Failure to Plan: How Towns Got Left "
            "Behind.” “It will not end soon,” he added. Ann Cole wrote in her 2012 book, “A Harbor Daughter.” "
            "Her campaign released its first ad, “Harbor Strong,” in which she says the city deserves better. "
            "She said on her podcast, “We will win this race.”")
    assert [(q.text, q.speaker) for q in extract(text).quotes] == [
        ("We are seeing a backlash,", "Tom Hale"), ("It will not end soon,", "Tom Hale"),
        ("the city deserves better", "Ann Cole"), ("We will win this race.", "Ann Cole")]
    # ... and a show after "on", a book after "autobiography", a slogan.
    text = ("“Jobs, jobs, jobs,” Mayor Ann Cole said on “The Late Show With Stephen Colbert” last month. "
            "In his autobiography, “A Life in Service,” Tom Ruiz describes his years on the council. "
            "Reporters noted the change from the usual campaign slogan, “Keep the Harbor Open.”")
    assert [(q.text, q.speaker) for q in extract(text).quotes] == [
        ("Jobs, jobs, jobs,", "Ann Cole"), ("his years on the council", "Tom Ruiz")]


@pytest.mark.parametrize("text", [
    pytest.param("The company makes trucks. It's safe to say the mayor is referring to the plant.",
                 id="an impersonal it is no one, not the company"),
    pytest.param("The outcome of the vote is hard to predict.", id="a tough adjective: no one predicts"),
    pytest.param("The number of lawsuits is too great to argue that all of them were brought by angry workers.",
                 id="too great to argue: no one argues"),
    pytest.param("Tom Hale's job will be to see that the rules are followed.", id="a purpose is no one's speech"),
    pytest.param("The paper covered the trial. The evidence makes it hard to imagine that the mayor is lying.",
                 id="nor imagines, wherever the adjective stands"),
])
def test_no_one_speaks(extract, text):
    assert extract(text).quotes == []


def test_belief_verbs_measured_seldom_right_report_only_quoted_words(extract):
    # rules/reporting_verbs.txt: "plan" and "believe" (shape "belief") are mostly no
    # attribution on the development corpus; where the clause quotes words it still is.
    assert extract("Mayor Ann Cole plans to visit the harbor on Friday.").quotes == []
    assert extract("Mayor Ann Cole believes the harbor will reopen in May.").quotes == []
    q = only(extract("Mayor Ann Cole believes the harbor is “a national disgrace.”"), type="mixed")
    assert q.speaker == "Ann Cole"
    # With --scope all every belief is reported.
    result = process_document(Article("t", "Mayor Ann Cole plans to visit the harbor on Friday.", "t"), scope="all")
    assert [q.cue for q in result.quotes] == ["plans"]


def test_a_risk_is_not_a_threat(extract):
    text = ("After the tariffs rose, Beijing clamped down on exports of magnets, threatening "
            "to shut down operations by American manufacturers.")
    assert extract(text).quotes == []


def test_scope_all_reports_attributions_to_no_one_named():
    text = ("Senator Maria Delgado is expected to announce her candidacy on Monday.\n"
            "The race seems closer than it was in the spring.")
    article = Article("t", text, "t.txt")
    assert process_document(article).quotes == []
    found = process_document(article, scope="all").quotes
    assert [(q.text, q.speaker, q.speaker_kind) for q in found] == [
        ("to announce her candidacy on Monday", None, "unknown"),
        ("closer than it was in the spring", None, "unknown"),
    ]


def test_a_claim_made_is_reported_speech(extract):
    text = "Senator Maria Delgado made the argument that the budget would collapse by spring."
    q = only(extract(text), type="indirect")
    assert q.text == "the budget would collapse by spring"
    assert q.speaker == "Maria Delgado"
    assert q.cue == "argument"


def test_hyphenated_organisation_is_a_speaker_and_a_bare_quantifier_is_no_name(extract):
    text = "Coca-Cola indicated it would not pay the fine. Many speculated that he would run again."
    r = extract(text)
    assert only(r, text="it would not pay the fine").speaker == "Coca-Cola"
    group = only(r, text="he would run again")
    # A bare quantifier is never a speaker's name (issue 11): the group stays unknown.
    assert (group.speaker, group.speaker_kind) == (None, "unknown")


def test_coordinated_speakers_are_one_joint_speaker(extract):
    text = ("Senator Charles Grassley and Senator Patrick Leahy met developers on Monday.\n"
            "Mr. Grassley and Mr. Leahy said developers had broadly defined these areas.")
    q = only(extract(text), type="indirect")
    assert q.speaker == "Charles Grassley and Patrick Leahy"
    assert q.speaker_mention == "Mr. Grassley and Mr. Leahy"
    # A role before the second name: the parser joins the role, and hangs the name on it.
    q = only(extract("Mayor Ann Cole and county judge Tom Ruiz said the plan would fail."), type="indirect")
    assert q.speaker == "Ann Cole and Tom Ruiz"


def test_abbreviated_military_title_stays_with_the_name(extract):
    text = "“The candidates just don’t understand the military,” said Army Capt. Christian Pardo."
    q = only(extract(text), type="direct")
    assert q.speaker == "Christian Pardo"
    assert q.speaker_mention == "Army Capt. Christian Pardo"


def test_organisation_names_are_kept_whole(extract):
    text = ("N. Korea fires missile\n\n"
            "The country is isolated, noted the Milwaukee Journal Sentinel. North Korea said it would test again.")
    r = extract(text)
    assert only(r, text="The country is isolated").speaker == "Milwaukee Journal Sentinel"
    q = only(r, text="it would test again")
    assert (q.speaker, q.speaker_kind) == ("North Korea", "organisation")


def test_inverted_cue_after_a_clause_joined_by_but(extract):
    # The parser joins "said" to the first clause as one more conjunct; the "but" belongs
    # to the clause before the cue, so the cue still closes the whole sentence.
    text = ("In nearby Elkton, the old paper mill is hanging on, but it is under heavy pressure "
            "from cheap imports, said the company's chief executive, Rosa Villanueva.")
    q = only(extract(text), type="indirect")
    assert q.text == ("In nearby Elkton, the old paper mill is hanging on, but it is under heavy "
                      "pressure from cheap imports")
    assert q.speaker == "Rosa Villanueva"


def test_who_after_a_word_for_people_is_those_people(extract):
    text = "The plan cut benefits for older voters, who argued that the cuts were unfair."
    q = only(extract(text), type="indirect")
    assert q.text == "the cuts were unfair"
    assert q.speaker == "older voters"


def test_according_to_hung_on_an_auxiliary_takes_the_whole_clause(extract):
    # The parser hangs "According to" on "is"; the clause is the main verb's.
    text = "According to recent polling, the mayor is once again strongly leading the field."
    q = only(extract(text), type="indirect")
    assert q.text == "the mayor is once again strongly leading the field"
    assert q.speaker == "recent polling"


def test_a_colon_after_a_clause_whose_subject_speaks_for_no_one(extract):
    # The subject before the colon is a thing: a person the clause names speaks, else no one
    # is named (never "the timing" or "the reason" as a speaker).
    r = extract("The timing of the surge does not surprise pollster Dana Whitfield: "
                "“Lesser-known candidates often rise early.”")
    q = only(r, type="direct")
    assert (q.speaker, q.attribution) == ("Dana Whitfield", "colon")
    r = extract("The reason the council gives for the delay is a blind faith in the mayor's word: "
                "“The bridge is safe.”")
    q = only(r, type="direct")
    assert (q.speaker, q.speaker_kind) == (None, "unknown")


def test_a_verb_of_confession_beside_the_marks_is_the_cue(extract):
    # "confessed" (rules/cue_verbs.txt) attributes the quote beside it; without it the
    # quote would go on with the last speaker.
    text = ("Tom Hale told reporters that a federal judge refused to jail him. "
            "“This is a big win for me,” Ann Cole confessed.")
    q = only(extract(text), type="direct")
    assert (q.speaker, q.cue) == ("Ann Cole", "confessed")


def test_an_answer_stands_for_what_was_said(extract):
    # "said yes", "say the same of ..." (rules/answers.txt): the answer is the quote.
    text = ("Asked whether the harbor plan was fair, 61 percent of residents said yes. "
            "Last spring, 40 percent of residents said the same of the bridge plan.")
    r = extract(text)
    assert {(q.text, q.speaker) for q in r.quotes if q.speaker} == {
        ("yes", "61 percent of residents"), ("the same of the bridge plan", "40 percent of residents")}
    # Not where the words open a noun phrase ("as much stimulus"), nor "said no to".
    r = extract("The council did not announce as much funding as the mayor wanted. Ann Cole said no to the plan.")
    assert [q.text for q in r.quotes] == []


def test_a_position_stated_by_he_or_an_organisation_where_measured_precise(extract):
    # rules/reporting_verbs.txt, shapes "pronoun" and "organisation": "accuse" and "deny"
    # report their object for such a subject; "support" does not ("He supported the plan"
    # is seldom an attribution).
    r = extract("Tom Hale spoke at the rally on Monday. He accused the mayor of hiding the report. "
                "He supported the harbor plan.")
    assert [(q.text, q.speaker) for q in r.quotes] == [("the mayor of hiding the report", "Tom Hale")]
    q = only(extract("The Marsh Institute denied the charges of fraud."), type="indirect")
    assert (q.text, q.speaker) == ("the charges of fraud", "Marsh Institute")


def test_a_participle_after_the_comma_inside_the_closing_mark_is_the_next_act(extract):
    # "…,” adding, “…”": the comma sits inside the closing mark; the words after "adding"
    # are a quote of their own, not part of the first.
    r = extract("Mayor Ann Cole said the council had “a plan that was doomed,” adding, “We will fight it in court.”")
    assert [(q.type, q.text, q.speaker) for q in r.quotes] == [
        ("mixed", "the council had “a plan that was doomed,", "Ann Cole"),
        ("direct", "We will fight it in court.", "Ann Cole")]
    # A list of alternatives opened by a participle is no act of the speaker's.
    r = extract("It may be saying something like, “We have got to take this one day at a time,” agreeing to "
                "disagree on a subject or offering your own tips, says psychologist Ann Cole.")
    q = only(r, speaker="Ann Cole")
    assert q.type == "mixed" and q.text.endswith("offering your own tips")


def test_a_scare_quote_is_no_boundary_for_the_cue_before_a_quotation(extract):
    r = extract("Tom Hale was known for his hatred of what he called the “toll cartel,” voiced in his famous "
                "demand in 1987: “Open the bridge now!”")
    q = only(r, type="direct")
    assert (q.text, q.speaker) == ("Open the bridge now!", "Tom Hale")


def test_a_participle_before_a_quotation_takes_the_speaker_of_its_sentence(extract):
    # The quotation before ("titled “…”") is no boundary for a speaker in the same sentence.
    r = extract("Mayor Ann Cole said the plan reminds her of the 1969 report titled “The Harbor We Lost to the "
                "Sea,” explaining, “because the same mistakes are being made again.”")
    q = only(r, type="direct")
    assert (q.text, q.speaker, q.cue) == ("because the same mistakes are being made again.", "Ann Cole", "explaining")


def test_a_cue_after_a_clause_that_holds_a_belief_reports_the_whole_clause(extract):
    # "X thinks …, Y said": the trailing cue reports the sentence, belief and all; a dash
    # after the cue opens the writer's comment, no part of what was said.
    text = ("Ann Cole thinks the council spends too much on roads, Mayor Tom Hale said this week at a town "
            "meeting — a rare rebuke of his deputy.")
    q = only(extract(text), type="indirect")
    assert (q.text, q.speaker) == ("Ann Cole thinks the council spends too much on roads", "Tom Hale")


def test_a_verb_in_a_list_of_what_someone_did_is_theirs(extract):
    # "has insulted X, referred to Y as “…” and …": the parser hangs the second verb on the
    # first as a clause with no subject; it is one more act of the same subject (not an
    # agentless passive "Asked whether …").
    r = extract('The senator has insulted a local newspaper reporter, referred to migrant workers from Ohio as '
                '"freeloaders" and recently waved at a woman in the crowd.')
    q = only(r, type="mixed")
    assert (q.text, q.speaker) == ('migrant workers from Ohio as "freeloaders', "the senator")


def test_the_writers_idioms_report_no_one(extract):
    # rules/idioms.txt: "All told", "It goes without saying" hold a verb of speech that
    # reports nothing; the same verb outside the idiom still does.
    r = extract("All told, up to 5 million people could be eligible for the programs.\n\n"
                "It goes without saying that the harbor bridge will close in the winter.\n\n"
                "Mayor Ann Cole told reporters that the bridge cost $5 million.")
    assert [(q.text, q.speaker) for q in r.quotes] == [("the bridge cost $5 million", "Ann Cole")]


def test_a_name_with_its_apposition_right_before_the_verb_is_its_lost_subject(extract):
    # The parser hangs "Ann Cole, the port's director and chief engineer," on the opening
    # phrase and leaves "suggested" with no subject: the name right before it is it.
    r = extract("At Pine Harbor, where it costs sailors $5,000 to dock, Ann Cole, the port's 61-year-old "
                "director and chief engineer, suggested that the troubles of the marina could be blamed on the storms.")
    q = only(r)
    assert (q.text, q.speaker) == ("the troubles of the marina could be blamed on the storms", "Ann Cole")


def test_a_one_word_subject_before_a_cue_set_off_by_commas(extract):
    # "Voters, Ann Cole said, are …": the noun before the cue is the reported clause's
    # subject (a piece of one word is kept when it is that subject), and the name right
    # before the cue speaks, though the parser joins it to the noun as an apposition or
    # as the end of a list with no "and".
    for text, subject in (("Voters, Ann Cole said, are tired of the delays at the bridge.", "Voters"),
                          ("Democrats, Mayor Ann Cole noted, are tired of the delays at the harbor bridge.",
                           "Democrats")):
        r = extract(text)
        assert [q.speaker for q in r.quotes] == ["Ann Cole", "Ann Cole"]
        assert r.quotes[0].text == subject and r.quotes[1].text.startswith("are tired of the delays")


def test_what_someone_was_told_is_said_by_no_one_named(extract):
    # "tell" used as an agentless passive ("passive" in rules/cue_verbs.txt): the one told
    # is the listener, never the speaker; what was told is a quote with no speaker. "was
    # told to leave" reports no words.
    r = extract("The mayor was told on Monday that the harbor bridge would close.\n\n"
                "Mayor Tom Reyes was told to leave the room.")
    assert [(q.text, q.speaker) for q in r.quotes] == [("the harbor bridge would close", None)]


def test_a_second_phrase_joined_by_but_speaks_for_the_main_subject(extract):
    # "won not by X, but by telling voters …": the parser joins the second "by" to the
    # verb as a conjunct; whoever won told them.
    r = extract("Mayor Ann Cole won the race not by showcasing her record, but by telling voters she shared "
                "their worries about the harbor.")
    q = only(r)
    assert (q.text, q.speaker) == ("she shared their worries about the harbor", "Ann Cole")


def test_an_event_where_someone_spoke_speaks_for_them(extract):
    # rules/document_nouns.txt: a participle on "a news conference", "a speech" speaks for
    # whoever spoke there, the subject of the verb the phrase hangs on.
    r = extract("Mayor Ann Cole spoke at a news conference announcing that the harbor bridge would close in May.")
    q = only(r)
    assert (q.text, q.speaker) == ("the harbor bridge would close in May", "Ann Cole")


def test_a_stance_participle_opening_the_sentence_quotes_the_subjects_words(extract):
    # "bemoan" (a stance verb of rules/cue_verbs.txt): reported in --scope speech where its
    # object quotes words, said by the subject of the sentence it opens.
    r = extract("Bemoaning the “phony system,” Mayor Ann Cole said the vote was rigged.")
    q = only(r, type="mixed")
    assert (q.text, q.speaker) == ("the “phony system,", "Ann Cole")


def test_a_block_quote_with_a_quote_of_the_other_glyph_inside_is_one_quote(extract):
    text = ("As the columnist Ann Cole reported after the hearing:\n\n"
            '"For example, the agency has done almost nothing with the files. Tom Reed has waged a '
            '“lonely battle” to force the agency to read them."\n\n'
            "We have seen this before.")
    q = only(extract(text), type="direct")
    assert q.text == ("For example, the agency has done almost nothing with the files. Tom Reed has waged a "
                      "“lonely battle” to force the agency to read them.")
    assert q.speaker == "Ann Cole"


def test_an_object_with_a_relative_clause_is_reported_whole(extract):
    text = ("Mara Quinn, the actress, spoke at the gala. "
            "Quinn then recalled an incident at a Boston cinema that left her sister in tears.")
    q = only(extract(text), type="indirect")
    assert q.text == "an incident at a Boston cinema that left her sister in tears"
    assert q.speaker == "Mara Quinn"


def test_an_infinitive_runs_on_over_the_verbs_listed_after_it(extract):
    # The parser joins "pay" and "apologise" to "urging"; a bare verb cannot go on it.
    text = ("Several aides are urging the mayor to drop the plan, pay the contractors on Friday "
            "and apologise to the council.")
    q = only(extract(text), type="indirect")
    assert q.text == "to drop the plan, pay the contractors on Friday and apologise to the council"
    text = "Cole touted her proposals to invest $2 billion in roads, expand bus service, and build new schools."
    q = only(extract(text), type="indirect")
    assert q.text == "her proposals to invest $2 billion in roads, expand bus service, and build new schools"


def test_quotes_after_a_sentence_whose_closing_clause_is_an_act_of_speech(extract):
    text = ("What “fix it” means is left to voters, since Mayor Ann Cole spoke only in vague terms "
            "during the interview.\n\n"
            "“We have to do something and it is the only way.”\n"
            "“We have to be a lot tougher.”\n\n"
            "Critics were unimpressed.")
    first, second = [q for q in extract(text).quotes if q.type == "direct"]
    assert first.text == "We have to do something and it is the only way."
    assert first.speaker == second.speaker == "Ann Cole"
