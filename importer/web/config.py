"""What the web app is started with: its private folder, the access secret, the port."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass
class WebConfig:
    """`folder`: the private work folder (mode 0700) for uploads, removed on exit.

    `secret` is in the address the browser opens; `port` is the one the server listens on
    (requests must name it in `Host`). `headless`: the browsers of check, plan and run stay
    invisible.
    """

    folder: Path
    port: int = 0
    secret: str = field(default_factory=new_secret, repr=False)
    csrf_token: str = field(default_factory=new_secret, repr=False)
    max_upload: int = MAX_UPLOAD_BYTES
    headless: bool = True

    @property
    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
