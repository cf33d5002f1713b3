"""Cross-document work: merge speakers across articles and build per-speaker tables.

Runs after every document has been processed, on plain records only (no NLP). The
identity rules, in order (``person_aliases``):

- Full names are one person when their surnames are equal and their first names agree:
  equal, an initial ("D. Trump"), or a nickname of each other (``rules/nicknames.txt``:
  "Bill"/"William", "Stan"/"Stanley"), with agreeing middle initials where both give
  one ("George W." never joins "George H.W."), and no conflict in the gender the
  documents tell. The most quoted form names the person.
- A lone surname ("Clinton", "Mrs. Clinton") joins the one person with that surname whose
  gender agrees with the honorific its document used; where several have it, the one that
  clearly dominates (``DOMINANCE`` times the quotes of the next), unless the titles seen
  with the surname contradict that person's. When unsure the rows stay apart: a wrong
  merge is worse than a split.
- A bare first name never joins anyone across documents, nor does a lone word that is
  rather the first name of people in the run: a surname's owner must be quoted
  ``DOMINANCE`` times as often as they ("Donald" beside Donald Trump).
- A one-word organisation or description that is a merged person's surname ("Trump"
  tagged as an organisation) is that person when the person dominates as above and is
  quoted at least ``WORD_AS_PERSON_QUOTES`` times in the run.
- A definite role with a proper word ("the Vermont senator") or an office of something
  ("the former secretary of state") is the one person of its article whose titles, from
  any article of the run, say those words in order ("Vermont Sen. Bernie Sanders"); none
  or several: it stays a description.
- A people file (``--people``, ``quotes.people``) pins identities and gives ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from quotes.lexicon import load as load_lexicon
from quotes.names import DOMINANCE, name_gender, parts, same_person
from quotes.people import People
from quotes.records import DocumentResult, Quote, SpeakerSummary

WORD_AS_PERSON_QUOTES = 3  # an organisation's one-word name is a person's surname only for one quoted this often
_NONWORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class NameUse:
    """One person name as the documents use it: the name, the gender the documents tell
    with it ("Mrs. Clinton" -> "f"; None when they do not), quotes and titles."""

    name: str
    gender: str | None
    quotes: int
    titles: tuple[str, ...]


def _title_words(titles: Iterable[str]) -> set[str]:
    """The office words of a person's titles ("Rep.", "admiral", "senator": words of
    ``rules/titles.txt``); descriptions ("real estate mogul") tell no office."""
    offices = load_lexicon().titles
    return {w for t in titles for w in (x.rstrip(".,").lower() for x in t.split()) if w in offices}


def _gender(genders: Iterable[str | None]) -> str | None:
    told = {g for g in genders if g}
    return told.pop() if len(told) == 1 else None


def _conflict(a: NameUse, b: NameUse) -> bool:
    """The documents tell different genders for two names ("Chris Smith" as "Mr." and "Ms.")."""
    ga, gb = a.gender or name_gender(a.name), b.gender or name_gender(b.name)
    return ga is not None and gb is not None and ga != gb


@dataclass(frozen=True)
class MergedPerson:
    """A person after full names are merged: canonical name, quotes, gender, title words."""

    name: str
    quotes: int
    gender: str | None
    titles: frozenset[str]


def person_aliases(uses: Sequence[NameUse]) -> dict[tuple[str, str | None], str]:
    """Map each (person name, told gender) to its canonical name across the run."""
    return identities(uses)[0]


def identities(uses: Sequence[NameUse]) -> tuple[dict[tuple[str, str | None], str], dict[str, list[MergedPerson]]]:
    """``person_aliases`` and the merged people by surname (for ``surname_owner``)."""
    full = [u for u in uses if len(u.name.split()) >= 2]
    # Full names: same person by name parts, without a conflict of told gender.
    groups: list[list[NameUse]] = []
    by_last: dict[str, list[list[NameUse]]] = {}  # only names with one surname can be one person
    for u in full:
        candidates = by_last.setdefault(parts(u.name).last, [])
        for g in candidates:
            if same_person(g[0].name, u.name) and not _conflict(g[0], u):
                g.append(u)
                break
        else:
            candidates.append([u])
            groups.append(candidates[-1])
    alias: dict[tuple[str, str | None], str] = {}
    people: list[MergedPerson] = []
    for g in groups:
        counts: Counter[str] = Counter()
        for u in g:
            counts[u.name] += u.quotes
        best = max(counts, key=lambda n: (counts[n], -[u.name for u in g].index(n)))
        gender = _gender(u.gender for u in g) or name_gender(best)
        people.append(MergedPerson(best, sum(counts.values()), gender,
                                    frozenset(_title_words(t for u in g for t in u.titles))))
        for u in g:
            alias[(u.name, u.gender)] = best
    by_surname: dict[str, list[MergedPerson]] = {}
    for p in people:
        by_surname.setdefault(parts(p.name).last, []).append(p)
    given: Counter[str] = Counter()  # first name -> quotes of the people who bear it
    for p in people:
        given[parts(p.name).first] += p.quotes
    for u in uses:
        if (u.name, u.gender) in alias or len(u.name.split()) != 1:
            continue
        target = surname_owner(u.name, u.gender, _title_words(u.titles), by_surname)
        if target is not None and target.quotes < DOMINANCE * given[u.name.lower().replace("’", "'")]:
            continue  # "Donald", Donald Trump's first name, is no surname of a "… Donald" quoted less
        if target is not None:
            alias[(u.name, u.gender)] = target.name
    return alias, by_surname


def surname_owner(word: str, gender: str | None, titles: set[str],
                  by_surname: dict[str, list[MergedPerson]]) -> MergedPerson | None:
    """The person a lone surname stands for across the run, or None when unsure."""
    key = word.lower().replace("’", "'")
    candidates = [p for p in by_surname.get(key, []) if gender is None or p.gender in (None, gender)]
    if not candidates:
        return None
    candidates.sort(key=lambda p: -p.quotes)
    best = candidates[0]
    if len(candidates) > 1 and best.quotes < DOMINANCE * max(1, candidates[1].quotes):
        return None
    if titles and best.titles and not titles & best.titles:
        return None  # "Adm. Rogers" is not the congressman Mike Rogers
    return best


class SpeakerMerger:
    """Run-wide canonical speakers in two passes, so results can stream from a store:
    ``add`` every document (keeps only names, counts and titles), then ``apply``."""

    def __init__(self, people: People | None = None) -> None:
        self.people = people or People()
        self.counts: Counter[tuple[str, str | None]] = Counter()
        self.order: dict[tuple[str, str | None], None] = {}
        # Titles per name, each with the number of documents giving it (in first-seen order).
        self.titles: dict[tuple[str, str | None], Counter[str]] = {}
        self._alias: dict[tuple[str, str | None], str] | None = None
        self._by_surname: dict[str, list[MergedPerson]] = {}
        self._titles: dict[str, list[str]] = {}

    def add(self, result: DocumentResult) -> None:
        genders = {p.name: p.gender for p in result.people if p.kind == "person"}
        for p in result.people:
            if p.kind == "person":
                key = (p.name, p.gender)
                self.order.setdefault(key, None)
                self.titles.setdefault(key, Counter()).update(dict.fromkeys(p.titles, 1))
        for q in result.quotes:
            if q.speaker and q.speaker_kind == "person":
                # (a quote's person may be listed otherwise: "Trump" tagged as an
                # organisation where "he" stands for him)
                key = (q.speaker, genders.get(q.speaker))
                self.order.setdefault(key, None)
                self.counts[key] += 1
        self._alias = None

    def update(self, other: SpeakerMerger) -> None:
        """Fold in the tally of later documents (a partition counted on a worker); folding
        partitions in input order gives what ``add`` over every document gives."""
        self.counts.update(other.counts)
        for key in other.order:
            self.order.setdefault(key, None)
        for key, titles in other.titles.items():
            self.titles.setdefault(key, Counter()).update(titles)
        self._alias = None

    def freeze(self) -> None:
        """Compute the aliases now (once, before the merger is sent to the workers)."""
        self._aliases()

    def _aliases(self) -> dict[tuple[str, str | None], str]:
        if self._alias is None:
            uses = [NameUse(n, g, self.counts[(n, g)], tuple(self.titles.get((n, g), ()))) for n, g in self.order]
            alias, self._by_surname = identities(uses)
            # Pinned identities (--people) win over what the corpus suggests.
            for key in list(self.order):
                canonical = alias.get(key, key[0])
                pinned = self.people.match(canonical, key[1]) or self.people.match(key[0], key[1])
                if pinned is not None:
                    alias[key] = pinned.name
            self._alias = alias
            # A person's titles, those the most documents give first ("Secretary of State"
            # before a description one article gave once); pinned titles lead.
            merged: dict[str, Counter[str]] = {}
            for key, titles in self.titles.items():
                merged.setdefault(alias.get(key, key[0]), Counter()).update(titles)
            self._titles = {name: sorted(titles, key=titles.__getitem__, reverse=True)  # stable: ties first-seen
                            for name, titles in merged.items()}
            for person in self.people.persons:
                bucket = self._titles.setdefault(person.name, [])
                bucket[:0] = [t for t in person.titles if t not in bucket]
        return self._alias

    def _word_as_person(self, word: str) -> str | None:
        """A one-word organisation or description that is a person's surname ("Trump" or
        "Fiorina" tagged as an organisation, "Hannity" as a noun)."""
        if not word[:1].isupper() or word.lower() in load_lexicon().organisations:
            return None
        self._aliases()
        owner = surname_owner(word, None, set(), self._by_surname)
        if owner is None or owner.quotes < WORD_AS_PERSON_QUOTES:
            return None  # "Washington" tagged as a place stays one beside a George Washington quoted once
        return owner.name

    def _canonical(self, name: str | None, kind: str, genders: dict[str, str | None],
                   alias: dict[tuple[str, str | None], str]) -> tuple[str | None, str]:
        """A speaker's run-wide name and kind (before role descriptions)."""
        if name is not None and kind == "person":
            return alias.get((name, genders.get(name)), name), kind
        if name is not None and kind in ("organisation", "anonymous") and len(name.split()) == 1:
            exact = self.people.by_alias(name)  # "Osei" listed as an alias: the person
            person = exact.name if exact is not None else self._word_as_person(name)
            if person is not None:
                return person, "person"
        return name, kind

    def _doc_people(self, result: DocumentResult, alias: dict[tuple[str, str | None], str],
                    genders: dict[str, str | None]) -> set[str]:
        """The run-wide names of the people a document quotes or titles."""
        named = [(q.speaker, q.speaker_kind) for q in result.quotes] + [(p.name, p.kind) for p in result.people]
        return {n for name, kind in named for n, k in [self._canonical(name, kind, genders, alias)]
                if n is not None and k == "person"}

    def _role_holder(self, description: str, people: set[str]) -> str | None:
        """"the Vermont senator" in an article that names Bernie Sanders, whom articles of the
        run call "Vermont Sen.": the one person of the article with a title that says the
        description's words in order (short forms spelled out, ``rules/title_abbreviations.txt``).
        Only a definite role with a proper word ("the Vermont senator", "the Republican
        presidential nominee") or an office of something ("the former secretary of
        state"); "the senator" alone is left to the document (``quotes.resolve``)."""
        words = description.split()
        if len(words) < 3 or words[0].lower() != "the":
            return None
        lexicon = load_lexicon()
        wanted = _title_sequence(words[1:], lexicon.title_words)
        offices = [k for k, w in enumerate(wanted) if w in lexicon.titles or w in lexicon.title_words.values()]
        proper = any(w[:1].isupper() for w in words[1:-1])
        office_of = bool(offices) and len(wanted) >= 4 and wanted[offices[0] + 1:offices[0] + 2] == ["of"]
        if not offices or not (proper or office_of):
            return None  # ("the senator", "the former senator": the article's to decide)
        holders = [p for p in sorted(people)
                   if any(_contains(_title_sequence(t.split(), lexicon.title_words), wanted)
                          for t in self._titles.get(p, ()))]
        return holders[0] if len(holders) == 1 else None

    def apply(self, result: DocumentResult) -> DocumentResult:
        """The document with speakers renamed to their canonical names and all their titles,
        ``speaker_id`` from the people file and ``quote_group``."""
        alias = self._aliases()
        genders = {p.name: p.gender for p in result.people if p.kind == "person"}
        people: set[str] | None = None
        quotes = []
        for q in result.quotes:
            name, kind = self._canonical(q.speaker, q.speaker_kind, genders, alias)
            if name is not None and kind == "anonymous":
                people = self._doc_people(result, alias, genders) if people is None else people
                holder = self._role_holder(name, people)
                if holder is not None:
                    name, kind = holder, "person"
            titles = tuple(self._titles.get(name, q.speaker_titles)) if name is not None else q.speaker_titles
            pinned = self.people.by_name(name) if name is not None and kind == "person" else None
            quotes.append(replace(q, speaker=name, speaker_kind=kind, speaker_titles=titles,
                                  speaker_id=pinned.id if pinned is not None else None,
                                  quote_group=quote_group(name, q.text)))
        return replace(result, quotes=quotes)


def _title_sequence(words: Sequence[str], short_forms: dict[str, str]) -> list[str]:
    """Title words lower case, with short forms spelled out ("Vermont Sen." -> vermont senator)."""
    out = []
    for w in words:
        w = w.strip(".,;:()").lower().removesuffix("’s").removesuffix("'s")
        if w:
            out.append(short_forms.get(w, w))
    return out


def _contains(seq: list[str], part: list[str]) -> bool:
    return any(seq[k:k + len(part)] == part for k in range(len(seq) - len(part) + 1))


def quote_group(speaker: str | None, text: str) -> str:
    """The same remark by the same speaker gets the same id in every document that carries
    it (case, accents, punctuation and spacing aside)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = _NONWORD.sub(" ", folded).strip()
    key = f"{(speaker or '').lower()}\x1f{words}"
    return "g" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def merge_speakers(results: list[DocumentResult], people: People | None = None) -> list[DocumentResult]:
    """Rewrite speakers to their run-wide canonical names, with all their titles."""
    merger = SpeakerMerger(people)
    for r in results:
        merger.add(r)
    return [merger.apply(r) for r in results]


def speaker_table(quotes: Iterable[Quote]) -> list[SpeakerSummary]:
    """One row per speaker, most quoted first (ties by name)."""
    rows: dict[tuple[str, str], dict] = {}
    for q in quotes:
        if q.speaker is None:
            continue
        row = rows.setdefault((q.speaker, q.speaker_kind), {"titles": q.speaker_titles, "n": 0, "id": q.speaker_id,
                                                            "docs": {}, "where": []})
        row["n"] += 1
        row["docs"].setdefault(q.doc_id, None)
        row["where"].append((q.doc_id, q.paragraph))
    table = [SpeakerSummary(name, kind, tuple(r["titles"]), r["n"], len(r["docs"]), tuple(r["where"]), r["id"])
             for (name, kind), r in rows.items()]
    return sorted(table, key=lambda s: (-s.quotes, s.speaker.lower(), s.kind))


def speaker_matches(name: str, query: str) -> bool:
    """``--speaker`` matching: any word sequence of the name, case-insensitive
    ("Lutnick", "howard lutnick", "Mr. Lutnick" all find Howard Lutnick)."""
    q = [w.rstrip(".").lower() for w in query.split()]
    q = [w for w in q if w not in load_lexicon().honorifics] or q
    words = [w.lower() for w in name.split()]
    n = len(q)
    return n > 0 and any(words[i:i + n] == q for i in range(len(words) - n + 1))


def quotes_by_speaker(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """Each speaker's quotes, in input order."""
    out: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker is not None:
            out.setdefault(q.speaker, []).append(q)
    return out
