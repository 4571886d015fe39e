"""The speed benchmark: unspin's engine against the MinHash pipeline at growing corpus sizes."""
