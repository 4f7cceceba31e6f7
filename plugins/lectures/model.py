"""Series and talks as the pages show them: the file's fields plus what the build derives."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bilingual.i18n import localize
from validation import Problem


@dataclass
class Talk:
    """``talk.title``, ``talk.speaker`` ... are the file's fields."""

    id: str
    series: "Series"
    data: object  # lectures.schema.Talk
    start: datetime  # aware, in the talk's own time zone
    minutes: int
    listed_zone: ZoneInfo  # the site's time zone, in which pages list talks
    abstract: dict = field(default_factory=dict)  # {lang: HTML}

    def __getattr__(self, name):
        return getattr(self.__dict__["data"], name)

    @property
    def draft(self):
        return self.data.status == "draft"

    @property
    def source_path(self):
        return self.series.source_path

    @property
    def end(self):
        return self.start + timedelta(minutes=self.minutes)

    @property
    def start_utc(self):
        return self.start.astimezone(UTC)

    @property
    def listed_start(self):
        """The start in the site's time zone (Beijing time for the sample site)."""
        return self.start.astimezone(self.listed_zone)

    @property
    def listed_end(self):
        return self.end.astimezone(self.listed_zone)

    def is_upcoming(self, now):
        """Not over yet: a talk under way still counts as upcoming."""
        return self.end > now

    @property
    def item_key(self):
        """The talk's identity between builds (``writing`` plugin)."""
        return ("talk", self.series.id, self.id)

    def url(self, lang):
        return f"{lang}/lectures/{self.series.id}/{self.id}/"

    @property
    def ics_url(self):
        return f"lectures/{self.series.id}/{self.id}.ics"

    def localized(self, name, lang):
        return localize(getattr(self.data, name), lang)


@dataclass
class Series:
    id: str
    data: object  # lectures.schema.SeriesFile
    source_path: str = ""  # the file, absolute
    positions: dict = field(default_factory=dict)  # where each field stands in the file
    talks: list = field(default_factory=list)  # Talk, by start
    description: dict = field(default_factory=dict)  # {lang: HTML}
    news: dict = field(default_factory=dict)  # {lang: [articles naming this series]}

    def __getattr__(self, name):
        return getattr(self.__dict__["data"], name)

    @property
    def item_key(self):
        """The series' identity between builds (``writing`` plugin)."""
        return ("series", self.id)

    def url(self, lang):
        return f"{lang}/lectures/{self.id}/"

    @property
    def ics_url(self):
        return f"lectures/{self.id}.ics"


def talk_ids(talks, positions, path):
    """Each talk's id, in file order, and the problems with them.

    A talk without an ``id`` takes its local start date (2026-12-03); a
    second one that day ``-2``, then ``-3``, in the order of the file, so
    that a talk added later (at the end, as `make new-talk` does) never
    takes an existing talk's id, URL or calendar UID. Ids given in the file
    are kept, and must not repeat, nor take the id a talk without one above
    had (which would move that talk, its URL and calendar UID, silently).
    """
    ids, problems, taken = [None] * len(talks), [], {}
    for index, talk in enumerate(talks):
        if talk.id is None:
            continue
        if talk.id in taken:
            line, column = positions.locate(("talks", index, "id"))
            message = (
                f'talk id "{talk.id}" is used twice in this series (talk {taken[talk.id]} too)'
            )
            problems.append(Problem(path, line, column, "error", message))
        taken.setdefault(talk.id, index + 1)
        ids[index] = talk.id
    for index in (i for i, talk in enumerate(talks) if talk.id is None):
        ids[index] = _free_id(talks[index], taken)
        taken[ids[index]] = index + 1
    # The id each talk without one had when it was the file's last talk:
    # an id given below that took it has moved it.
    given = {talk.id: index for index, talk in enumerate(talks) if talk.id is not None}
    above = {}
    for index, talk in enumerate(talks):
        had = talk.id or _free_id(talk, above)
        above.setdefault(had, index + 1)
        if talk.id is None and had != ids[index] and given.get(had, -1) > index:
            taker = given[had]
            line, column = positions.locate(("talks", taker, "id"))
            message = (
                f'talk id "{had}" is the address and calendar entry of talk {index + 1} '
                f"above (on {talk.start.date().isoformat()}, without an id), which it would "
                "move; give this talk another id"
            )
            problems.append(Problem(path, line, column, "error", message))
    return ids, problems


def unplaced_talks(talks, positions, path):
    """A warning for each talk that says neither where (``venue``) nor how
    (``online``) to attend it."""
    return [
        Problem(
            path,
            *positions.locate(("talks", index)),
            "warning",
            f"talk {index + 1} has neither `venue` nor `online`: its page cannot say "
            "where to attend; add one",
        )
        for index, talk in enumerate(talks)
        if talk.venue is None and talk.online is None
    ]


def _free_id(talk, taken):
    """A talk's date (2026-12-03), or with ``-2``, ``-3`` ... the first not ``taken``."""
    base = talk.start.date().isoformat()
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
