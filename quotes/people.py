"""A people file: identities pinned by those who track a known list of officials.

    name,aliases,titles,id
    Jamieson Greer,Greer; the U.S. trade representative,U.S. Trade Representative,Q1234
    Howard Lutnick,Lutnick,Commerce Secretary,staff-0042

``aliases`` and ``titles`` hold several values separated by ``;``. Every alias (and any
full name that is the same person by ``quotes.names.same_person``, a lone surname too
when only one pinned person has it) maps to ``name``; ``id`` (a Wikidata QID, a staff
number) is written as ``speaker_id``. Read with the standard ``csv`` module; corpus-level,
no NLP.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from quotes.names import name_gender, parts, same_person

COLUMNS = ("name", "aliases", "titles", "id")


class PeopleFileError(ValueError):
    """The people file cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class PinnedPerson:
    name: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    id: str | None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


@dataclass
class People:
    """The pinned people of a run (none without ``--people``)."""

    persons: list[PinnedPerson] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> People:
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = [c for c in ("name",) if c not in (reader.fieldnames or [])]
                if missing:
                    raise PeopleFileError(f"{path}: no 'name' column (columns: {', '.join(COLUMNS)})")
                persons = []
                for row in reader:
                    name = (row.get("name") or "").strip()
                    if not name:
                        raise PeopleFileError(f"{path}:{reader.line_num}: empty name")
                    persons.append(PinnedPerson(name, _split(row.get("aliases")), _split(row.get("titles")),
                                                (row.get("id") or "").strip() or None))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise PeopleFileError(f"{path}: cannot be read as a UTF-8 CSV file ({exc})") from exc
        return cls(persons)

    def __post_init__(self) -> None:
        # Indexes, so a corpus of many names against a long people file stays fast.
        self._exact: dict[str, PinnedPerson] = {}
        self._by_surname: dict[str, list[PinnedPerson]] = {}
        self._by_name: dict[str, PinnedPerson] = {}
        for p in self.persons:
            self._by_name.setdefault(p.name, p)
            for form in (p.name, *p.aliases):
                self._exact.setdefault(form.casefold(), p)
                if len(form.split()) >= 2:
                    bucket = self._by_surname.setdefault(parts(form).last, [])
                    if p not in bucket:
                        bucket.append(p)

    def match(self, name: str, gender: str | None = None) -> PinnedPerson | None:
        """The pinned person a speaker name stands for (an alias, a variant of a full name
        by ``same_person``, or the surname of exactly one pinned person), or None."""
        exact = self._exact.get(name.casefold())
        if exact is not None:
            return exact
        if len(name.split()) >= 2:
            hits = [p for p in self._by_surname.get(parts(name).last, [])
                    if any(len(f.split()) >= 2 and same_person(f, name) for f in (p.name, *p.aliases))]
        else:
            hits = [p for p in self._by_surname.get(name.casefold().replace("’", "'"), [])
                    if gender in (None, name_gender(p.name))]
        return hits[0] if len(hits) == 1 else None

    def by_alias(self, name: str) -> PinnedPerson | None:
        """The pinned person whose name or one of whose aliases this is, case aside."""
        return self._exact.get(name.casefold())

    def by_name(self, name: str) -> PinnedPerson | None:
        return self._by_name.get(name)
