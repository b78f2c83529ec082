"""CPR Desk desktop GUI (PySide6) on top of the Qt-free core."""
