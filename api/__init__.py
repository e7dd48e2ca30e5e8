"""HTTP layer: translates requests into calls of ``assistant`` and back."""
