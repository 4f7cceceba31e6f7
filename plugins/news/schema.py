"""The front matter of news articles and static pages, declared once.

The descriptions are what staff read in an error message ("expected ..."),
so they say what is allowed, with an example.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from validation.types import DateTime, Plain


class PageMeta(BaseModel):
    """``content/pages/<slug>.<lang>.md``."""

    model_config = ConfigDict(extra="forbid")

    title: Plain = Field(description="the title, as text")
    summary: Plain | None = Field(None, description="one or two sentences, as text")
    image: Plain | None = Field(
        None, description="an image path such as images/campus.jpg, with image_alt"
    )
    image_alt: Plain | None = Field(
        None, description="what the image shows, for readers who cannot see it"
    )
    status: Literal["published", "draft"] = Field(
        "published", description="published, or draft (shown by `make serve` only)"
    )


class NewsMeta(PageMeta):
    """``content/news/<slug>.<lang>.md``."""

    date: DateTime = Field(
        description="a date such as 2020-02-09 or a date-time such as 2020-02-09T14:30"
    )
    tags: list[Plain] = Field([], description="a list such as [Student exchange, Partnerships]")
    author: Plain | None = Field(None, description="who wrote it, as text")
    translator: Plain | None = Field(None, description="who translated it, as text")
    programs: list[Plain] = Field([], description="a list of program ids such as [bjut-toronto]")
    lectures: list[Plain] = Field(
        [], description="a list of lecture series such as [overseas-scholars]"
    )
