"""Simple made-up logos for the examples (shapes and initials, no real coats of arms).

Six valid ones (five PNG, one JPEG) and two for the mistakes workbook: a banner wider than the
AdminCenter's 2000-pixel limit and a GIF that carries the extension .png.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# file name → (initials, colour, shape, size)
LOGOS: dict[str, tuple[str, str, str, tuple[int, int]]] = {
    "coswig.jpg": ("CO", "#7A1F2B", "circle", (240, 240)),
    "grossenhain.png": ("GH", "#1F6E43", "shield", (200, 240)),
    "klipphausen.png": ("KL", "#2E5EAA", "circle", (200, 200)),
    "meissen.png": ("MEI", "#1F4E78", "shield", (240, 280)),
    "radebeul.png": ("RB", "#8A5A00", "square", (256, 256)),
    "riesa.png": ("RI", "#00617A", "shield", (220, 260)),
}
BANNER = "klipphausen-banner.png"  # 2400 × 60 pixels
FAKE_PNG = "moritzburg-wappen.png"  # GIF data


def draw_logos(folder: Path) -> list[Path]:
    """Write every logo into `folder` (created if needed) and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (initials, colour, shape, size) in LOGOS.items():
        image = _emblem(initials, colour, shape, size)
        path = folder / name
        if path.suffix == ".jpg":
            image.save(path, "JPEG", quality=85)
        else:
            image.save(path, "PNG", optimize=True)
        written.append(path)
    banner = Image.new("RGB", (2400, 60), "#2E5EAA")
    banner.save(folder / BANNER, "PNG", optimize=True)
    _emblem("MO", "#5B2C6F", "circle", (120, 120)).save(folder / FAKE_PNG, "GIF")
    return [*written, folder / BANNER, folder / FAKE_PNG]


def _emblem(initials: str, colour: str, shape: str, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    box = (8, 8, width - 8, height - 8)
    if shape == "circle":
        draw.ellipse(box, fill=colour, outline="#202020", width=4)
    elif shape == "shield":
        middle = width // 2
        outline = [
            (8, 8),
            (width - 8, 8),
            (width - 8, height * 3 // 5),
            (middle, height - 8),
            (8, height * 3 // 5),
        ]
        draw.polygon(outline, fill=colour, outline="#202020", width=4)
    else:
        draw.rounded_rectangle(box, radius=24, fill=colour, outline="#202020", width=4)
    font = ImageFont.load_default(size=min(width, height) // (2 + len(initials) // 3))
    draw.text((width // 2, height * 9 // 20), initials, fill="white", font=font, anchor="mm")
    return image
