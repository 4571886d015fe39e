"""`unspin trace --html OUT`: the web page's trace view as one self-contained file.

The page's own stylesheet and script (`unspin/web/static`) are inlined, and the trace is
embedded as JSON, so the file shows exactly what `unspin serve` shows for the article,
offline, with nothing to load. Needs no web extra.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from unspin import __version__
from unspin.model import Document, Trace
from unspin.report.embed import asset, script_json
from unspin.report.jsonl import trace_record


def render_trace_html(trace: Trace, documents: Mapping[str, Document]) -> str:
    record = trace_record(trace, documents)
    texts = {s.id: documents[s.id].text for s in trace.sources if s.id in documents}
    data = script_json({"trace": record, "source_texts": texts})
    title = record["article"]["title"] or record["article"]["id"]
    css = asset("app.css")
    js = asset("graph.js") + asset("app.js")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="unspin {__version__}">\n'
        f"<title>unspin trace of {html.escape(title)}</title>\n<style>\n{css}</style>\n</head>\n"
        '<body>\n<header class="top"><span class="brand">unspin</span>'
        '<span class="muted">trace of one article</span></header>\n'
        '<main id="view"></main>\n'
        f'<script type="application/json" id="unspin-trace">{data}</script>\n'
        f"<script>\n{js}</script>\n</body>\n</html>\n"
    )
