"""Pure rules of the registry: what the records are and when a value is acceptable. No Qt, no SQL."""
