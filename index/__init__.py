"""Ibid's index layer: parsing, chunking, embedding, Chroma and keyword stores, sync."""
