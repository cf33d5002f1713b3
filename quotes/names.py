"""Name comparison shared by in-document resolution and cross-document merging."""

from __future__ import annotations


def first_names_agree(a: str, b: str) -> bool:
    """"Donald" ~ "Donald", "D." ~ "Donald"; "Bill" !~ "Hillary"."""
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
