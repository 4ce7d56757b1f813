"""Builders of the second held-out footnote-parsing set (see ../README.md)."""
