"""Ibid's rag layer."""
