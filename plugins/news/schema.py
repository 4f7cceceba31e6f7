"""The front matter of news articles and static pages, declared once.

The descriptions are what staff read in an error message ("expected ..."),
so they say what is allowed, with an example.
"""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _parse_date(value):
    if not isinstance(value, str):
        raise ValueError("must be a date such as 2020-02-09")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            "is not a real date; write YYYY-MM-DD (2020-02-09) "
            "or an ISO 8601 date-time (2020-02-09T14:30)"
        ) from None


Date = Annotated[datetime, BeforeValidator(_parse_date)]


class PageMeta(BaseModel):
    """``content/pages/<slug>.<lang>.md``."""

    model_config = ConfigDict(extra="forbid")

    title: Text = Field(description="the title, as text")
    summary: Text | None = Field(None, description="one or two sentences, as text")
    image: Text | None = Field(
        None, description="an image path such as images/campus.jpg, with image_alt"
    )
    image_alt: Text | None = Field(
        None, description="what the image shows, for readers who cannot see it"
    )


class NewsMeta(PageMeta):
    """``content/news/<slug>.<lang>.md``."""

    date: Date = Field(
        description="a date such as 2020-02-09 or a date-time such as 2020-02-09T14:30"
    )
    tags: list[Text] = Field([], description="a list such as [Student exchange, Partnerships]")
    author: Text | None = Field(None, description="who wrote it, as text")
    translator: Text | None = Field(None, description="who translated it, as text")
    programs: list[Text] = Field([], description="a list of program ids such as [bjut-toronto]")
