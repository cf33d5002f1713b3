"""A missing model is one clear line saying what to run, not a traceback."""

from __future__ import annotations

import importlib.util

import pytest

from quotes import nlp as nlp_mod


@pytest.mark.parametrize("missing,hint", [
    (set(nlp_mod.ENGLISH_MODELS), "make setup"),
    ({"coreferee_model_en"}, "coreferee install en"),
])
def test_missing_model_says_what_to_run(monkeypatch, missing: set[str], hint: str):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in missing else real(name, *a))
    nlp_mod.load_pipeline.cache_clear()
    try:
        with pytest.raises(nlp_mod.ModelMissing, match=hint):
            nlp_mod.load_pipeline()
    finally:
        nlp_mod.load_pipeline.cache_clear()
