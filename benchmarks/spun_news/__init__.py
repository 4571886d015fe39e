"""A labelled spun-news benchmark built from real BBC articles (issue #3).

``python -m benchmarks.spun_news run`` generates the corpus, runs the baselines and unspin on
it and prints one table; see ``benchmarks/README.md`` ("spun_news") for labels and scoring.
"""
