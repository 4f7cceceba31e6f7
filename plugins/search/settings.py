"""The search plugin's settings and their defaults, in one place."""

import os

_PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULTS = {
    "SEARCH_BUNDLE": "pagefind",  # folder of the index and Pagefind's script in the output
    "SEARCH_INDEX": True,  # False skips indexing (the benchmarks time it on its own)
    # Pagefind 1.6 segments Chinese better than 1.5.2, the newest on PyPI
    # (README, Search): its binary comes from the npm registry (package.json)
    # and Pagefind's Python API drives it. Where it is missing, the Python
    # package's own binary is used.
    "SEARCH_PAGEFIND_BINARY": os.path.join(
        _PROJECT, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended"
    ),
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
