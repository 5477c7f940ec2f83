"""Shared fixtures come from plugin modules, one per area, so areas don't edit one file."""

pytest_plugins = ["fixtures_sandbox", "fixtures_browser"]
