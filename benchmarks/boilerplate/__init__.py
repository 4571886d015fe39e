"""Boilerplate marking on wrapped news with held-out template wordings (issue 13)."""
