"""Cross-document linking: canonical entities, geocoded places, merged facts, sources, contradictions."""
