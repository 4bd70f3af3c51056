"""Print a plain-text report to PDF the way publishers do: wrapped prose, hyphenated words,
a running header and page numbers (test and benchmark helper, uses fpdf2)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF

__all__ = ["print_to_pdf", "wrap"]

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
WIDTH = 90  # characters per line
_MIN_PART = 3  # a hyphenated word keeps at least this many letters on each line


def _hyphenate(word: str, room: int) -> tuple[str, str] | None:
    """Split a long lower-case word so that `head-` fits in `room` characters."""
    if len(word) < 2 * _MIN_PART + 2 or not word.isalpha() or not word.islower():
        return None
    cut = min(room - 1, len(word) - _MIN_PART)
    if cut < _MIN_PART:
        return None
    return word[:cut] + "-", word[cut:]


def wrap(paragraph: str, width: int = WIDTH) -> list[str]:
    """Greedy wrapping at `width` characters; long words are hyphenated at line ends.

    Leading spaces (an indented bullet) stay on the first line.
    """
    indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
    lines: list[str] = []
    line = indent
    for word in paragraph.split():
        gap = "" if line.strip() == "" else " "
        if len(line) + len(gap) + len(word) <= width:
            line += gap + word
            continue
        split = _hyphenate(word, width - len(line) - len(gap))
        if split:
            lines.append(line + gap + split[0])
            line = split[1]
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


class _Report(FPDF):
    running_header = ""

    def header(self) -> None:
        self.set_font("body", size=8)
        self.cell(w=0, h=6, text=self.running_header, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font("body", size=10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("body", size=8)
        self.cell(w=0, h=6, text=f"Page {self.page_no()}", align="C")
        self.set_font("body", size=10)


def print_to_pdf(text: str, header: str = "Spotlight on Iran | ITIC", align: str = "") -> bytes:
    """The PDF of a plain-text report: one paragraph per line, blank lines as space.

    By default lines are wrapped at WIDTH characters with hyphenation; with `align` "L"
    (ragged) or "J" (justified) fpdf2 wraps by printed width instead, as typesetters do.
    """
    pdf = _Report()
    pdf.running_header = header
    pdf.add_font("body", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("body", size=10)
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            pdf.ln(5)
        elif align:
            text_ = paragraph.rstrip()
            pdf.multi_cell(w=0, h=5, text=text_, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            for line in wrap(paragraph.rstrip()):
                pdf.cell(h=5, text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
