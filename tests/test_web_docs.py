"""docs/oberflaeche.md shows every page with a screenshot; the README starts with the web page."""

from __future__ import annotations

import re
from pathlib import Path

from importer.web.app import STEPS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "oberflaeche.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_page_has_a_section_with_a_screenshot_that_exists() -> None:
    sections = re.split(r"^## ", DOC, flags=re.M)
    for number, (_endpoint, title) in enumerate(STEPS, start=1):
        [section] = [s for s in sections if s.startswith(f"{number}. {title}")]
        images = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", section)
        assert images, title
        assert all((ROOT / "docs" / image).is_file() for image in images), images


def test_the_readme_first_shows_how_to_start_the_web_page() -> None:
    first = README.split("\n## ")[1]
    assert first.startswith("Im Browser bedienen") and "amt24-import oberflaeche" in first
    assert README.index("amt24-import oberflaeche") < README.index("amt24-import template")
    assert "make demo" in README and "make test" in README
