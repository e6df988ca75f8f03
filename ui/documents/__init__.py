"""Document preview, printing and batch generation in the desktop app."""
