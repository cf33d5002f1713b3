"""``python -m quotes`` runs the command line."""

from quotes.cli import app

app(prog_name="quotes")
