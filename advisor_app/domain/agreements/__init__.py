"""Agreements: the clause library (resources/agreements/), assembly of a document in one language,
its checks, amounts in words, and comparison of versions. Pure Python: no Qt, no SQL."""
