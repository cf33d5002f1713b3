"""quotes: find quotations in news, attribute them to speakers, tabulate who said what.

Data flows one way: text -> spaCy Doc (``quotes.nlp``) -> quote spans (``quotes.detect``)
-> cues and speaker mentions (``quotes.attribute``) -> resolved speakers (``quotes.resolve``)
-> plain records (``quotes.records``) -> cross-document people and tables
(``quotes.aggregate``) -> files (``quotes.export``).
"""

from quotes.records import DocumentResult, Quote, SpeakerSummary

__all__ = ["DocumentResult", "Quote", "SpeakerSummary"]
__version__ = "0.1.0"
