"""The search plugin's settings and their defaults, in one place."""

import os

_PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULTS = {
    "SEARCH_BUNDLE": "pagefind",  # folder of the index and Pagefind's script in the output
    # True: the build indexes the site and waits for it; "background": the
    # build ends before the index does (make serve); False: no index (the
    # benchmarks time it on their own).
    "SEARCH_INDEX": True,
    # Pagefind 1.6 segments Chinese better than 1.5.2, the newest on PyPI
    # (README, Search): its binary comes from the npm registry (package.json)
    # and Pagefind's Python package runs it. Where it is missing, the Python
    # package's own binary is used.
    "SEARCH_PAGEFIND_BINARY": os.path.join(
        _PROJECT, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended"
    ),
    # Pages of one language that one Pagefind run indexes, about: it holds
    # them all in memory (about 400 KB a Chinese news article, so some
    # 500 MB, beside an English part's 200 MB: a build stays under 1 GiB),
    # and larger languages are indexed in parts that the search page
    # merges. Each further part costs a first search some 45-55 KB more
    # (its metadata, filters and an index chunk per word; the WebAssembly
    # is loaded once).
    "SEARCH_PART_PAGES": 1200,
}

# Where SEARCH_INDEX is "background": {"stale": true} while the index runs.
STATUS_FILE = "pagefind-status.json"


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
