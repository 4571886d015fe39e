"""unspin: find where a news article really came from."""

__version__ = "0.1.0"
