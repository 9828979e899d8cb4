"""Helpers that only tests use: key-frame capture and the layout check."""
