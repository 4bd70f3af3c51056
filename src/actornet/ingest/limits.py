"""The size limit on one report: a file (or a PDF's text) above it is skipped."""

from __future__ import annotations

import re

__all__ = ["DEFAULT_MAX_BYTES", "format_size", "parse_size"]

DEFAULT_MAX_BYTES = 50 * 1000 * 1000  # 50 MB of text
_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}
_UNITS |= {"KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")


def parse_size(text: str) -> int:
    """Bytes in '50MB', '1.5 GB', '200k', '10MiB' or '4096'; ValueError when unreadable."""
    m = _SIZE.match(text)
    unit = m.group(2).upper() if m else ""
    if not m or unit not in _UNITS:
        raise ValueError(f"not a size: {text!r} (examples: 50MB, 200KB, 1GB, 4096)")
    size = int(float(m.group(1)) * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"size must be positive: {text!r}")
    return size


def format_size(size: int) -> str:
    """'52.4 MB', '800 KB', '12 bytes'."""
    if size >= 10**6:
        return f"{size / 10**6:.1f} MB"
    if size >= 10**3:
        return f"{size / 10**3:.0f} KB"
    return f"{size} bytes"
