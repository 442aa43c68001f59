"""What every feature of the window uses (see docs/ARCHITECTURE.md): background work with progress and Cancel."""
