"""Lecture series: visiting scholars' talks, one YAML file per series.

Adds, from ``content/lectures/<series>.yaml`` (schema in ``schema.py``):

- ``/<lang>/lectures/``: upcoming talks first (soonest first), then past
  talks by year, each with its time in the site's time zone (Beijing time
  for the sample site), speaker, venue or online mark and series;
- ``/<lang>/lectures/<series>/`` and ``/<lang>/lectures/<series>/<talk>/``;
  a talk page also shows the time in the visitor's own time zone (a small
  script; the page is complete without it);
- iCalendar files: ``/lectures/<series>/<talk>.ics`` per talk,
  ``/lectures/<series>.ics`` per series and ``/lectures.ics`` for all, with
  UIDs that stay the same across builds and times in UTC;
- in the template context: ``upcoming_talks`` (for the homes) and
  ``lecture_series``; a news article's ``lectures:`` must name existing
  series, which then list the article.

"Upcoming" is decided against the build time (``yamldata.build_time``).

Signals: ``get_generators`` (the lectures generator).
"""

from pelican import signals

from .generator import LecturesGenerator


def get_generators(pelican):
    return LecturesGenerator


def register():
    signals.get_generators.connect(get_generators)
