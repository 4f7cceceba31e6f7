"""``/programs-deadlines.ics``: every open program's application deadline."""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event


def N_(message):
    return message


CALENDAR_NAME = N_("Application deadlines")
EVENT_SUMMARY = N_("Application deadline: %(title)s")


def deadlines_calendar(programs, catalogs, public_url, now):
    """An iCalendar with one all-day event per open program's deadline.

    ``catalogs`` is ``{lang: Translations}``: calendar apps show one
    language, so names and summaries carry every language, joined by " / ".
    """
    langs = list(catalogs)

    def both(message, title=None):
        return " / ".join(
            catalogs[lang].ugettext(message) % ({"title": title[lang]} if title else {})
            for lang in langs
        )

    calendar = Calendar()
    calendar.add("prodid", "-//International Office site//Program deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", both(CALENDAR_NAME))
    host = urlsplit(public_url("")).hostname or "localhost"
    for program in programs:
        if program.state != "open" or program.deadline is None:
            continue
        titles = {lang: program.localized("title", lang) for lang in langs}
        event = Event()
        event.add("uid", f"program-{program.id}-deadline@{host}")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("dtstart", program.deadline)
        event.add("dtend", program.deadline + timedelta(days=1))
        event.add("summary", both(EVENT_SUMMARY, titles))
        event.add("description", "\n\n".join(program.localized("summary", lang) for lang in langs))
        event.add("url", public_url(program.url(langs[0])))
        calendar.add_component(event)
    return calendar.to_ical()
