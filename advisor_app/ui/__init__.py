"""PySide6 screens. Widgets render domain rules and write through the store; they hold no SQL."""
