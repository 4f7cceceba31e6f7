"""The programs plugin's settings and their defaults, in one place."""

DEFAULTS = {
    "PROGRAMS_PATH": "programs",  # folder under the content folder
    "PROGRAMS_FIGURES": "data/figures.yaml",  # yearly figures for /<lang>/facts/
    "PROGRAMS_HOME_DEADLINES": 3,  # programs with the nearest deadlines on the homes
    "PROGRAMS_COMPARE_MAX": 4,  # programs compared side by side
    "PROGRAMS_DEADLINES_ICS": "programs-deadlines.ics",
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
