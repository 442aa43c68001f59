"""The top floor: application start, the main window that builds the tabs, the welcome, screenshots."""
