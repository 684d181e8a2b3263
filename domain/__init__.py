"""Pure domain model of customs–business partnerships: aggregates, events, rules."""
