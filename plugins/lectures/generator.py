"""Reads the lecture series files and writes the lecture pages and calendars."""

from functools import partial
from itertools import groupby
from zoneinfo import ZoneInfo

from bilingual import interface_catalogs
from sharing import public_url
from validation import report
from yamldata import YamlGenerator, build_time, drafts_shown
from yamldata.ical import write_calendar

from . import settings as plugin_settings
from .calendar import talk_event, talks_calendar
from .model import Series, Talk, talk_ids, unplaced_talks
from .schema import SeriesFile


class LecturesGenerator(YamlGenerator):
    folder_setting = "LECTURES_PATH"
    default_folder = "lectures"
    model = SeriesFile

    def build(self, sources):
        self.now = build_time(self.settings)
        site_zone = ZoneInfo(plugin_settings.timezone(self.settings))
        default_zone = self.settings.get("TIMEZONE") or "UTC"
        minutes = plugin_settings.get(self.settings, "LECTURES_DEFAULT_DURATION")
        self.series = []
        for source in sources:
            series = Series(source.id, source.data, source.source_path, source.positions)
            series.description = self.render_text(source.data.description)
            ids, problems = talk_ids(source.data.talks, source.positions, source.path)
            problems += unplaced_talks(source.data.talks, source.positions, source.path)
            report(self.context, problems)
            for talk_id, data in zip(ids, source.data.talks, strict=True):
                if data.status == "draft" and not drafts_shown(self.settings):
                    continue
                zone = ZoneInfo(data.timezone or default_zone)
                talk = Talk(
                    talk_id,
                    series,
                    data,
                    data.start.replace(tzinfo=zone),
                    data.duration or minutes,
                    site_zone,
                )
                talk.abstract = self.render_text(data.abstract)
                series.talks.append(talk)
            series.talks.sort(key=lambda talk: talk.start_utc)
            self.series.append(series)
        self.series.sort(key=lambda series: series.id)
        self.link_news("lectures", {series.id: series for series in self.series})

        talks = sorted((t for s in self.series for t in s.talks), key=lambda t: t.start_utc)
        self.upcoming = [talk for talk in talks if talk.is_upcoming(self.now)]
        self.past = [talk for talk in reversed(talks) if not talk.is_upcoming(self.now)]
        self.context.update(
            lecture_series={series.id: series for series in self.series},
            upcoming_talks=self.upcoming,
            talks_on_home=plugin_settings.get(self.settings, "LECTURES_ON_HOME"),
            lectures_zone_label=plugin_settings.get(self.settings, "LECTURES_TIMEZONE_LABEL"),
            lectures_now=self.now,
        )

    def generate_output(self, writer):
        past_by_year = [
            (year, list(talks))
            for year, talks in groupby(self.past, key=lambda talk: talk.listed_start.year)
        ]
        for lang in self.languages:
            write = self.page_writer(writer, lang)
            write(
                f"{lang}/lectures/", "lectures", upcoming=self.upcoming, past_by_year=past_by_year
            )
            for series in self.series:
                write(series.url(lang), "series", series=series)
                for talk in series.talks:
                    write(talk.url(lang), "talk", talk=talk, series=series)
        self._write_calendars(writer)

    def _write_calendars(self, writer):
        catalogs = interface_catalogs(self)
        langs = list(catalogs)
        events = {}  # talk's key -> its event, made once for the three calendars that hold it

        def url(path):
            return public_url(self.settings, path)

        def calendar(talks, name):
            for talk in talks:
                if talk.item_key not in events:
                    events[talk.item_key] = talk_event(talk, langs, url, self.now)
            return talks_calendar([events[talk.item_key] for talk in talks], name, catalogs)

        everything = [talk for series in self.series for talk in series.talks]
        write_calendar(writer, "lectures.ics", partial(calendar, everything, None))
        for series in self.series:
            write_calendar(writer, series.ics_url, partial(calendar, series.talks, series.title))
            for talk in series.talks:
                write_calendar(writer, talk.ics_url, partial(calendar, [talk], series.title))
