"""Login credentials: from the environment or given by the CLI's prompt, never shown."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

USER_VARIABLE = "AMT24_BENUTZER"
PASSWORD_VARIABLE = "AMT24_PASSWORT"


@dataclass(frozen=True)
class Credentials:
    """A user name and password; the password stays out of `repr` and logs."""

    user: str
    password: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password='***')"

    __str__ = __repr__


def credentials_from_env(environ: dict[str, str] | None = None) -> Credentials | None:
    """Credentials from AMT24_BENUTZER / AMT24_PASSWORT; None unless both are set."""
    env = os.environ if environ is None else environ
    user, password = env.get(USER_VARIABLE, ""), env.get(PASSWORD_VARIABLE, "")
    if not user or not password:
        return None
    return Credentials(user, password)
