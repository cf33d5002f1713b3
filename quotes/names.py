"""Name comparison shared by in-document resolution and cross-document merging."""

from __future__ import annotations

from collections.abc import Sequence


def first_names_agree(a: str, b: str) -> bool:
    """"Donald" ~ "Donald", "D." ~ "Donald"; "Bill" !~ "Hillary"."""
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_person(a: str, b: str) -> bool:
    """Two full names of one person: the same surname and agreeing first names
    ("Donald J. Trump" ~ "Donald Trump", "Bill Clinton" !~ "Hillary Clinton")."""
    pa, pb = a.split(), b.split()
    return pa[-1].lower() == pb[-1].lower() and first_names_agree(pa[0], pb[0])


def full_name_for(word: str, full_names: Sequence[str]) -> str | None:
    """The one full name a single name joins: by surname ("Lutnick" -> "Howard Lutnick"),
    else by the first word of a two-word name (surname first: "Li" -> "Li Chenggang")."""
    w = word.lower()
    by_last = [n for n in full_names if n.split()[-1].lower() == w]
    if len(by_last) == 1:
        return by_last[0]
    by_first = [n for n in full_names if n.split()[0].lower() == w and len(n.split()) == 2]
    if not by_last and len(by_first) == 1:
        return by_first[0]
    return None
