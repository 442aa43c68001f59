"""The Sync and Conflicts tabs, and the export and import dialogs."""
