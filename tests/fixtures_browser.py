"""Browser fixtures (filled by the admincenter area)."""
