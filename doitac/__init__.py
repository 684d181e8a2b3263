"""Command-line entry point and the composition root that wires every component."""
