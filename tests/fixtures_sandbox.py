"""Sandbox fixtures (filled by the sandbox area)."""
