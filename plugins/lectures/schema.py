"""A lecture series file, ``content/lectures/<series>.yaml``, declared once.

The descriptions are what staff read in an error message ("expected ...").
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt

from validation.types import Country, Language, LocalDateTime, Slug, Text, TimeZone, Url


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Speaker(_Strict):
    name: Text = Field(description="the speaker's name, as text")
    affiliation: Text | None = Field(None, description="university or institute, as text")
    country: Country | None = Field(None, description="an ISO 3166-1 country code such as CA")
    bio: Text | None = Field(None, description="a sentence or two about the speaker, as text")
    url: Url | None = Field(None, description="the speaker's web page, https://...")


class Talk(_Strict):
    title: Text = Field(description="the talk's title, as text or {en: ..., zh: ...}")
    speaker: Speaker = Field(description="the speaker: name, affiliation, country, bio, url")
    start: LocalDateTime = Field(
        description="the local start date and time, such as 2026-12-03T14:30"
    )
    timezone: TimeZone | None = Field(
        None, description="the IANA time zone of `start`, such as America/Toronto"
    )
    duration: PositiveInt | None = Field(None, description="the length in minutes, such as 90")
    venue: Text | None = Field(None, description="the room and building, as text")
    online: Url | None = Field(None, description="the meeting link, https://...")
    abstract: Text | None = Field(None, description="Markdown text, or {en: ..., zh: ...}")
    language: Language | None = Field(None, description="the talk's language, such as en or zh")
    status: Literal["published", "draft"] = Field(
        "published", description="published, or draft (shown by `make serve` only)"
    )
    id: Slug | None = Field(
        None, description="the talk's URL name; leave it out to use the date (2026-12-03)"
    )


class SeriesFile(_Strict):
    title: Text = Field(description="the series' name, as text or {en: ..., zh: ...}")
    host: Text | None = Field(None, description="who hosts it, such as the college, as text")
    description: Text | None = Field(None, description="Markdown text, or {en: ..., zh: ...}")
    talks: list[Talk] = Field(
        min_length=1, description="a list of talks, each with title, speaker and start"
    )
