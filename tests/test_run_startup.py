"""CLI start-up stays fast: importing the command line loads no heavy library.

Selenium, pandas, pandera, openpyxl, Flask and Rich's progress bars are imported by the commands
that need them when they run (`amt24-import --help` took ~1 s CPU before, ~0.2 s after).
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "selenium",
    "pandas",
    "pandera",
    "numpy",
    "openpyxl",
    "python_calamine",
    "flask",
    "waitress",
    "PIL",
    "loguru",
    "rich.progress",
)


def loaded_after(statement: str) -> list[str]:
    """Which of HEAVY a fresh interpreter has loaded after running `statement`."""
    probe = f"import sys\n{statement}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.split()


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert loaded_after("import importer.cli") == []


def test_the_help_pages_load_no_heavy_library() -> None:
    statement = (
        "from typer.testing import CliRunner\n"
        "from importer.cli import app\n"
        "for args in (['--help'], ['run', '--help'], ['sandbox', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0"
    )
    assert loaded_after(statement) == []


def test_the_sandbox_package_loads_flask_only_when_used() -> None:
    assert loaded_after("from importer.sandbox.config import SandboxConfig") == []
    served = set(loaded_after("from importer.sandbox import start_sandbox"))
    assert {"flask", "waitress"} <= served
    assert not served & {"selenium", "pandas", "pandera"}
