"""The search plugin's settings and their defaults, in one place."""

DEFAULTS = {
    "SEARCH_BUNDLE": "pagefind",  # folder of the index and Pagefind's script in the output
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
