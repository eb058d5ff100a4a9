"""The embedded CJK font (WenQuanYi Micro Hei) registered with reportlab for every form."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app import paths
from desktop_app.core.errors import ExportDeskError

FONT_FILE = "wqy-microhei.ttc"
FONT_NAME = "WQYMicroHei"
SUBFONT_INDEX = 0  # the collection's proportional face; 1 is WenQuanYi Micro Hei Mono

_lock = threading.Lock()


class FontMissing(ExportDeskError):
    """The font file that travels with the program is not where it should be."""

    code = "font_missing"


def font_path() -> Path:
    return paths.resource("fonts", FONT_FILE)


def register() -> str:
    """Register the font with reportlab once per process and return its name.

    reportlab embeds TrueType fonts as subsets (only the glyphs a document uses), so a PDF
    needs no font on the printing PC; the built-in CID fonts (STSong-Light) would not be
    embedded and print as boxes on a Windows PC without Chinese fonts.
    """
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            path = font_path()
            if not path.is_file():
                raise FontMissing(f"the form font is missing: {path}")
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=SUBFONT_INDEX))
    return FONT_NAME


@lru_cache(maxsize=1)
def char_widths() -> tuple[dict[int, float], float]:
    """Glyph advance widths per code point (1/1000 em) and the width of a missing glyph."""
    font = pdfmetrics.getFont(register())
    face = font.face  # type: ignore[attr-defined]
    return face.charWidths, float(face.defaultWidth)


@lru_cache(maxsize=8192)
def string_width(text: str, size: float) -> float:
    """The width of `text` in points at `size` in the form font (cached: labels, country and
    unit names repeat on every page of a batch)."""
    return pdfmetrics.stringWidth(text, register(), size)
