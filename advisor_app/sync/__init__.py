"""Bundles: one file that carries change-log entries (and attachments) between laptops.

``export`` writes them, ``reader`` opens and verifies them, ``merge`` applies them field by field,
``importer`` runs preview and apply, ``keys`` signs, ``crypto`` encrypts with a passphrase.
"""
