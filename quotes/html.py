"""Self-contained HTML report: a speakers index and one page per article.

Every quote is highlighted in its speaker's colour with spaCy's displaCy span renderer
(``style="span"``, manual mode), labelled with a footnote number and the speaker; the
footnotes under each paragraph give the type, the cue and how the speaker was found.
No NLP runs here: articles are split into display tokens with a regular expression.
No network: no external scripts, styles or fonts; all article text is escaped.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from spacy import displacy

from quotes.detect import Paragraphs
from quotes.records import Quote, SpeakerSummary

_TOKEN = re.compile(r"\S+")
_PALETTE = ("#ffd166", "#8ecae6", "#b7e4c7", "#f4acb7", "#cdb4db", "#ffb703", "#a8dadc", "#e9c46a",
            "#90be6d", "#f9c74f", "#bde0fe", "#ffc8dd", "#d4a373", "#caffbf", "#fdffb6", "#9bf6ff")
_UNKNOWN_COLOUR = "#dddddd"

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.5; background: #fcfcfa; }
h1, h2, h3, th, .meta, .notes, nav { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } .meta { color: #666; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
th { cursor: pointer; background: #f1f1ee; user-select: none; } th:hover { background: #e6e6e1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .2rem; margin-right: .4rem;
          vertical-align: -.05rem; }
.kind { font-size: .8rem; color: #555; background: #eee; border-radius: .3rem; padding: 0 .35rem; }
.para { margin: 1.2rem 0; } .para .spans { line-height: 2.5 !important; }
.notes { font-size: .82rem; color: #444; margin: 1.4rem 0 0 1rem; padding: 0; list-style: none; }
.notes li { margin: .1rem 0; } a { color: #1d4e89; }
"""

_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var asc = th.dataset.asc !== 'true'; th.dataset.asc = asc;
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v || a.cells[col].innerText, y = b.cells[col].dataset.v || b.cells[col].innerText;
      var n = parseFloat(x) - parseFloat(y);
      var r = isNaN(n) ? x.localeCompare(y) : n;
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def slug(name: str) -> str:
    """A stable, filesystem-safe file name for a speaker or document."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    # A name with no Latin letters or digits ("北京") gets a short hash, not a shared "unnamed".
    return s or "n-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def unique_slugs(names: Sequence[str]) -> dict[str, str]:
    """Slugs for ``names`` in order, made unique with -2, -3, ... on collision."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = slug(name)
        s, n = base, 1
        while s in used:
            n += 1
            s = f"{base}-{n}"
        used.add(s)
        out[name] = s
    return out


def speaker_colours(table: Sequence[SpeakerSummary]) -> dict[str, str]:
    return {s.speaker: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(table)}


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{_SORT_JS}</script>\n</body>\n</html>\n")


def _paragraph_markup(text: str, start: int, end: int, quotes: list[tuple[int, Quote]],
                      colours: dict[str, str]) -> str:
    tokens = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]
    spans = []
    colour_map = {}
    notes = []
    for n, q in quotes:
        a, b = max(q.start, start), min(q.end, end)
        first = next((i for i, (s, e) in enumerate(tokens) if e > a), None)
        last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][0] < b), None)
        if first is None or last is None or last < first:
            continue
        # displaCy looks the colour up by the label it is given: the escaped one (O'Brien).
        label = html.escape(f"{n} · {q.speaker or 'unknown speaker'}")
        colour_map[label] = colours.get(q.speaker or "", _UNKNOWN_COLOUR)
        spans.append({"start_token": first, "end_token": last + 1, "label": label})
        if a == q.start:
            cue = f"cue “{html.escape(q.cue)}”, " if q.cue else ""
            mention = (f" (named here as “{html.escape(q.speaker_mention)}”)"
                       if q.speaker_mention and q.speaker_mention != q.speaker else "")
            notes.append(f"<li><b>{n}</b> {html.escape(q.speaker or 'unknown speaker')}{mention}: "
                         f"{q.type} quote, {cue}speaker found by {html.escape(q.attribution)}</li>")
    if not spans:
        return f'<p class="para">{html.escape(text[start:end])}</p>'
    markup = displacy.render({"text": text[start:end], "tokens": [text[s:e] for s, e in tokens], "spans": spans},
                             style="span", manual=True, options={"colors": colour_map})
    return f'<div class="para">{markup}<ul class="notes">{"".join(notes)}</ul></div>'


def article_page(doc_id: str, text: str, quotes: Sequence[Quote], colours: dict[str, str],
                 title: str | None = None) -> str:
    """One article with every quote highlighted in its speaker's colour."""
    paragraphs = Paragraphs(text)
    numbered = list(enumerate(quotes, 1))
    body = ['<nav><a href="index.html">← all speakers</a></nav>',
            f"<h1>{html.escape(title or doc_id)}</h1>",
            f'<p class="meta">{len(quotes)} quotes · document {html.escape(doc_id)}</p>']
    for p in range(1, len(paragraphs) + 1):
        start, end = paragraphs.bounds(p)
        inside = [(n, q) for n, q in numbered if q.start < end and q.end > start]
        body.append(_paragraph_markup(text, start, end, inside, colours))
    return _page(title or doc_id, "\n".join(body))


def index_page(table: Sequence[SpeakerSummary], documents: Sequence[tuple[str, str, int]],
               colours: dict[str, str], speaker_files: dict[str, str], doc_files: dict[str, str]) -> str:
    """The speakers table (sortable) and the list of articles."""
    rows = []
    for s in table:
        docs = sorted({d for d, _ in s.where})
        links = ", ".join(f'<a href="articles/{doc_files[d]}.html">{html.escape(d)}</a>' for d in docs
                          if d in doc_files)
        rows.append(
            f'<tr><td><span class="swatch" style="background:{colours.get(s.speaker, _UNKNOWN_COLOUR)}"></span>'
            f'<a href="speakers/{speaker_files[s.speaker]}.csv">{html.escape(s.speaker)}</a>'
            + (f' <span class="kind">{html.escape(s.speaker_id)}</span>' if s.speaker_id else "") + "</td>"
            f'<td><span class="kind">{s.kind}</span></td><td>{html.escape("; ".join(s.titles))}</td>'
            f'<td class="num">{s.quotes}</td><td class="num">{s.documents}</td><td>{links}</td></tr>')
    articles = "".join(f'<li><a href="articles/{doc_files[d]}.html">{html.escape(t)}</a> — {n} quotes</li>'
                       for d, t, n in documents)
    body = ("<h1>Who said what</h1>"
            f'<p class="meta">{sum(s.quotes for s in table)} attributed quotes, {len(table)} speakers, '
            f"{len(documents)} articles. Click a column to sort.</p>"
            '<table class="sortable"><thead><tr><th>speaker</th><th>kind</th><th>titles</th><th>quotes</th>'
            f'<th>documents</th><th>where</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"<h2>Articles</h2><ul>{articles}</ul>")
    return _page("Who said what", body)


def write_site(out_dir: Path, texts: dict[str, tuple[str, str | None]], quotes: Sequence[Quote],
               table: Sequence[SpeakerSummary], speaker_files: dict[str, str]) -> set[Path]:
    """index.html and articles/<doc>.html under ``out_dir`` (one page per document, names
    unique even where ids slug alike). ``texts``: doc_id -> (text, title). Returns the
    files written."""
    colours = speaker_colours(table)
    doc_files = unique_slugs(list(texts))
    written = set()
    by_doc: dict[str, list[Quote]] = {d: [] for d in texts}
    for q in quotes:
        by_doc.setdefault(q.doc_id, []).append(q)
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    documents = []
    for doc_id, (text, title) in texts.items():
        page = article_page(doc_id, text, by_doc.get(doc_id, []), colours, title)
        target = out_dir / "articles" / f"{doc_files[doc_id]}.html"
        target.write_text(page, encoding="utf-8")
        written.add(target)
        documents.append((doc_id, title or doc_id, len(by_doc.get(doc_id, []))))
    index = index_page(table, documents, colours, speaker_files, doc_files)
    (out_dir / "index.html").write_text(index, encoding="utf-8")
    written.add(out_dir / "index.html")
    return written
