"""What a sandbox is started with: generation, Mandanten, bestand, users, timings, faults."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importer.errors import UsageError
from importer.sandbox.faults import FaultProfile, resolve_profile

DEFAULT_MANDANTEN = ("Gemeinde Klipphausen", "Stadt Coswig", "Gemeinde Käbschütztal")
# The two generations of the real AdminCenter's pages (ADMINCENTER.md): "neu" is in use today.
OBERFLAECHEN = ("neu", "klassisch")
# The login: name and password on one page, or the name first and the password on a second.
ANMELDUNGEN = ("einstufig", "zweistufig")


@dataclass(frozen=True)
class SandboxUser:
    """A login of the sandbox. `mandanten` None means every Mandant."""

    name: str
    password: str
    mandanten: tuple[str, ...] | None = None

    def may_manage(self, mandant: str) -> bool:
        return self.mandanten is None or mandant in self.mandanten


@dataclass
class SandboxConfig:
    """Everything `create_app` needs. Defaults give a quiet, fast sandbox with demo users."""

    db_path: Path | None = None  # None: a temporary file removed when the app is closed
    mandanten: list[str] = field(default_factory=lambda: list(DEFAULT_MANDANTEN))
    users: list[SandboxUser] | None = None  # None: admin/admin (all), gemeinde/gemeinde (first)
    port: int = 0  # 0: a free port (start_sandbox)
    latency_ms: int = 0
    jitter_ms: int = 0
    publish_delay: float = 1.0
    session_timeout: float = 1800.0
    faults: str | FaultProfile = "none"
    seed: int = 0
    label_overrides: dict[str, str] = field(default_factory=dict)
    oberflaeche: str = "neu"  # one of OBERFLAECHEN
    anmeldung: str = "einstufig"  # one of ANMELDUNGEN
    seitengroesse: int = 10  # rows per page of the units table (generation "neu")
    # Data that exists before the first request: a JSON or TOML file, or its parsed content.
    bestand: Path | Mapping[str, Any] | None = None

    def effective_users(self) -> list[SandboxUser]:
        if self.users is not None:
            return list(self.users)
        first = tuple(self.mandanten[:1])
        return [SandboxUser("admin", "admin"), SandboxUser("gemeinde", "gemeinde", first)]

    def fault_profile(self) -> FaultProfile:
        return resolve_profile(self.faults)

    def check(self, known_mandanten: list[str]) -> None:
        """Raise `UsageError` for a configuration the sandbox cannot serve.

        `known_mandanten`: the configured Mandanten and those the bestand adds.
        """
        if not self.mandanten:
            raise UsageError("Die Sandbox braucht mindestens einen Mandanten.")
        if len(set(self.mandanten)) != len(self.mandanten):
            raise UsageError("Ein Mandant ist in der Sandbox doppelt angegeben.")
        for user in self.effective_users():
            for mandant in user.mandanten or ():
                if mandant not in known_mandanten:
                    raise UsageError(
                        f"Benutzer „{user.name}“: den Mandanten „{mandant}“ gibt es in der "
                        "Sandbox nicht."
                    )
        self.fault_profile()
        _check_choice("die Oberfläche", self.oberflaeche, OBERFLAECHEN)
        _check_choice("die Anmeldung", self.anmeldung, ANMELDUNGEN)
        if self.seitengroesse < 1:
            raise UsageError("Die Seitengröße der Sandbox muss mindestens 1 sein.")


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise UsageError(
            f"Die Sandbox kennt {what} „{value}“ nicht (möglich: {', '.join(choices)})."
        )


def load_users(path: Path) -> list[SandboxUser]:
    """Read users from a TOML file: `[[benutzer]]` tables with name, passwort, mandanten.

    A user without `mandanten` may manage every Mandant.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"Die Benutzerdatei {path} gibt es nicht.") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"Die Benutzerdatei {path} ist nicht lesbar: {error}") from None
    entries = document.get("benutzer")
    if not isinstance(entries, list) or not entries:
        raise UsageError(f"Die Benutzerdatei {path} enthält keine [[benutzer]]-Einträge.")
    return [_user_from_toml(path, entry) for entry in entries]


def _user_from_toml(path: Path, entry: object) -> SandboxUser:
    if not isinstance(entry, dict):
        raise UsageError(f"Die Benutzerdatei {path} enthält einen ungültigen Eintrag.")
    name, password = entry.get("name"), entry.get("passwort")
    if not isinstance(name, str) or not name or not isinstance(password, str) or not password:
        raise UsageError(f"Die Benutzerdatei {path}: jeder Benutzer braucht name und passwort.")
    mandanten = entry.get("mandanten")
    if mandanten is None:
        return SandboxUser(name, password)
    if not isinstance(mandanten, list) or not all(isinstance(m, str) for m in mandanten):
        raise UsageError(f"Die Benutzerdatei {path}: mandanten von „{name}“ ist keine Liste.")
    return SandboxUser(name, password, tuple(mandanten))
