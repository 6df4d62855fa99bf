"""Renderers: one module per output format. They consume model objects only, never the plan file."""
