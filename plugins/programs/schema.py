"""A partner program file, ``content/programs/<id>.yaml``, declared once.

The descriptions are what staff read in an error message ("expected ..."),
so they say what is allowed, with an example.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, NonNegativeInt

from validation.types import Country, Date, Email, Language, Text, Url

TYPES = (
    "double-degree",
    "joint-phd",
    "exchange",
    "summer-school",
    "short-visit",
    "joint-training",
    "research",
)
LEVELS = ("undergraduate", "master", "doctoral")
FUNDING = ("csc", "university", "partner", "self-funded")
STATUSES = ("open", "closed", "archived", "draft")


def _as_list(value):
    """Let staff write one item without list brackets."""
    return value if isinstance(value, list) else [value]


def OneOrMore(item):
    return Annotated[list[item], BeforeValidator(_as_list)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Partner(_Strict):
    name: Text = Field(description="the partner's name, as text or {en: ..., zh: ...}")
    country: Country = Field(description="an ISO 3166-1 country code such as GB")
    city: Text | None = Field(None, description="the city, as text or {en: ..., zh: ...}")
    url: Url | None = Field(None, description="the partner's web address, https://...")


class Contact(_Strict):
    email: Email | None = Field(None, description="an email address")
    url: Url | None = Field(None, description="a web address, https://...")


class ProgramFile(_Strict):
    title: Text = Field(description="the program's name, as text or {en: ..., zh: ...}")
    summary: Text = Field(description="one or two sentences, as text or {en: ..., zh: ...}")
    description: Text | None = Field(
        None, description="Markdown text, or {en: ..., zh: ...} with Markdown in each"
    )
    partner: OneOrMore(Partner) = Field(
        min_length=1, description="one partner (name, country, city, url) or a list of them"
    )
    type: Literal[TYPES] = Field(description="one of " + ", ".join(TYPES))
    levels: Annotated[list[Literal[LEVELS]], BeforeValidator(_as_list)] = Field(
        min_length=1, description="a list of " + ", ".join(LEVELS)
    )
    language: OneOrMore(Language) = Field(
        [], description="language(s) of instruction as ISO 639-1 codes, such as [en, zh]"
    )
    duration: Text | None = Field(None, description="how long, as text, such as {en: 4 weeks}")
    places: NonNegativeInt | None = Field(None, description="how many places, a whole number")
    funding: Annotated[list[Literal[FUNDING]], BeforeValidator(_as_list)] = Field(
        [], description="a list of " + ", ".join(FUNDING)
    )
    deadline: Date | None = Field(None, description="the application deadline, YYYY-MM-DD")
    status: Literal[STATUSES] = Field(
        "open",
        description="one of " + ", ".join(STATUSES) + " (a draft is shown by `make serve` only)",
    )
    contact: Contact | None = Field(None, description="email and/or url for applications")
    colleges: OneOrMore(Text) = Field([], description="a list of the colleges taking part")
