"""News articles and static pages written as Markdown with YAML front matter.

Adds:
- a reader for ``content/news/<slug>.<lang>.md`` and
  ``content/pages/<slug>.<lang>.md``: language and slug from the file name,
  front matter checked against the schema in ``schema.py``, clear errors;
- per-language news lists (paginated), tag pages and Atom feeds
  (``/<lang>/news/``, ``/<lang>/tags/<tag>/``, ``/<lang>/feed.atom``), and
  the news of each language in the template context as ``news[lang]``,
  the header's static pages as ``menu_pages[lang]``, and each article's and
  page's language versions as ``item.versions``;
- errors for two files with the same URL, or a page on one the site uses.

Signals: ``readers_init`` (the reader), ``get_generators`` (the lists),
``feed_generated`` (marks each feed with its language),
``article_generator_finalized`` (Pelican's own tag and category lists,
which the site does not write, are dropped; with
``page_generator_finalized``, each item's warnings are logged and its
image checked, on every build: ``reader.report_items``).
"""

from pelican import signals

from bilingual import site_languages

from .generator import NewsListsGenerator
from .reader import FrontMatterReader, report_items


def add_reader(readers):
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def get_generators(pelican):
    return NewsListsGenerator


def set_feed_language(context, feed):
    """Give a per-language feed its ``xml:lang``, and its language's home as link and id."""
    if "lang" in context:
        languages = site_languages(context)
        feed.feed["language"] = languages[context["lang"]].html_lang
        feed.feed["link"] = feed.feed["id"] = f"{context['SITEURL']}/{context['lang']}/"


def drop_unwritten_lists(generator):
    """Empty Pelican's tag and category lists where the settings write no
    page or feed of theirs (this site's tag pages are the news lists').

    Pelican 4.12 works out each one's dated list before it finds nothing to
    write, comparing every article with every other: 0.2 s of each writing
    process at 5,000 articles. The template context keeps its own reference
    to them, unchanged."""
    settings = generator.settings
    for kind, attribute, empty in (("TAG", "tags", {}), ("CATEGORY", "categories", [])):
        feeds = settings.get(f"{kind}_FEED_ATOM") or settings.get(f"{kind}_FEED_RSS")
        if not settings.get(f"{kind}_SAVE_AS") and not feeds:
            setattr(generator, attribute, empty)


def register():
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(set_feed_language)
    signals.article_generator_finalized.connect(drop_unwritten_lists)
    signals.article_generator_finalized.connect(report_items)
    signals.page_generator_finalized.connect(report_items)
