"""File → Import from a spreadsheet…: the dialog that maps a file's columns, previews its rows and imports them."""

from advisor_app.ui.table_import.dialog import TableImportDialog

__all__ = ["TableImportDialog"]
