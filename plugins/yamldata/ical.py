"""iCalendar files, written with the ``icalendar`` library."""

import os
import re
from urllib.parse import urlsplit

from icalendar import Calendar

from writing import owns, record_written


def new_calendar(name, product):
    """An empty calendar that calendar apps can subscribe to."""
    calendar = Calendar()
    calendar.add("prodid", f"-//International Office site//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def joined(texts):
    """One line for every language: the distinct texts, joined by " / "."""
    return " / ".join(dict.fromkeys(text for text in texts if text))


def uid_host(public_url):
    """The host part of stable event UIDs: the public site's host name."""
    return urlsplit(public_url).hostname or "localhost"


def with_events(calendar, events):
    """The text of ``calendar`` with ``events`` in it, each an event's own
    ``to_ical()``: what ``calendar.to_ical()`` gives once they are added,
    but an event that several calendars hold is written out once."""
    end = b"END:VCALENDAR\r\n"
    return calendar.to_ical().removesuffix(end) + b"".join(events) + end


# An event's DTSTAMP line: the build's time (lines of 75 octets at most, never folded).
_STAMP = re.compile(rb"^DTSTAMP:[0-9TZ]+\r\n", re.MULTILINE)


def write_calendar(writer, name, make_calendar):
    """Write ``make_calendar()``, a calendar's text, as ``name``, if this
    writing process writes it, and unless the file holds the same but for
    its events' stamps.

    Every build stamps the events it makes with its time (DTSTAMP). Where
    nothing else changed, the file is kept, stamped by the build that last
    changed it: RFC 5545's meaning of the stamp of a published calendar
    (when the event was last revised), and only what a change touches is
    rewritten.
    """
    if not owns(writer, name):
        return
    text = make_calendar()
    path = os.path.join(writer.output_path, name)
    if not _same_but_stamps(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(text)
    record_written(writer, path)


def _same_but_stamps(path, text):
    try:
        with open(path, "rb") as kept:
            return _STAMP.sub(b"", kept.read()) == _STAMP.sub(b"", text)
    except OSError:
        return False
