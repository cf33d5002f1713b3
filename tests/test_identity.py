"""One row per real person across documents: short texts written for these tests, run
through the real pipeline, then merged as a corpus run merges them."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.aggregate import NameUse, merge_speakers, person_aliases, quote_group, speaker_table
from quotes.names import full_name_for, same_person
from quotes.people import People, PeopleFileError
from quotes.records import DocumentResult, Person, Quote

ROOT = Path(__file__).resolve().parent.parent


def speakers_of(results):
    return {(q.doc_id, q.text): q.speaker for r in results for q in r.quotes}


def run(extract, *texts):
    return merge_speakers([extract(t, f"d{k}") for k, t in enumerate(texts)])


def test_honorific_picks_the_full_name_in_the_document(extract):
    text = ("Hillary Clinton and Bill Clinton campaigned in Ohio on Monday.\n"
            "Mrs. Clinton said the economy was improving.\n"
            "Mr. Clinton said he was proud of her.")
    by_text = speakers_of(run(extract, text))
    assert by_text[("d0", "the economy was improving")] == "Hillary Clinton"
    assert by_text[("d0", "he was proud of her")] == "Bill Clinton"


def test_a_persons_titles_are_listed_most_documents_first(extract):
    results = run(extract,
                  "Ann Cole, a retired engineer, said the bridge was safe.",
                  "Mayor Ann Cole said the bridge would reopen.",
                  "Mayor Ann Cole said the tolls would stay.")
    assert {q.speaker_titles for r in results for q in r.quotes} == {("Mayor", "a retired engineer")}


def test_surname_joins_the_dominant_person_of_its_gender_across_documents(extract):
    full = "Hillary Clinton said the plan would pass. Hillary Clinton said taxes would fall."
    other = "Bill Clinton said the speech went well."
    bare = "Mrs. Clinton said the vote was close."
    results = run(extract, full, full.replace("plan", "bill"), full.replace("plan", "law"), other, bare)
    assert speakers_of(results)[("d4", "the vote was close")] == "Hillary Clinton"


def test_a_lone_surname_shared_by_two_comparable_people_stays_apart(extract):
    results = run(extract, "Robert Kane said the bridge was safe.", "Ellen Kane said the bridge was unsafe.",
                  "Kane said the bridge would reopen.")
    assert speakers_of(results)[("d2", "the bridge would reopen")] == "Kane"


def test_nicknames_and_middle_initials_are_one_person(extract):
    results = run(extract, "Stan Greenberg said the poll was wrong.",
                  "Stanley B. Greenberg said the poll was right.",
                  "Pollster Sandy Paradis said turnout was low.", "Sandra Paradis said turnout was high.")
    table = {s.speaker for s in speaker_table(q for r in results for q in r.quotes)}
    assert len([s for s in table if s.endswith("Greenberg")]) == 1
    assert len([s for s in table if s.endswith("Paradis")]) == 1


def test_different_first_names_and_middle_initials_never_merge():
    uses = [NameUse("George W. Bush", None, 5, ()), NameUse("George H.W. Bush", None, 4, ()),
            NameUse("Barack Obama", None, 9, ()), NameUse("Michelle Obama", None, 2, ())]
    alias = person_aliases(uses)
    assert alias[("George W. Bush", None)] != alias[("George H.W. Bush", None)]
    assert alias[("Michelle Obama", None)] == "Michelle Obama"


def test_titles_keep_an_admiral_from_a_congressman_with_his_surname():
    uses = [NameUse("Mike Rogers", None, 10, ("Rep.",)), NameUse("Rogers", None, 2, ("Adm.",))]
    assert ("Rogers", None) not in person_aliases(uses)


def test_a_bare_first_name_never_joins_a_full_name_across_documents():
    uses = [NameUse("Jordan Smith", None, 5, ()), NameUse("Jordan", None, 1, ())]
    assert ("Jordan", None) not in person_aliases(uses)


def test_campaign_is_an_organisation_never_the_candidate(extract):
    results = run(extract, "Donald Trump said the rally would go on.",
                  "The Trump campaign said the ads were false. Clinton's campaign said the ads were fair.")
    rows = {(s.speaker, s.kind) for s in speaker_table(q for r in results for q in r.quotes)}
    assert ("Trump campaign", "organisation") in rows
    assert ("Clinton campaign", "organisation") in rows
    assert not any(name == "Trump" for name, _ in rows)


def test_pronouns_quantifiers_and_datelines_are_never_speaker_names(extract):
    text = ("WASHINGTON — Some said the plan would fail.\n"
            "Everyone said the session ran late.\n"
            "His said the vote was rigged.\n"
            "The mayor consulted Ann Cole and Tom Reyes, both of whom advised her that the law was sound.\n"
            "All of them said the bridge would open in May.")
    speakers = {q.text: q.speaker for q in extract(text).quotes}
    assert speakers["the law was sound"] is None
    assert set(speakers.values()) <= {None}
    # A group described rather than named is an anonymous speaker.
    quote = extract("Some of her supporters said the rally ran too long.").quotes[0]
    assert (quote.speaker, quote.speaker_kind) == ("some of her supporters", "anonymous")


def test_people_file_pins_aliases_and_ids(extract, tmp_path):
    people_csv = tmp_path / "people.csv"
    people_csv.write_text("name,aliases,titles,id\nJamila Osei,Osei; the harbor chief,Harbor Commissioner,Q42\n",
                          encoding="utf-8")
    people = People.load(people_csv)
    results = merge_speakers([extract("Osei said the pier would reopen.", "a"),
                              extract("Harbor chief Jamila Osei said the fees would rise.", "b")], people)
    quotes = [q for r in results for q in r.quotes]
    assert {q.speaker for q in quotes} == {"Jamila Osei"}
    assert {q.speaker_id for q in quotes} == {"Q42"}
    [row] = speaker_table(quotes)
    assert row.speaker_id == "Q42" and "Harbor Commissioner" in row.titles


def test_people_file_example_is_valid():
    people = People.load(ROOT / "examples" / "people.csv")
    assert people.persons and all(p.name for p in people.persons)


def test_people_file_without_name_column_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("who,id\nX,1\n", encoding="utf-8")
    with pytest.raises(PeopleFileError, match=r"bad\.csv"):
        People.load(bad)


def test_same_remark_in_two_documents_shares_a_quote_group(extract):
    text = "Mayor Elena Vasquez said “the bridge will open in May,” to applause."
    results = merge_speakers([extract(text, "wire"), extract("Elsewhere. " + text, "paper")])
    groups = {q.doc_id: q.quote_group for r in results for q in r.quotes}
    assert groups["wire"] == groups["paper"] is not None
    assert quote_group("Elena Vasquez", "The bridge will open in May.") == quote_group("Elena Vasquez",
                                                                                      "the bridge will open in May")
    assert quote_group("Elena Vasquez", "x y") != quote_group("Someone Else", "x y")


def test_apostrophe_variants_and_an_owner_before_the_name_are_one_person(extract):
    results = run(extract, "Martin O’Malley said the debate was rigged.", "Martin O'Malley said the polls were wrong.",
                  "Brent Bozell said the coverage was unfair. The Media Research Center's Bozell said it again.")
    table = {s.speaker for s in speaker_table(q for r in results for q in r.quotes)}
    assert len([s for s in table if "Malley" in s]) == 1
    assert "Brent Bozell" in table and not any("Center" in s for s in table)


def test_a_name_around_a_quoted_nickname_is_the_name_the_person_goes_by(extract):
    text = ("Rep. Robert C. “Bobby” Scott opened his back yard to several hundred guests.\n"
            "“We will win this seat,” Scott said.")
    by_text = speakers_of(run(extract, text))
    assert by_text[("d0", "We will win this seat,")] == "Bobby Scott"


def test_a_surname_goes_to_the_full_name_the_document_is_about(extract):
    text = ("Rep. Bobby Scott opened his yard to guests. Bobby Scott is running again. "
            "Bobby Scott spoke for an hour, and Senator Tim Scott sent a note.\n"
            "“We will win this seat,” Scott said.")
    assert speakers_of(run(extract, text))[("d0", "We will win this seat,")] == "Bobby Scott"
    even = ("Rep. Bobby Scott opened his yard to guests. Senator Tim Scott sent a note.\n"
            "“We will win this seat,” Scott said.")
    result = extract(even)
    (quote,) = result.quotes
    assert (quote.speaker, quote.speaker_kind) == ("Scott", "person")  # which Scott: not known


def test_a_verb_the_tagger_took_into_a_name_is_not_part_of_it(extract):
    text = ("I would certainly agree. Entrusting Donald Trump with our economic future is a risky proposition. "
            "He has openly questioned America's commitment to its allies.")
    (quote,) = extract(text).quotes
    assert quote.speaker == "Donald Trump"


def test_a_person_named_after_an_organisations_possessive(extract):
    text = ("Fox News’s Ed Henry reported that the donation would fund new ads. "
            "“It is a floor, not a ceiling,” Henry said.")
    by_text = speakers_of(run(extract, text, "Mary Kay Henry said the union would campaign hard."))
    assert by_text[("d0", "the donation would fund new ads")] == "Ed Henry"
    assert by_text[("d0", "It is a floor, not a ceiling,")] == "Ed Henry"


def test_a_word_that_is_rather_a_first_name_in_the_run_joins_no_one():
    uses = [NameUse("Donald Trump", None, 40, ()), NameUse("Ferrera Sent Donald", None, 2, ()),
            NameUse("Donald", None, 3, ())]
    assert ("Donald", None) not in person_aliases(uses)
    uses = [NameUse("Hillary Clinton", "f", 40, ()), NameUse("Clinton Yates", None, 1, ()),
            NameUse("Clinton", "f", 3, ())]
    assert person_aliases(uses)[("Clinton", "f")] == "Hillary Clinton"


def test_a_place_or_outlet_is_no_person_quoted_once_with_that_surname(extract):
    results = run(extract, "Michael Bloomberg said the city would recover.",
                  "Bloomberg reported on Tuesday that the deal was close.")
    by_text = speakers_of(results)
    assert by_text[("d1", "the deal was close")] == "Bloomberg"


def test_a_bare_title_is_a_description_or_the_one_person_holding_it(extract):
    by_text = speakers_of(run(extract, "Sen. Ann Cole toured the bridge on Monday. The senator said the repairs "
                                       "would take a year."))
    assert by_text[("d0", "the repairs would take a year")] == "Ann Cole"
    result = extract("Sen. Ann Cole and Sen. Tom Reyes toured the bridge. The senator said the repairs were late.")
    (quote,) = result.quotes
    assert (quote.speaker, quote.speaker_kind) == ("the senator", "anonymous")  # two senators: not known which
    (quote,) = extract("The CEO said the merger would close in May.").quotes
    assert (quote.speaker, quote.speaker_kind) == ("the CEO", "anonymous")  # no one called "CEO"


def test_a_known_first_name_joins_the_one_full_name_of_the_document(extract):
    text = "Donald J. Hale spoke about his brother Freddy on Monday.\n“He was a great pilot,” Donald said."
    by_text = speakers_of(run(extract, text))
    assert by_text[("d0", "He was a great pilot,")] == "Donald J. Hale"


def test_an_organisation_is_its_whole_name_when_the_parse_splits_it(extract):
    quote = extract("United Kingdom Border and Immigration Services, the agency that runs the ports, said it "
                    "would hire more staff.").quotes[0]
    assert (quote.speaker, quote.speaker_kind) == ("United Kingdom Border and Immigration Services", "organisation")
    # A headline the tagger ran into one entity is no organisation name.
    quote = extract("Bridge Workers Explain Why The Mayor Needs Change, saying the repairs are late.").quotes
    assert all("Explain" not in (q.speaker or "") for q in quote)


def test_a_bare_surname_is_the_relative_the_article_is_about(extract):
    text = ("Ivanka Hale launched a new line of dresses on Tuesday. Ivanka Hale strode across the stage in a "
            "dress from her own label.\nThe Ivanka Hale brand employs forty people, and Ivanka Hale has built "
            "her company around working mothers. Her father, Donald Hale, did not attend.\n"
            "Hale, however, runs her company as a hands-on boss.\n"
            "“We are working really hard at being mothers and professionals,” Hale told a magazine last year.")
    by_text = speakers_of(run(extract, text))
    assert by_text[("d0", "We are working really hard at being mothers and professionals,")] == "Ivanka Hale"
    # The pronouns after the bare surname tell a man: the one man of that name.
    text = text.replace("runs her company", "runs his company")
    by_text = speakers_of(run(extract, text))
    assert by_text[("d0", "We are working really hard at being mothers and professionals,")] == "Donald Hale"


def test_a_bare_surname_finds_the_full_name_the_tagger_missed_or_split(extract):
    # An unknown first name tagged as an organisation, told a person by "Mr."
    by_text = speakers_of(run(extract, "Eswar Prasad, a professor at Cornell, said the bank was late.\n"
                                       "Mr. Prasad said the rates would rise."))
    assert by_text[("d0", "the rates would rise")] == "Eswar Prasad"
    # The first of two Spanish surnames.
    by_text = speakers_of(run(extract, "Melba Acosta Febo, the president of the bank, spoke on Monday.\n"
                                       "“We will pay what we can,” Acosta said."))
    assert by_text[("d0", "We will pay what we can,")] == "Melba Acosta Febo"
    # A first name given as initials.
    by_text = speakers_of(run(extract, "Laurence Meyer, a former governor, spoke. He runs L.H. Meyer, a research "
                                       "firm.\n“It is late,” Mr. Meyer said."))
    assert by_text[("d0", "It is late,")] == "Laurence Meyer"


def test_initials_and_second_surnames_join_by_name_rules():
    assert same_person("Laurence Meyer", "L.H. Meyer")
    assert not same_person("Laurence Meyer", "J.H. Meyer")
    assert full_name_for("Acosta", ["Melba Acosta Febo", "Tom Reyes"]) == "Melba Acosta Febo"
    assert full_name_for("Leo", ["Norbert Leo Butz"]) is None  # a middle name, not a surname


def test_a_gendered_word_before_a_name_tells_only_its_own_name(extract):
    # Not across a sentence ("... my wife and my daughter. Mo Elleithee"), an "of" ("the
    # mother of Sean Hale") or an "and" ("Ms. Brainard and Daniel Tarullo").
    by_text = speakers_of(run(extract, "Hillary Clinton spoke on Monday. I love my wife and my daughter. Mo Elleithee, "
                                       "director of the institute, said the talks were slow.\n"
                                       "At the bridge, he said the repairs were late."))
    assert by_text[("d0", "the repairs were late")] == "Mo Elleithee"
    by_text = speakers_of(run(extract, "Ms. Brainard and Daniel Tarullo met on Monday. Asked about rates, he said "
                                       "they would rise."))
    assert by_text[("d0", "they would rise")] == "Daniel Tarullo"


def test_a_hyphenated_name_is_one_word(extract):
    by_text = speakers_of(run(extract, "Karl-Heinz Kamp said the alliance was weak.\n"
                                       "Douglas Holtz-Eakin spoke later. Holtz-Eakin said the budget was fine."))
    assert by_text[("d0", "the alliance was weak")] == "Karl-Heinz Kamp"
    assert by_text[("d0", "the budget was fine")] == "Douglas Holtz-Eakin"


def test_titles_are_roles_not_dates_names_or_relative_clauses(extract):
    result = extract("“The tower is safe,” said Tom Reyes, a retired engineer who built the bridge in 1990.\n\n"
                     "“We will reopen it soon,” said Ann Cole (R-Texas), the county judge.\n\n"
                     "“Nobody told us,” said Dan Ortiz, June 28, 2016.\n\n"
                     "“The bolts are new,” said Mark Hale, one of the county's engineers.\n\n"
                     "“It will not fall,” said Ann Lee, a self-styled “citizen” inspector.\n\n"
                     "“We cheered,” said Rosa Diaz, a history teacher at the high school that hosted the fair.\n\n"
                     "The two senators, Kim Park and Lou Grant, met on Monday. Park said the plan was dead.\n")
    titles = {q.speaker: q.speaker_titles for q in result.quotes}
    assert titles["Tom Reyes"] == ("a retired engineer",)  # the relative clause is no part of it
    assert "R-Texas" in titles["Ann Cole"] and "the county judge" in titles["Ann Cole"]
    assert titles["Dan Ortiz"] == ()  # a date in apposition is no title
    assert titles["Mark Hale"] == ("one of the county's engineers",)
    assert titles["Ann Lee"] == ("a self-styled “citizen” inspector",)  # quotation marks closed
    assert titles["Rosa Diaz"] == ("a history teacher at the high school",)  # a relative clause deeper in
    assert titles["Kim Park"] == ()  # a plural is a group she belongs to, not her role


def test_a_spaced_dash_after_a_name_is_no_part_of_it(extract):
    # "Jane Ruiz - the mayor's sister - said": the dash opens an aside; "Ruiz" and "she"
    # are Jane Ruiz, not "Jane Ruiz - the mayor".
    result = extract("In an interview on Friday, Jane Ruiz - Tom Hale's sister and business partner - said the "
                     "shop would stay open.\n\n"
                     "Ruiz says the two opened the shop in 2004.\n\n"
                     "“We never closed a single day,” she says.\n")
    speakers = {q.text: q.speaker for q in result.quotes}
    assert speakers["We never closed a single day,"] == "Jane Ruiz"
    assert speakers["the two opened the shop in 2004"] == "Jane Ruiz"


def test_a_name_in_apposition_after_a_description_is_the_speaker(extract):
    # The tagger tends to read "Cornell, Mark Tolan" as one organisation.
    result = extract("“He always wanted to build something of his own,” said his roommate at Cornell, "
                     "Mark Tolan, who now runs a bakery in Ithaca.\n\n"
                     "“He never stopped talking about it,” Mr. Tolan said.\n")
    assert [q.speaker for q in result.quotes] == ["Mark Tolan", "Mark Tolan"]


def test_a_place_or_nationality_before_an_organisation_noun_is_not_its_name(extract):
    # "daily" is often tagged a date (and an adverb): it is still a newspaper here.
    result = extract("“We endorse her without hesitation,” the influential US daily wrote.\n\n"
                     "The Mexican government said the new tariffs would hurt farmers on both sides.\n")
    speakers = {q.text: (q.speaker, q.speaker_kind) for q in result.quotes}
    assert speakers["We endorse her without hesitation,"] == ("the influential US daily", "organisation")
    assert speakers["the new tariffs would hurt farmers on both sides"] == ("the Mexican government", "organisation")


def test_a_role_description_is_the_one_person_of_its_article_other_articles_title_so(extract):
    speakers = speakers_of(run(
        extract,
        "Vermont Sen. Ann Cole said on Monday that the dairy bill would pass.",
        "Ohio Sen. Mark Hale said the bill was too costly.",
        "Ms. Cole and Mr. Hale met in Burlington. Ms. Cole said the bill was fair, and Mr. Hale said it was "
        "not. The Vermont senator said the farmers had waited long enough. The Ohio senator said he would "
        "vote no.",
        "Tom Reyes spoke in Albany. The Vermont senator said the vote was close.",  # Cole is not named here
        "Rosa Diaz, the former secretary of agriculture, said the subsidies were too small.",
        "Ms. Diaz said the dairy farms were failing. The former secretary of agriculture said the bill came "
        "too late.",
    ))
    assert speakers[("d2", "the farmers had waited long enough")] == "Ann Cole"
    assert speakers[("d2", "he would vote no")] == "Mark Hale"
    assert speakers[("d3", "the vote was close")] == "the Vermont senator"  # no such person in the article
    assert speakers[("d5", "the bill came too late")] == "Rosa Diaz"  # an office of something


def test_a_surname_the_tagger_takes_for_a_common_word_is_still_the_person(extract):
    text = ("Democratic strategist Al From founded the council in 1985. "
            "\"We had to win back the middle class,\" From said.")
    (q,) = [q for q in extract(text).quotes if q.type == "direct"]
    assert (q.speaker, q.speaker_mention) == ("Al From", "From")


def test_a_surname_opening_a_paragraph_is_the_person_the_document_names(extract):
    # The tagger calls "Sanders" a common noun tagged ORG here; the document names Bernie
    # Sanders, so it is him (and the pronoun after it stands for him, not for a man named in
    # between).
    text = ("Bernie Sanders spoke in Iowa on Monday. The loophole is how Tom Hale was able to buy the gun.\n\n"
            "Sanders said on ABC that he would take a look at such legislation. He also touted his rating "
            "from the National Rifle Association as evidence that he is a moderate.")
    quotes = extract(text).quotes
    assert [(q.cue, q.speaker, q.speaker_kind) for q in quotes] == [
        ("said", "Bernie Sanders", "person"), ("touted", "Bernie Sanders", "person")]


def _said(doc_id: str, n: int, speaker: str, kind: str) -> Quote:
    text = f"the bridge will reopen in week {n}"
    return Quote(doc_id, f"{doc_id}:{n}", "indirect", text, 0, len(text), 1, speaker, kind, (), speaker, None, None,
                 "said", None, None, "cue")


def test_a_person_a_document_lists_as_an_organisation_still_joins_the_person():
    # A document whose tagger took "Cole" for an organisation, where "she" (resolved to
    # Cole) makes her a person for some quotes: every quote of hers joins Ann Cole, not
    # only those some other document happens to list the same way.
    full = DocumentResult("a", "a.txt", [_said("a", n, "Ann Cole", "person") for n in range(3)],
                          [Person("Ann Cole", "person", (), "f")])
    bare = DocumentResult("b", "b.txt", [_said("b", 1, "Cole", "organisation"), _said("b", 2, "Cole", "person")],
                          [Person("Cole", "organisation")])
    merged = merge_speakers([full, bare])
    assert [q.speaker for q in merged[1].quotes] == ["Ann Cole", "Ann Cole"]
