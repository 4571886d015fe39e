"""PAN 2013 text alignment (issue 9): unspin and a word 5-gram baseline scored with PAN's
PlagDet on the training corpus, read in place from ``../shared/data``."""
