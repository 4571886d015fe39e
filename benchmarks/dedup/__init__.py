"""`unspin dedup` on the labelled spun-news corpus: copies removed, originals kept."""
