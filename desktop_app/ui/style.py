"""The look: CJK-friendly fonts for the whole app and a small stylesheet for the window chrome."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# Clear Chinese UI fonts per platform, first found wins; Latin text renders well in all of them.
UI_FONTS = [
    "Microsoft YaHei UI",  # Windows
    "Microsoft YaHei",
    "PingFang SC",  # macOS
    "Noto Sans CJK SC",  # Linux
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]
UI_POINT_SIZE = 10  # 9 pt (the Windows default) is small for Chinese characters

WINDOW_STYLE = """
QFrame#sidebar { background: #f3f5f8; border-right: 1px solid #dde1e6; }
QLabel#brand { font-size: 16px; font-weight: bold; color: #1f2d3d; }
QLabel#brandSub { color: #6b7785; }
QListWidget#nav { background: transparent; border: none; outline: 0; font-size: 14px; }
QListWidget#nav::item { height: 38px; padding-left: 10px; margin: 2px 8px; border-radius: 6px;
                        color: #2d3a4a; }
QListWidget#nav::item:hover:!selected { background: #e6eaf0; }
QListWidget#nav::item:selected { background: #dbe7fb; color: #174ea6; }
QLabel#pageTitle { font-size: 20px; font-weight: bold; color: #1f2d3d; }
QLabel#pageSubtitle, QLabel#hint { color: #5f6b7a; }
QGroupBox { background: #ffffff; border: 1px solid #dfe3e8; border-radius: 8px;
            margin-top: 24px; padding: 10px 12px 12px 12px; font-weight: bold; color: #1f2d3d; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 2px;
                   padding: 0 0 6px 0; }
QGroupBox * { font-weight: normal; }
"""


def apply_app_font(app: QApplication) -> None:
    font = QFont(app.font())
    font.setFamilies([*UI_FONTS, app.font().family()])
    font.setPointSize(max(font.pointSize(), UI_POINT_SIZE))
    app.setFont(font)
