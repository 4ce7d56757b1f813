"""Topic banks: war-risk insurance, Black Sea grain, Pacific policing, CBAM and India, shadow fleet.

The banks are data, kept in topics_b.json next to this module; gov and data
entries are tuples, as in topics_a.py.
"""
from .util import load_banks

_BANKS = load_banks(__file__, tuple_lists=("gov", "data"))
INSURANCE, GRAIN, PACIFIC, CBAM, SHADOW = (_BANKS[k] for k in ("INSURANCE", "GRAIN", "PACIFIC", "CBAM", "SHADOW"))
