"""SQLite persistence: schema and migrations, the logged write path, listings, backups and demo data."""
