"""Site scores on the spun-news corpus: do content farms rank above the sites that write?"""
