"""A program as the pages show it: the file's fields plus what the build derives."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from babel.core import get_global

from bilingual.i18n import localize

# Continents by the first part of a country's time zone names (IANA/CLDR),
# as CLDR region codes, so Babel can name them in each language.
_REGIONS = {
    "Europe": "150",
    "America": "019",
    "Asia": "142",
    "Africa": "002",
    "Australia": "009",
    "Pacific": "009",
}


def region_of(country):
    """The CLDR region code (continent) of an ISO country code, from its time zones.

    The continent most of the country's zones name wins (Spain: Europe/Madrid
    over Africa/Ceuta); a tie goes to the one listed first in _REGIONS.
    Countries whose zones are all oceanic (Iceland: Atlantic/Reykjavik) are
    "the world".
    """
    votes = Counter(
        _REGIONS[zone.split("/", 1)[0]]
        for zone in get_global("territory_zones").get(country, ())
        if zone.split("/", 1)[0] in _REGIONS
    )
    if not votes:
        return "001"
    order = list(dict.fromkeys(_REGIONS.values()))
    return max(votes, key=lambda region: (votes[region], -order.index(region)))


@dataclass
class Program:
    """``program.title``, ``program.partner`` ... are the file's fields."""

    id: str
    data: object  # programs.schema.ProgramFile
    path: str  # the source file, as shown to staff
    today: date
    office_email: str = ""  # where to write when the file names no contact
    source_path: str = ""  # the file, absolute
    positions: dict = field(default_factory=dict)  # where each field stands in the file
    news: dict = field(default_factory=dict)  # {lang: [articles naming this program]}
    description: dict = field(default_factory=dict)  # {lang: HTML}

    def __getattr__(self, name):
        return getattr(self.__dict__["data"], name)

    @property
    def item_key(self):
        """The program's identity between builds (``writing`` plugin)."""
        return ("program", self.id)

    def url(self, lang):
        return f"{lang}/programs/{self.id}/"

    def localized(self, name, lang):
        """A text field of the file as plain text in ``lang``."""
        return localize(getattr(self.data, name), lang)

    @property
    def draft(self):
        return self.data.status == "draft"

    @property
    def state(self):
        """open, closed or archived, with a past deadline closing the program.

        A draft (built only where drafts are shown) counts as open.
        """
        status = "open" if self.draft else self.data.status
        if status == "open" and self.deadline_passed:
            return "closed"
        return status

    @property
    def deadline_passed(self):
        return self.data.deadline is not None and self.data.deadline < self.today

    @property
    def days_left(self):
        if self.data.deadline is None or self.deadline_passed:
            return None
        return (self.data.deadline - self.today).days

    @property
    def apply_email(self):
        contact = self.data.contact
        return contact.email if contact and contact.email else self.office_email

    @property
    def apply_url(self):
        return self.data.contact.url if self.data.contact else None

    @property
    def countries(self):
        return sorted({partner.country for partner in self.data.partner})

    @property
    def facets(self):
        """``{facet: [values]}``, the values as they appear in URLs."""
        return {
            "type": [self.data.type],
            "country": [code.lower() for code in self.countries],
            "level": list(self.data.levels),
            "language": list(self.data.language),
            "funding": list(self.data.funding),
            "status": [self.state],
        }

    def sort_key(self):
        """Open first (nearest deadline first), then closed, then archived; then by id."""
        rank = ("open", "closed", "archived").index(self.state)
        return (rank, self.data.deadline or date.max, self.id)
