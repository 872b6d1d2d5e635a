"""iCalendar (RFC 5545) text for a list of calendar events: escaped values, lines folded at 75 octets, CRLF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from emulation.calendar.events import CalendarEvent

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current = [], ""
    for char in line:
        limit = 75 if not pieces else 74  # continuation lines start with a space
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent, *, host: str, stamp: datetime, base_url: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}@{host}", f"DTSTAMP:{_utc(stamp)}"]
    if isinstance(event.start, datetime):
        lines += [f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(event.start + timedelta(hours=2))}"]
    else:
        end = event.last_day + timedelta(days=1)  # DTEND of an all-day event is exclusive
        lines += [f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
    lines.append(f"SUMMARY:{_escape(event.title)}")
    lines.append(f"CATEGORIES:{event.kind.upper()}")
    if event.location:
        lines.append(f"LOCATION:{_escape(event.location)}")
    if event.url:
        lines.append(f"URL:{base_url}{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar_ics(events: list[CalendarEvent], *, name: str, host: str, base_url: str, stamp: datetime) -> str:
    """The VCALENDAR text of ``events`` (timed events in UTC; all-day events as dates)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//thi dua//calendar//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        lines += _event_lines(event, host=host, stamp=stamp, base_url=base_url)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
