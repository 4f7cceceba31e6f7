"""The reading plugin's settings and their defaults, in one place."""

from writing.settings import cores

DEFAULTS = {
    # Processes that read the news, Pelican's own included: by default one
    # per core, up to four, as for writing.
    "READING_WORKERS": cores(),
    # Fewer articles to read than this are read in Pelican's process alone:
    # a process costs some 20 ms to fork, and a short article 1 ms to read.
    "READING_MIN_FILES": 200,
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
