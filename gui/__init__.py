"""The desktop app (PySide6). Holds no domain logic: everything comes from ``engine``."""
