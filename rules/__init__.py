"""Rule data for `quotes`: plain-text word lists read by `quotes.lexicon`.

This folder is installed as the package `quotes.rules`, so a wheel install carries it.
Each ``*.txt`` file starts with a comment header saying what it holds and how it is used.
"""
