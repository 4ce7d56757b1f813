"""Ibid's ui layer."""
