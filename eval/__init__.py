"""Ibid's eval layer."""
