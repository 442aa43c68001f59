"""Workshops, advisory sessions and the competency map."""
