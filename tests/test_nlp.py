"""A missing model is one clear line saying what to run, not a traceback."""

from __future__ import annotations

import importlib.util

import pytest

from quotes import nlp as nlp_mod


def test_missing_english_model_says_what_to_run(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in nlp_mod.ENGLISH_MODELS else real(name, *a))
    nlp_mod.load_pipeline.cache_clear()
    try:
        with pytest.raises(nlp_mod.ModelMissing, match="make setup"):
            nlp_mod.load_pipeline()
    finally:
        nlp_mod.load_pipeline.cache_clear()


def test_missing_coreferee_model_says_what_to_run(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "coreferee_model_en" else real(name, *a))
    nlp_mod.load_pipeline.cache_clear()
    try:
        with pytest.raises(nlp_mod.ModelMissing, match="coreferee install en"):
            nlp_mod.load_pipeline()
    finally:
        nlp_mod.load_pipeline.cache_clear()
