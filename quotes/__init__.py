"""quotes: find quotations in news, attribute them to speakers, tabulate who said what.

Data flows one way: text -> spaCy Doc (``quotes.nlp``) -> quote spans (``quotes.detect``)
-> cues and speaker mentions (``quotes.attribute``, ``quotes.link``) -> resolved speakers
(``quotes.resolve``, ``quotes.pronouns``, ``quotes.names``) -> plain records
(``quotes.records``) -> cross-document people and tables (``quotes.aggregate``,
``quotes.people``) -> files (``quotes.export``, ``quotes.html``).

Two worlds, as a Dask run splits them (``quotes.cluster``):

- per document, on a worker: ``quotes.extract.process_batch`` and everything it calls
  (``prepare``, ``markup``, ``detect``, ``component``, ``attribute``, ``link``,
  ``resolve``, ``pronouns``, ``names``), reading inputs (``inputs``) and writing its
  partition (``parquet``); pure functions from (id, text, metadata) to plain records;
- once over the corpus, on plain records: ``aggregate`` (one row per person), ``people``,
  ``export``, ``html``, ``store``, and the shell (``cli``, ``bench``).
"""

from quotes.records import DocumentResult, Quote, SpeakerSummary

__all__ = ["DocumentResult", "Quote", "SpeakerSummary"]
__version__ = "0.1.0"
