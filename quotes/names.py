"""Names of people: their parts, the gender a first name tells, and whether two names can
belong to one person. Shared by in-document resolution and cross-document merging.

The parts of a name (first, middle, last, suffix) come from ``nameparser``; nicknames and
first-name genders are rule data (``rules/nicknames.txt``, ``rules/first_names.txt``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName

from quotes.lexicon import load as load_lexicon

_FATHER_SON = {"jr", "sr"}


@dataclass(frozen=True)
class NameParts:
    first: str  # lower case, without a full stop; "" when the name is one word
    middle: tuple[str, ...]
    last: str  # lower case; "" for a single word
    words: int  # number of words in the name
    suffix: str = ""  # "jr", "sr", "iii"


# How much more often one name is used than the next with its surname (written out in a
# document, quoted in a run: quotes.aggregate) for a bare surname to be its.
DOMINANCE = 3.0


@lru_cache(maxsize=65536)
def parts(name: str) -> NameParts:
    """"Stanley B. Greenberg" -> first "stanley", middle ("b",), last "greenberg";
    "Joseph R. Biden Jr." -> last "biden"; "Bill de Blasio" -> last "de blasio"."""
    name = name.replace("’", "'")  # "O’Malley" is "O'Malley"
    words = name.split()
    if len(words) < 2:
        return NameParts("", (), name.lower().rstrip("."), len(words))
    parsed = HumanName(name)
    first = parsed.first.lower().rstrip(".")
    last = parsed.last.lower()
    if not last or not first:  # nameparser took a word for a title or suffix
        first, last = words[0].lower().rstrip("."), words[-1].lower()
    middle = tuple(m.lower().rstrip(".") for m in parsed.middle.split())
    if "." in first:  # "L.H. Meyer": the initials of a first and a middle name
        initials = [i for i in first.split(".") if i]
        first, middle = initials[0], tuple(initials[1:]) + middle
    suffix = parsed.suffix.lower().replace(".", "").replace(",", "").strip()
    return NameParts(first, middle, last, len(words), suffix)


def surname(name: str) -> str:
    return parts(name).last


def first_name_gender(first: str) -> str | None:
    """"m" or "f" when the first name tells ("Hillary" -> "f"), else None."""
    return load_lexicon().first_names.get(first.lower().rstrip("."))


def name_gender(name: str) -> str | None:
    """The gender a full name's first name tells; None for a lone surname."""
    p = parts(name)
    return first_name_gender(p.first) if p.first else None


def first_names_agree(a: str, b: str) -> bool:
    """"Donald" ~ "Donald", "D." ~ "Donald", "Bill" ~ "William" (a nickname);
    "Bill" !~ "Hillary"."""
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return b in load_lexicon().nicknames.get(a, ())


def _initials(middle: tuple[str, ...]) -> str:
    """("h.w",) -> "hw"; ("walker",) -> "w"."""
    return "".join(piece[0] for word in middle for piece in word.split(".") if piece)


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"George W." !~ "George H.W.": where both give middle names, their initials agree."""
    return not a or not b or _initials(a) == _initials(b)


def same_person(a: str, b: str) -> bool:
    """Two full names of one person: the same surname and agreeing first (and middle)
    names ("Donald J. Trump" ~ "Donald Trump", "Stan Greenberg" ~ "Stanley B. Greenberg",
    "Bill Clinton" !~ "Hillary Clinton", "George W. Bush" !~ "George H.W. Bush",
    "Donald Trump Jr." !~ "Donald Trump")."""
    if a == b:
        return True
    pa, pb = parts(a), parts(b)
    if not pa.first or not pb.first or pa.last != pb.last:
        return False
    junior = {pa.suffix, pb.suffix} & _FATHER_SON
    if junior and pa.suffix != pb.suffix and not ((pa.suffix and pa.middle) or (pb.suffix and pb.middle)):
        # "Donald Trump Jr." is not "Donald Trump" (a son or father in the news beside the
        # other); a formal name with a middle initial and its suffix ("Joseph R. Biden Jr.")
        # is the same man as "Joe Biden"; "Brent Bozell III" is "Brent Bozell".
        return False
    return first_names_agree(pa.first, pb.first) and _middles_agree(pa.middle, pb.middle)


def full_name_for(word: str, full_names: Sequence[str], mentions: Mapping[str, int] | None = None,
                  dominance: float = DOMINANCE) -> str | None:
    """The one full name a single name joins: by surname ("Lutnick" -> "Howard Lutnick"),
    else by the first word of a two-word name (surname first: "Li" -> "Li Chenggang") or
    by a known first name ("Donald" -> "Donald J. Trump").
    Of several full names with that surname, the one named ``dominance`` times as often
    as any other (``mentions``: how often each is named), else none."""
    w = word.lower().replace("’", "'")
    by_last = [n for n in full_names if parts(n).last == w]
    if len(by_last) == 1:
        return by_last[0]
    if len(by_last) > 1 and mentions:
        ranked = sorted(by_last, key=lambda n: -mentions.get(n, 0))
        if mentions.get(ranked[0], 0) >= dominance * max(1, mentions.get(ranked[1], 0)):
            return ranked[0]
    # "Li" -> "Li Chenggang"; "Donald" -> "Donald J. Trump" (a known first name, as
    # feature writing calls a person once named in full).
    by_first = [n for n in full_names if n.split()[0].lower() == w
                and (len(n.split()) == 2 or first_name_gender(w) is not None)]
    if not by_last and len(by_first) == 1:
        return by_first[0]
    # "Acosta" -> "Melba Acosta Febo": the first of two surnames (as Spanish names go),
    # never an initial or a middle name ("Leo" is not "Norbert Leo Butz").
    by_middle = [n for n in full_names if len(n.split()) == 3 and n.split()[1].lower() == w and len(w) > 2
                 and first_name_gender(w) is None]
    if not by_last and not by_first and len(by_middle) == 1:
        return by_middle[0]
    return None
