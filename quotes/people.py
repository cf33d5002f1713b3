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

    def match(self, name: str, gender: str | None = None) -> PinnedPerson | None:
        """The pinned person a speaker name stands for, or None."""
        folded = name.casefold()
        for p in self.persons:
            if folded == p.name.casefold() or folded in (a.casefold() for a in p.aliases):
                return p
        if len(name.split()) >= 2:
            hits = [p for p in self.persons if same_person(p.name, name)
                    or any(len(a.split()) >= 2 and same_person(a, name) for a in p.aliases)]
        else:
            hits = [p for p in self.persons if parts(p.name).last == folded
                    and gender in (None, name_gender(p.name))]
        return hits[0] if len(hits) == 1 else None

    def by_name(self, name: str) -> PinnedPerson | None:
        return next((p for p in self.persons if p.name == name), None)
