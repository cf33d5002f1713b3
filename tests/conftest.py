"""Shared fixtures: the real pipeline (spaCy + coreferee + quotes), loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import Article, process_document
from quotes.records import DocumentResult

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from quotes.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract():
    """Run the real per-document function on a text written in a test."""

    def run(text: str, doc_id: str = "t") -> DocumentResult:
        result = process_document(Article(doc_id, text, f"{doc_id}.txt"))
        assert result.error is None, result.error
        for q in result.quotes:
            assert text[q.start:q.end] == q.text
            if q.speaker_start is not None:
                assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
        return result

    return run


needs_seeds = pytest.mark.skipif(not (SEEDS / "gold.jsonl").exists(), reason="../shared/seeds not present")
