"""The sandbox AdminCenter: a test double of the Amt24 AdminCenter (see docs/sandbox.md).

Only `cli/sandbox_commands.py`, `runner/demo.py` and the tests import it. The names below are
loaded on first use, so that the CLI can read the configuration's defaults and the fault
profiles for its help text without loading Flask.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importer.sandbox.app import close_app, create_app
    from importer.sandbox.config import SandboxConfig, SandboxUser, load_users
    from importer.sandbox.faults import PROFILES, FaultProfile
    from importer.sandbox.server import PortInUse, RunningSandbox, start_sandbox

_HOMES = {
    "close_app": "app",
    "create_app": "app",
    "SandboxConfig": "config",
    "SandboxUser": "config",
    "load_users": "config",
    "PROFILES": "faults",
    "FaultProfile": "faults",
    "PortInUse": "server",
    "RunningSandbox": "server",
    "start_sandbox": "server",
}

__all__ = [
    "PROFILES",
    "FaultProfile",
    "PortInUse",
    "RunningSandbox",
    "SandboxConfig",
    "SandboxUser",
    "close_app",
    "create_app",
    "load_users",
    "start_sandbox",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"importer.sandbox.{home}"), name)
