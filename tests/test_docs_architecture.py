"""docs/architecture.md stays true: every file and folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
FILE = re.compile(r"[\w*]+(?:/[\w*.]+)*\.(?:py|js|md|toml|html)|[\w]+/")


def named_in_tree() -> list[Path]:
    """The paths of the layout block: a folder line, then its files on the following lines."""
    block = DOC.read_text("utf-8").split("```")[1]
    paths: list[Path] = []
    folder = ROOT / "importer"
    for line in block.splitlines()[1:]:
        head = re.match(r"^  (\w+)/", line)
        if head:
            folder = ROOT / "importer" / head.group(1)
            paths.append(folder)
        elif re.match(r"^  \w", line):  # a file of importer/ itself
            folder = ROOT / "importer"
        names = re.sub(r"\([^)]*\)", "", line)  # "(…)" notes name things, not files
        paths += [
            folder / name for name in re.findall(r"\b[\w*]+(?:/[\w*.]+)*\.(?:py|js)\b", names)
        ]
    return paths


def named_in_text() -> list[Path]:
    """Backticked paths of the text, relative to the project or to importer/."""
    found = []
    for token in re.findall(r"`([^`\s]+)`", DOC.read_text("utf-8").split("```", 2)[2]):
        token = token.split("(")[0].rstrip(",.")
        if re.fullmatch(r"[\w/*.-]+\.(py|js|md)", token) or re.fullmatch(r"[\w-]+/[\w/-]*", token):
            found.append(token)
    return [resolve(t) for t in found]


def resolve(token: str) -> Path:
    """A path as written: from the project, from importer/, or a file of one of its folders."""
    for base in (ROOT, ROOT / "importer"):
        if exists(base / token):
            return base / token
    inside = sorted((ROOT / "importer").glob(f"**/{token}"))
    return inside[0] if inside else ROOT / token


def exists(path: Path) -> bool:
    return any(path.parent.glob(path.name)) if "*" in path.name else path.exists()


def test_every_path_the_architecture_names_exists() -> None:
    named = named_in_tree() + named_in_text()
    assert len(named) > 30
    missing = sorted(str(p.relative_to(ROOT)) for p in named if not exists(p))
    assert missing == []
