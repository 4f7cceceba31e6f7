"""iCalendar files of talks: one per talk, one per series, one for all."""

from datetime import UTC

from icalendar import Event

from bilingual.i18n import N_, localize
from yamldata.ical import joined, new_calendar, uid_host, with_events

ALL_TALKS = N_("Lectures by visiting scholars")


def talks_calendar(events, name, catalogs):
    """An iCalendar of talks (``events``, each a ``talk_event``), as its text.

    ``name`` is the series' title (a text), or None for all talks.
    """
    langs = list(catalogs)
    if name is None:
        title = joined(catalogs[lang].ugettext(ALL_TALKS) for lang in langs)
    else:
        title = joined(_text(name, lang) for lang in langs)
    return with_events(new_calendar(title, "Lectures"), events)


def talk_event(talk, langs, public_url, now):
    """A talk's event, times in UTC, texts in every language of ``langs``, as
    iCalendar text (``with_events``: each calendar that holds it holds the
    same text). Its UID is made of its series and id, so it stays the same
    across builds."""
    speaker = talk.speaker
    event = Event()
    event.add("uid", f"talk-{talk.series.id}-{talk.id}@{uid_host(public_url(''))}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", talk.start_utc)
    event.add("dtend", talk.end.astimezone(UTC))
    titles = joined(talk.localized("title", lang) for lang in langs)
    event.add("summary", f"{titles} ({_text(speaker.name, langs[0])})")
    location = joined(_text(talk.venue, lang) for lang in langs) if talk.venue else talk.online
    if location:
        event.add("location", location)
    description = [
        joined(
            ", ".join(filter(None, [_text(speaker.name, lang), _text(speaker.affiliation, lang)]))
            for lang in langs
        ),
        *(_text(talk.abstract, lang) for lang in langs if talk.abstract),
        talk.online or "",
        public_url(talk.url(langs[0])),
    ]
    event.add("description", "\n\n".join(filter(None, dict.fromkeys(description))))
    event.add("url", public_url(talk.url(langs[0])))
    return event.to_ical()


def _text(value, lang):
    return localize(value, lang) or ""
