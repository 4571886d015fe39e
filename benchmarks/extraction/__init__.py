"""Site chrome on real pages: the article-extraction benchmark (issue 9).

`python -m benchmarks.extraction run` reads the 181 pages of
`../shared/data/article-extraction-benchmark/` in place (research use only: nothing of it
is copied into the repository), and for each page scores, against the gold article body,
what unspin's ingest extracts (trafilatura, before boilerplate marking) and the story text
unspin keeps (that text minus the lines the boilerplate stage marks), with the benchmark's
own word 4-shingle precision / recall / F1. It counts the marked lines per kind, with the
share of them that are not in the gold body, and scans the pages with `unspin.api.scan`
to count the pairs it reports and those that rest on chrome.
"""
