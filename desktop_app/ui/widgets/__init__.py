"""Reusable widgets shared by screens and dialogs."""
