"""The news plugin's settings and their defaults, in one place."""

DEFAULTS = {
    "NEWS_ON_HOME": 6,  # latest articles on each language's home
    "NEWS_MENU_PAGES": ["about"],  # static pages linked in the header, by slug
}

# URLs that the site's own pages use: a static page may not take them.
RESERVED_PAGE_SLUGS = frozenset(
    {"news", "tags", "programs", "partners", "facts", "lectures", "search", "images", "theme"}
)


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
