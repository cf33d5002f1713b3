"""The project's reference case: the NYT and FT seed articles and their hand gold."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SEEDS, SHARED, needs_seeds

from quotes.aggregate import merge_speakers, speaker_table
from quotes.extract import process_all
from quotes.inputs import read_inputs

pytestmark = needs_seeds


def seed_table():
    results = merge_speakers(list(process_all(read_inputs([str(SEEDS / "docs")]))))
    quotes = [q for r in results for q in r.quotes]
    return quotes, {s.speaker: s for s in speaker_table(quotes)}


def test_speakers_table_on_seeds():
    _, table = seed_table()
    lutnick = table["Howard Lutnick"]
    assert (lutnick.kind, lutnick.quotes, lutnick.documents) == ("person", 6, 2)
    assert {"Commerce Secretary", "US commerce secretary"} <= set(lutnick.titles)
    assert table["Jamieson Greer"].quotes == 4
    assert table["Li Chenggang"].quotes == 2
    assert table["Henrietta Treyz"].quotes == 2
    assert table["Scott Bessent"].quotes == 1
    assert table["Xinhua"].kind == "organisation"
    assert table["a person familiar with the negotiations"].kind == "anonymous"
    assert table["U.S. officials"].kind == "anonymous"


def test_seed_offsets_and_a_known_quote():
    quotes, _ = seed_table()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (SEEDS / "docs").glob("*.txt")}
    for q in quotes:
        assert texts[q.doc_id][q.start:q.end] == q.text
    gold = [json.loads(line) for line in (SEEDS / "gold.jsonl").open(encoding="utf-8")]
    nyt = next(g for g in gold if g["doc_id"].startswith("nyt"))
    treyz = [g for g in nyt["quotes"] if g["speaker"] == "Henrietta Treyz"]
    ours = [q for q in quotes if q.speaker == "Henrietta Treyz"]
    assert [(q.start, q.type) for q in ours] == [(g["start"], g["type"]) for g in treyz]
    assert ours[1].attribution == "continuation"


def test_seed_end_to_end_f1(tmp_path):
    pred = tmp_path / "pred.jsonl"
    subprocess.run([sys.executable, "-m", "quotes", "extract", str(SEEDS / "docs"), "--format", "jsonl",
                    "-o", str(pred), "--workers", "1", "--quiet"], check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SEEDS), str(pred), "--json"],
                         check=True, capture_output=True, text=True).stdout
    metrics = json.loads(out)
    assert metrics["end_to_end"]["f1"] >= 0.90, metrics["end_to_end"]
