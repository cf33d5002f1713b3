"""Cross-document work: merge speakers across articles and build per-speaker tables.

Runs after every document has been processed, on plain records only (no NLP).
A surname-only speaker ("Lutnick") joins the one full name with that surname in the
run ("Howard Lutnick"); full names with the same surname merge only when their first
names agree ("Donald J. Trump" ~ "Donald Trump", never "Bill" ~ "Hillary Clinton").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from quotes.lexicon import load as load_lexicon
from quotes.names import full_name_for, same_person
from quotes.records import DocumentResult, Quote, SpeakerSummary


def person_aliases(names: Iterable[str], counts: Counter[str]) -> dict[str, str]:
    """Map each person name to its canonical form across the run."""
    names = list(dict.fromkeys(names))
    full = [n for n in names if len(n.split()) >= 2]
    alias: dict[str, str] = {}
    # Full names: same surname and agreeing first names -> the most used form.
    groups: list[list[str]] = []
    for n in full:
        for g in groups:
            if same_person(g[0], n):
                g.append(n)
                break
        else:
            groups.append([n])
    canon_full = []
    for g in groups:
        best = max(g, key=lambda n: (counts[n], -g.index(n)))
        canon_full.append(best)
        for n in g:
            alias[n] = best
    for n in names:
        if n in alias:
            continue
        full_name = full_name_for(n, canon_full) if len(n.split()) == 1 else None
        if full_name is not None:
            alias[n] = full_name
    return alias


class SpeakerMerger:
    """Run-wide canonical speakers in two passes, so results can stream from a store:
    ``add`` every document (keeps only names, counts and titles), then ``apply``."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.order: list[str] = []
        self.people: list[tuple[str, str, tuple[str, ...]]] = []
        self._alias: dict[str, str] | None = None
        self._titles: dict[str, list[str]] = {}

    def add(self, result: DocumentResult) -> None:
        for q in result.quotes:
            if q.speaker and q.speaker_kind == "person":
                self.counts[q.speaker] += 1
        for p in result.people:
            if p.kind == "person":
                self.order.append(p.name)
            self.people.append((p.name, p.kind, p.titles))
        self._alias = None

    def _aliases(self) -> dict[str, str]:
        if self._alias is None:
            self._alias = person_aliases(self.order, self.counts)
            self._titles = {}
            for name, kind, titles in self.people:
                canonical = self._alias.get(name, name) if kind == "person" else name
                bucket = self._titles.setdefault(canonical, [])
                bucket.extend(t for t in titles if t not in bucket)
        return self._alias

    def apply(self, result: DocumentResult) -> DocumentResult:
        """The document with speakers renamed to their canonical names and all their titles."""
        alias = self._aliases()
        quotes = []
        for q in result.quotes:
            if q.speaker is None:
                quotes.append(q)
                continue
            name = alias.get(q.speaker, q.speaker) if q.speaker_kind == "person" else q.speaker
            quotes.append(replace(q, speaker=name, speaker_titles=tuple(self._titles.get(name, q.speaker_titles))))
        return replace(result, quotes=quotes)


def merge_speakers(results: list[DocumentResult]) -> list[DocumentResult]:
    """Rewrite speakers to their run-wide canonical names, with all their titles."""
    merger = SpeakerMerger()
    for r in results:
        merger.add(r)
    return [merger.apply(r) for r in results]


def speaker_table(quotes: Iterable[Quote]) -> list[SpeakerSummary]:
    """One row per speaker, most quoted first (ties by name)."""
    rows: dict[tuple[str, str], dict] = {}
    for q in quotes:
        if q.speaker is None:
            continue
        row = rows.setdefault((q.speaker, q.speaker_kind), {"titles": q.speaker_titles, "n": 0,
                                                            "docs": {}, "where": []})
        row["n"] += 1
        row["docs"].setdefault(q.doc_id, None)
        row["where"].append((q.doc_id, q.paragraph))
    table = [SpeakerSummary(name, kind, tuple(r["titles"]), r["n"], len(r["docs"]), tuple(r["where"]))
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
