"""Possible duplicates: find, compare, merge or dismiss (store/duplicates.py, store/merging.py)."""
