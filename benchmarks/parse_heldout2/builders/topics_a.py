"""Topic banks: Arctic fisheries, Central Asian water, Brazil's energy, AI compute.

The banks are data, kept in topics_a.json next to this module; gov entries are
(agency, title, URL pattern, document number or None), data entries (portal,
dataset, URL pattern).
"""
from .util import load_banks

_BANKS = load_banks(__file__, tuple_lists=("gov", "data"))
ARCTIC, WATER, BRAZIL, AI = (_BANKS[k] for k in ("ARCTIC", "WATER", "BRAZIL", "AI"))
