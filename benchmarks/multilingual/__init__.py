"""Synthetic reuse in eight languages from real news articles (issue 9).

``python -m benchmarks.multilingual run`` reads ``../shared/data/multilingual-news`` in place
(research use only: nothing of it is copied into the repository), builds per language a
corpus of copies, cuts, paragraph reorders and lightly edited copies of some articles among
unrelated ones, runs `unspin.api.scan` on it and scores the reported pairs.
"""
