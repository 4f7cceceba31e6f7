"""Field types that content schemas share, each with a message for staff.

A validator raises ValueError with a sentence that continues the field
name ("`deadline` is not a real date; ..."); `schema.check` adds the field,
the line and what was found.
"""

import contextlib
import difflib
import re
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import available_timezones

import pycountry
from pydantic import BeforeValidator, PlainValidator, StringConstraints, ValidationInfo

DEFAULT_LANGUAGES = ("en", "zh")

Plain = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class TextMap(dict):
    """A text written per language, such as ``{en: Toronto, zh: 多伦多}``."""


def _text(value, info: ValidationInfo):
    languages = (info.context or {}).get("languages", DEFAULT_LANGUAGES)
    example = ", ".join(f"{code}: ..." for code in languages)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and value:
        empty = [key for key, text in value.items() if text is None or not str(text).strip()]
        if empty:
            raise ValueError(f"has no text for `{empty[0]}`; write it, or leave that language out")
        unknown = [key for key in value if key not in languages]
        if unknown:
            raise ValueError(
                f"has an unknown language `{unknown[0]}`; use {' and '.join(languages)}"
            )
        if all(isinstance(text, str) and text.strip() for text in value.values()):
            return TextMap({code: text.strip() for code, text in value.items()})
    raise ValueError(f"must be text, or one text per language as {{{example}}}")


# Plain text for both languages, or a map {en: ..., zh: ...}.
Text = Annotated[str | TextMap, PlainValidator(_text)]


def _date(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("is not a real date; write YYYY-MM-DD, such as 2026-03-31")


def _datetime(value):
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(
        "is not a real date; write YYYY-MM-DD (2020-02-09) "
        "or an ISO 8601 date-time (2020-02-09T14:30)"
    )


def _local_datetime(value):
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) and "T" in value else None
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(
            "is not a local date and time; write YYYY-MM-DDTHH:MM, such as 2026-12-03T14:30"
        )
    if moment.tzinfo is not None:
        raise ValueError(
            "has a UTC offset; write the local time (2026-12-03T14:30) and give `timezone`"
        )
    return moment


def _timezone(value):
    if isinstance(value, str) and value.strip() in available_timezones():
        return value.strip()
    message = "is not an IANA time zone name such as Asia/Shanghai or America/Toronto"
    suggestion = closest(str(value), sorted(available_timezones()))
    if suggestion:
        message += f" (did you mean {suggestion}?)"
    raise ValueError(message)


def _slug(value):
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        return value
    raise ValueError("must be lowercase letters, digits and hyphens, such as 2026-12-03-am")


Date = Annotated[date, PlainValidator(_date)]
DateTime = Annotated[datetime, PlainValidator(_datetime)]
LocalDateTime = Annotated[datetime, PlainValidator(_local_datetime)]
TimeZone = Annotated[str, PlainValidator(_timezone)]
Slug = Annotated[str, PlainValidator(_slug)]


def _country(value):
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) == 2 and pycountry.countries.get(alpha_2=code):
        return code
    message = "is not an ISO 3166-1 country code (two letters, such as GB, CA or AU)"
    meant = _country_meant(str(value).strip())
    if meant:
        message += f" (did you mean {meant}?)"
    raise ValueError(message)


def _country_meant(text):
    """The code of a country's name or other code, of a country's part
    (England: GB), or of UK, which ISO 3166 reserves for GB; or None."""
    if text.upper() == "UK":
        return "GB"
    for lookup in (pycountry.countries.lookup, pycountry.subdivisions.lookup):
        with contextlib.suppress(LookupError):
            found = lookup(text)
            return getattr(found, "alpha_2", None) or found.country_code
    return None


def _language(value):
    code = value.strip().lower() if isinstance(value, str) else ""
    if len(code) == 2 and pycountry.languages.get(alpha_2=code):
        return code
    message = "is not an ISO 639-1 language code (two letters, such as en, zh or fr)"
    try:
        found = pycountry.languages.lookup(str(value).strip())
        if getattr(found, "alpha_2", None):
            message += f" (did you mean {found.alpha_2}?)"
    except LookupError:
        pass
    raise ValueError(message)


Country = Annotated[str, BeforeValidator(_country)]
Language = Annotated[str, BeforeValidator(_language)]


def _url(value):
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    if parts and parts.scheme in ("http", "https") and parts.netloc:
        return value.strip()
    raise ValueError("must be a web address starting with https:// (or http://)")


def _email(value):
    if isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()):
        return value.strip()
    raise ValueError("must be an email address such as intl@example.edu.cn")


Url = Annotated[str, BeforeValidator(_url)]
Email = Annotated[str, BeforeValidator(_email)]


def closest(value, allowed):
    """The allowed value a slip meant, or None: the same but for case (CSC),
    the only one it begins (self, for self-funded; none for a beginning of
    several), or one close enough to be a typo; not one merely alike
    ("postgraduate" is not "undergraduate")."""
    text = str(value).strip().lower()
    by_lower = {str(a).lower(): str(a) for a in allowed}
    if text in by_lower:
        return by_lower[text]
    begun = [a for lower, a in by_lower.items() if text and lower.startswith(text)]
    if begun:  # the one it begins; none if it begins several (joint)
        return begun[0] if len(begun) == 1 else None
    found = difflib.get_close_matches(text, list(by_lower), n=1, cutoff=0.7)
    return by_lower[found[0]] if found else None
