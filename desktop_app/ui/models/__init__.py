"""Qt item models: thin adapters over the core's row DTOs (lazy for the big tables)."""
