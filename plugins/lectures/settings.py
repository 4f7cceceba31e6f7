"""The lectures plugin's settings and their defaults, in one place."""

DEFAULTS = {
    "LECTURES_PATH": "lectures",  # folder under the content folder
    # The time zone talks are listed in (default: the site's TIMEZONE), and
    # what pages call it.
    "LECTURES_TIMEZONE": None,
    "LECTURES_TIMEZONE_LABEL": {"en": "Beijing time", "zh": "北京时间"},
    "LECTURES_DEFAULT_DURATION": 90,  # minutes, when a talk gives none
    "LECTURES_ON_HOME": 3,  # upcoming talks on each language's home
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])


def timezone(settings):
    return get(settings, "LECTURES_TIMEZONE") or settings.get("TIMEZONE") or "UTC"
