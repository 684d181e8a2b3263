"""Application services over the event store: commands, queries, history, settings."""
