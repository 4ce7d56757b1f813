"""Gold footnotes for real CRS report PDFs, built from the congress.gov text of the same
versions (held-out sets 3 and 4). Written by the helpers who built those sets, without reading
Ibid's parser; each set's `make_gold.py` lists its documents and calls `build.main`."""
