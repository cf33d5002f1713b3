"""Measure, lemma by lemma, how often a verb of reporting shape attributes something.

    python scripts/measure_cue_lemmas.py ../shared/eval/polnear-dev            # print the table
    python scripts/measure_cue_lemmas.py ../shared/eval/polnear-dev --write    # rewrite rules/reporting_verbs.txt

Nine shapes are counted on an annotated corpus (gold cues with character offsets):
- ``clause``: a verb outside ``rules/cue_verbs.txt`` whose subject can speak and whose
  complement is a reported clause (``quotes.attribute.reporting_shape``: "X warned that
  ...", "X predicted Y would ...");
- ``object``: a ``stance`` verb of ``rules/cue_verbs.txt`` with its object as content
  ("endorsed Trump", "backs the plan"), as ``--scope all`` reports it, or a speech or
  belief verb of that file with an object and no reported clause ("polls show Clinton
  ahead", "announced his candidacy": ``quotes.attribute.object_shape``);
- ``named``: the verbs of the ``object`` shape where their own subject is a person the text names ("Cole
  praised the plan", "Cole proposed a tax"; ``quotes.attribute.named_subject``; not a verb
  whose object is the one spoken to): a stated position of someone named is annotated more
  often than that of "voters" or "it";
- ``pronoun`` and ``organisation``: the same where that subject is "he" or "she", or an
  organisation (``quotes.attribute.pronoun_subject``, ``organisation_subject``);
- ``predicate``: such a verb that says what its object is ("called him a political
  opportunist", "described the plan as a bailout": ``quotes.attribute.predicate_shape``),
  with a subject that can speak: a characterisation, annotated whoever makes it;
- ``poll``: such a verb whose subject is a poll or survey ("a new poll
  shows Cole ahead": ``quotes.attribute.poll_subject``): a finding, stated by the poll;
- ``aside``: such a verb as a participle on a verb of speech ("“…,” Cole said,
  referring to the mill": ``quotes.attribute.speech_aside``): what the speaker went on to do;
- ``belief``: a ``belief`` verb of that file with a speaker and a reported clause, outside
  quotation marks ("we know that ...": ``MIN_BELIEF_PRECISION`` decides).
A phrasal verb of ``rules/cue_verbs.txt`` ("point out", "lay out") is counted under its own
lemma, apart from the verb alone ("point": "pointed to").
A candidate is right when the gold has an attribution cue on that very word. ``--write``
keeps a lemma (``use`` = yes) when it was seen ``MIN_SEEN`` times with precision at least
``MIN_PRECISION`` (a belief verb unless seen that often below ``MIN_BELIEF_PRECISION``);
the ``*`` row pools the clause lemmas seen fewer times and decides for verbs the table
does not list. To overrule a decision, edit its ``use`` column and say why
in a seventh column: a rewrite keeps such rows' decisions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.attribute import cue_verb_of, find_cues, measured_shapes, object_shape, reporting_shape, subject_of  # noqa: E402
from quotes.detect import find_direct_spans  # noqa: E402
from quotes.extract import prepare_pieces  # noqa: E402
from quotes.lexicon import load as load_lexicon  # noqa: E402
from quotes.nlp import load_pipeline  # noqa: E402

MIN_SEEN = 4
MIN_PRECISION = 0.7
MIN_BELIEF_PRECISION = 0.35  # a belief verb of cue_verbs.txt reports its clause unless measured below this
RULE_FILE = ROOT / "rules" / "reporting_verbs.txt"
HEADER = """\
# Reporting verbs decided by measurement: verbs outside rules/cue_verbs.txt that report
# when they have the shape of reported speech, the stance verbs of cue_verbs.txt that
# report in the default --scope speech, and its belief verbs that report a clause there
# only where it quotes words. Used by quotes.attribute.find_cues.
#
# Columns (tab separated): lemma, shape, seen, right, precision, use.
#   shape "clause": the verb's subject can speak (a person, organisation, pronoun or a
#     noun for one) and its complement is a finite clause ("X warned that ...").
#   shape "object": a verb of cue_verbs.txt whose object is the content: a stance verb
#     ("endorsed Trump"), or a speech or belief verb with an object and no clause
#     ("polls show Clinton ahead"); "use yes" reports it in --scope speech (kind "stance").
#   shape "named": a verb of the "object" shape whose own subject is a person the text
#     names ("Cole praised the plan", "Cole proposed a tax"; not a verb whose object is
#     the one spoken to, "told CNN"); "use yes" reports its object in --scope speech where
#     its subject is so named, even when its "object" row says no ("voters support ..."
#     stays out).
#   shape "pronoun": the same where the subject is "he" or "she" ("He accused the mayor of
#     ..."), and shape "organisation" where it is an organisation ("Gallup shows ...", "the
#     party announced ..."): "use yes" reports the object in --scope speech for that subject.
#   shape "predicate": a verb of the "object" shape that says what its object is, with a
#     subject that can speak ("called him a political opportunist", "described the plan as
#     a bailout"); "use yes" reports its object and predicate in --scope speech whoever
#     the subject is.
#   shape "poll": a verb of the "object" shape whose subject is a poll or survey
#     (rules/poll_nouns.txt: "a new poll shows Cole ahead"); "use yes" reports its object in
#     --scope speech where a poll is the subject.
#   shape "aside": a verb of the "object" shape as a participle set off by a comma on a
#     verb of speech ("“…,” Cole said, referring to the mill"); "use yes" reports its
#     object in --scope speech, said by the one speaking.
#   shape "belief": a belief verb of cue_verbs.txt with a reported clause, outside
#     quotation marks ("we know that ...", "Clinton believes ..."); "use no" reports it in
#     --scope speech only where the clause quotes words (kind "belief-quoted").
#   seen / right / precision: candidates of that shape on the development corpus and
#     how many of them the gold annotates as an attribution on that word.
#   use: yes when seen >= {min_seen} and precision >= {min_precision}; the "*" row pools
#     the clause lemmas seen fewer times and decides for verbs not listed here; a belief
#     verb stays on unless seen >= {min_seen} with precision below {min_belief}.
#   a seventh column, when present, says why ``use`` was set by hand (a rewrite keeps it).
# Written by scripts/measure_cue_lemmas.py; the use column may be edited by hand.
"""


def _gold_cues(gold_dir: Path) -> dict[str, list[tuple[int, int]]]:
    cues: dict[str, list[tuple[int, int]]] = {}
    with open(gold_dir / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            cues[doc["doc_id"]] = [(q["cue_start"], q["cue_end"]) for q in doc["quotes"]
                                   if q.get("cue_start") is not None]
    return cues


def measure(gold_dir: Path) -> tuple[Counter, Counter]:
    """(seen, right) counters keyed by (lemma, shape)."""
    lexicon = load_lexicon()
    nlp = load_pipeline(coreference=False)
    gold = _gold_cues(gold_dir)
    seen: Counter = Counter()
    right: Counter = Counter()
    for doc_id, spans in sorted(gold.items()):
        text = (gold_dir / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        for offset, piece in prepare_pieces(text):
            with nlp.select_pipes(disable=["quotes"]):
                doc = nlp(piece)

            def hit(char: int, offset: int = offset, spans: list = spans) -> bool:
                return any(s <= char + offset < e for s, e in spans)

            for tok in doc:
                listed = cue_verb_of(tok, lexicon)
                lemma = listed.lemma if listed is not None else tok.lemma_.lower()
                if listed is None and reporting_shape(tok, lexicon):
                    seen[lemma, "clause"] += 1
                    right[lemma, "clause"] += hit(tok.idx)
                elif object_shape(tok, lexicon):
                    for shape in measured_shapes(tok, subject_of(tok), lexicon):
                        seen[lemma, shape] += 1
                        right[lemma, shape] += hit(tok.idx)
            quoted = [(d.open_start, d.close_end) for d in find_direct_spans(doc.text, lexicon.quote_marks)]
            for cue in find_cues(doc, lexicon, scope="all"):
                verb = cue_verb_of(cue.token, lexicon)
                if cue.kind == "belief" and cue.content is not None and cue.token.pos_ in ("VERB", "AUX") \
                        and cue.speaker is not None and verb is not None and verb.kind == "belief" \
                        and not any(a <= cue.token.idx < b for a, b in quoted):  # ("I think" inside a quote)
                    key = (verb.lemma, "belief")
                    seen[key] += 1
                    right[key] += hit(cue.token.idx)
                if cue.kind == "stance" and cue.token.pos_ in ("VERB", "AUX") and verb is not None \
                        and verb.kind == "stance":  # speech verbs with an object: object_shape above
                    for shape in measured_shapes(cue.token, cue.speaker, lexicon):
                        key = (verb.lemma, shape)
                        seen[key] += 1
                        right[key] += hit(cue.token.idx)
    return seen, right


Row = tuple[str, str, int, int, float, str]


def table(seen: Counter, right: Counter, min_precision: float = MIN_PRECISION) -> list[Row]:
    rows = []
    pooled_seen = pooled_right = 0
    for (lemma, shape), n in seen.items():
        if shape == "clause" and n < MIN_SEEN:
            pooled_seen += n
            pooled_right += right[lemma, shape]
            continue
        p = right[lemma, shape] / n
        if shape == "belief":  # on unless measured mostly wrong
            use = "no" if n >= MIN_SEEN and p < MIN_BELIEF_PRECISION else "yes"
        else:
            use = "yes" if n >= MIN_SEEN and p >= min_precision else "no"
        rows.append((lemma, shape, n, right[lemma, shape], p, use))
    rows.sort(key=lambda r: (r[1], r[0]))
    p = pooled_right / pooled_seen if pooled_seen else 0.0
    rows.append(("*", "clause", pooled_seen, pooled_right, p, "yes" if p >= min_precision else "no"))
    return rows


def _hand_decisions() -> dict[tuple[str, str], tuple[str, str]]:
    """Rows of the current table whose ``use`` was set by hand (a seventh column says
    why): a rewrite keeps them."""
    if not RULE_FILE.exists():
        return {}
    kept = {}
    for line in RULE_FILE.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) >= 7 and cols[6].strip():
            kept[cols[0], cols[1]] = (cols[5], cols[6])
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path, help="an annotated corpus: docs/*.txt and gold.jsonl")
    parser.add_argument("--write", action="store_true", help=f"rewrite {RULE_FILE.relative_to(ROOT)}")
    parser.add_argument("--min-precision", type=float, default=MIN_PRECISION, help="precision a lemma needs")
    parser.add_argument("--counts", type=Path, help="keep the measured counts in this JSON file and reuse them")
    args = parser.parse_args()
    if args.counts and args.counts.exists():
        data = json.loads(args.counts.read_text(encoding="utf-8"))
        seen, right = (Counter({tuple(k.split("\t")): v for k, v in data[name].items()}) for name in ("seen", "right"))
    else:
        seen, right = measure(args.gold_dir)
        if args.counts:
            args.counts.write_text(json.dumps({name: {"\t".join(k): v for k, v in c.items()}
                                               for name, c in (("seen", seen), ("right", right))}), encoding="utf-8")
    rows = table(seen, right, args.min_precision)
    kept = _hand_decisions()
    lines = []
    for lemma, shape, n, r, p, use in rows:
        hand = kept.get((lemma, shape))
        lines.append(f"{lemma}\t{shape}\t{n}\t{r}\t{p:.2f}\t" + (f"{hand[0]}\t{hand[1]}" if hand else use))
    if args.write:
        RULE_FILE.write_text(HEADER.format(min_seen=MIN_SEEN, min_precision=args.min_precision,
                                           min_belief=MIN_BELIEF_PRECISION)
                             + "\n".join(lines) + "\n", encoding="utf-8")
    for line in sorted(lines, key=lambda ln: -int(ln.split("\t")[2])):
        print(line)


if __name__ == "__main__":
    main()
