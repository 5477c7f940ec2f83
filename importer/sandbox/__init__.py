"""The sandbox AdminCenter: a test double of the Amt24 AdminCenter (see docs/sandbox.md).

Only `cli/sandbox_commands.py`, `runner/demo.py` and the tests import it.
"""

from importer.sandbox.app import close_app, create_app
from importer.sandbox.config import SandboxConfig, SandboxUser, load_users
from importer.sandbox.faults import PROFILES, FaultProfile
from importer.sandbox.server import PortInUse, RunningSandbox, start_sandbox

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
