"""``/programs-deadlines.ics``: every open program's application deadline."""

from datetime import UTC, timedelta

from icalendar import Event

from bilingual.i18n import N_
from yamldata.ical import joined, new_calendar, uid_host

CALENDAR_NAME = N_("Application deadlines")
EVENT_SUMMARY = N_("Application deadline: %(title)s")


def deadlines_calendar(programs, catalogs, public_url, now):
    """An iCalendar with one all-day event per open program's deadline.

    ``catalogs`` is ``{lang: Translations}``: calendar apps show one
    language, so names and summaries carry every language, joined by " / ".
    """
    langs = list(catalogs)
    calendar = new_calendar(
        joined(catalogs[lang].ugettext(CALENDAR_NAME) for lang in langs), "Program deadlines"
    )
    host = uid_host(public_url(""))
    for program in programs:
        if program.state != "open" or program.deadline is None:
            continue
        event = Event()
        event.add("uid", f"program-{program.id}-deadline@{host}")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("dtstart", program.deadline)
        event.add("dtend", program.deadline + timedelta(days=1))
        event.add(
            "summary",
            joined(
                catalogs[lang].ugettext(EVENT_SUMMARY) % {"title": program.localized("title", lang)}
                for lang in langs
            ),
        )
        event.add("description", "\n\n".join(program.localized("summary", lang) for lang in langs))
        event.add("url", public_url(program.url(langs[0])))
        calendar.add_component(event)
    return calendar
