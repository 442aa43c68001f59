"""Organizations, people and memberships: their lists and record windows."""
