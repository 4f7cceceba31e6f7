"""The yearly figures that staff keep in ``content/data/figures.yaml``."""

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt

from validation.types import Text

# The measures, in the order the facts page shows them.
MEASURES = ("students_abroad", "international_students", "lectures")


class FigureRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1900, le=2100, description="the year, such as 2016")
    institution: Text = Field(description="who reported it, as text or {en: ..., zh: ...}")
    students_abroad: NonNegativeInt | None = Field(
        None, description="students sent abroad that year, a whole number"
    )
    international_students: NonNegativeInt | None = Field(
        None, description="international students received that year, a whole number"
    )
    lectures: NonNegativeInt | None = Field(
        None, description="lectures by visiting scholars held that year, a whole number"
    )
    source: Text | None = Field(None, description="where the figure comes from, as text")


class FiguresFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    figures: list[FigureRow] = Field(description="a list of yearly rows (year, institution, ...)")


def series(rows, measure):
    """The rows that report ``measure``, oldest first."""
    return sorted(
        (row for row in rows if getattr(row, measure) is not None), key=lambda row: row.year
    )
