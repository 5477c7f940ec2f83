"""`amt24-import oberflaeche`: serves on 127.0.0.1, prints the address with the secret, stops on
Ctrl+C and removes its private folder; a port in use is a German error (exit 2)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ADDRESS = re.compile(r"(http://127\.0\.0\.1:(\d+)/\?zugang=[\w-]+)")


def start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path), "COLUMNS": "300"}
    command = [sys.executable, "-m", "importer", "oberflaeche", "--kein-browser", *args]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_serves_the_page_and_ctrl_c_removes_the_private_folder(tmp_path: Path) -> None:
    process = start(tmp_path)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = ADDRESS.search(line)
        assert match, line
        [folder] = tmp_path.glob("amt24-oberflaeche-*")
        assert folder.stat().st_mode & 0o077 == 0

        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(match.group(1)) as answer:
            assert answer.url == f"http://127.0.0.1:{match.group(2)}/"
            assert "Arbeitsmappe wählen" in answer.read().decode()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Beendet. Hochgeladene Dateien wurden gelöscht." in out
    assert list(tmp_path.glob("amt24-oberflaeche-*")) == []


def test_a_port_in_use_is_refused_in_german(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        process = start(tmp_path, "--port", str(busy.getsockname()[1]))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "lässt sich nicht öffnen" in err
    assert list(tmp_path.glob("amt24-oberflaeche-*")) == []
