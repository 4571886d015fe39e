"""Reports: JSON Lines, HTML, terminal."""
