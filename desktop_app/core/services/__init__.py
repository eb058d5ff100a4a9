"""Use cases: plain functions over an explicit Session; the caller owns the transaction."""
