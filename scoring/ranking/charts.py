"""Server-side SVG charts (no JavaScript, no inline style): they render the same on the page and inside PDFs.

Every text is escaped by ``format_html``; the result is a standalone, well-formed SVG document fragment.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 32, 48
BAR_FILL = "#2f6fb0"
AXIS = "#555555"
FONT = "DejaVu Sans, Arial, sans-serif"


def _frame(title: str, body: SafeString, *, height: int = HEIGHT) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{t}" font-family="{f}" font-size="12"><title>{t}</title>'
        '<text x="{x}" y="18" font-size="14" font-weight="bold">{t}</text>{b}</svg>',
        w=WIDTH,
        h=height,
        t=title,
        f=FONT,
        x=LEFT,
        b=body,
    )


def column_chart(title: str, bars: Sequence[tuple[str, int]], *, empty_text: str = "") -> SafeString:
    """Vertical bars (label, count), e.g. the distribution of totals in bands of points."""
    if not bars or max(count for _label, count in bars) == 0:
        body = format_html('<text x="{}" y="{}">{}</text>', LEFT, HEIGHT // 2, empty_text)
        return _frame(title, body)
    top = max(count for _label, count in bars)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    rows = []
    for index, (label, count) in enumerate(bars):
        bar_h = round(plot_h * count / top, 1)
        x = round(LEFT + index * slot + slot * 0.1, 1)
        rows.append((x, round(TOP + plot_h - bar_h, 1), round(slot * 0.8, 1), bar_h, label, count, x + slot * 0.4))
    body = format_html(
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{a}"/>{bars}',
        l=LEFT,
        r=WIDTH - RIGHT,
        b=TOP + plot_h,
        a=AXIS,
        bars=format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="' + BAR_FILL + '"><title>{}: {}</title></rect>'
            '<text x="{}" y="' + str(HEIGHT - BOTTOM + 16) + '" text-anchor="middle" font-size="10">{}</text>',
            ((x, y, w, h, label, count, round(cx, 1), label) for x, y, w, h, label, count, cx in rows),
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>',
        ((round(r[6], 1), max(r[1] - 4, TOP - 2), r[5]) for r in rows),
    )
    return _frame(title, format_html("{}{}", body, labels))


def bar_chart(title: str, bars: Sequence[tuple[str, int]], *, empty_text: str = "") -> SafeString:
    """Horizontal bars (label, count), e.g. how many participants reached each tier."""
    row_h = 28
    height = TOP + max(len(bars), 1) * row_h + 16
    if not bars:
        return _frame(title, format_html('<text x="{}" y="{}">{}</text>', LEFT, TOP + 20, empty_text), height=height)
    top = max(count for _label, count in bars) or 1
    label_w, plot_w = 160, WIDTH - 160 - RIGHT - 48
    rows = []
    for index, (label, count) in enumerate(bars):
        y = TOP + index * row_h
        bar_w = round(plot_w * count / top, 1)
        rows.append((y + 18, label, label_w, y + 4, bar_w, label_w + bar_w + 6, y + 18, count))
    body = format_html_join(
        "",
        '<text x="8" y="{}">{}</text><rect x="{}" y="{}" width="{}" height="20" fill="' + BAR_FILL + '"/>'
        '<text x="{}" y="{}">{}</text>',
        rows,
    )
    return _frame(title, body, height=height)
