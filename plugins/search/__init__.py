"""Full-text search of news, programs, talks, series and pages, with Pagefind.

Adds:
- ``/<lang>/search/``, the search page of each language; ``?q=TERM`` runs
  that search when the page opens, so the header's search box is a plain
  GET form and a search can be shared as a link;
- the search index, built by Pagefind (the extended build, which segments
  Chinese) through its Python API after every build: one index per
  language, from each page's ``<html lang>``. Only pages whose template
  marks their content with ``data-pagefind-body`` are indexed (items, not
  lists); titles weigh more than text, and templates declare the filters
  (kind, program type, country, level, open/closed) and the date shown
  with each result.

Signals: ``get_generators`` (the search pages), ``finalized`` (the index).
"""

import asyncio
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager

from pagefind.index import IndexConfig, PagefindIndex
from pelican import signals
from pelican.generators import Generator
from pelican.log import console

from bilingual import site_languages, write_in_every_language

from . import settings as plugin_settings

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


class SearchPagesGenerator(Generator):
    """Writes ``/<lang>/search/``; it reads no content of its own."""

    def generate_context(self):
        self.context["search_bundle"] = plugin_settings.get(self.settings, "SEARCH_BUNDLE")

    def generate_output(self, writer):
        for lang in site_languages(self.settings):
            write_in_every_language(self, writer, lang, f"{lang}/search/", "search")


def get_generators(pelican):
    return SearchPagesGenerator


async def _index(site, bundle):
    config = IndexConfig(output_path=bundle)
    async with PagefindIndex(config=config) as index:
        return await index.add_directory(site)


@contextmanager
def _pagefind_binary(path):
    """Point Pagefind's Python API at ``path`` (it reads PAGEFIND_BINARY_PATH)."""
    if not os.path.isfile(path):
        logger.warning(
            "%s is missing (run `make install`): indexing with the binary of Pagefind's "
            "Python package, which splits Chinese words less well",
            path,
        )
        yield
        return
    before = os.environ.get("PAGEFIND_BINARY_PATH")
    os.environ["PAGEFIND_BINARY_PATH"] = path
    try:
        yield
    finally:
        if before is None:
            del os.environ["PAGEFIND_BINARY_PATH"]
        else:
            os.environ["PAGEFIND_BINARY_PATH"] = before


def index_site(settings, site, bundle):
    """Write the search index of ``site`` into ``bundle``."""
    with _pagefind_binary(plugin_settings.get(settings, "SEARCH_PAGEFIND_BINARY")):
        asyncio.run(_index(site, bundle))


def build_index(pelican):
    """Index the written site; the bundle replaces the previous one."""
    if not plugin_settings.get(pelican.settings, "SEARCH_INDEX"):
        return
    bundle = os.path.join(
        pelican.output_path, plugin_settings.get(pelican.settings, "SEARCH_BUNDLE")
    )
    shutil.rmtree(bundle, ignore_errors=True)
    started = time.perf_counter()
    try:
        index_site(pelican.settings, pelican.output_path, bundle)
    except (FileNotFoundError, OSError) as error:
        raise SearchIndexError(
            f"Pagefind could not index {pelican.output_path}: {error}"
        ) from error
    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as entry:
        indexes = json.load(entry)["languages"]
    console.print(
        "Search index: "
        + ", ".join(f"{lang} {index['page_count']}" for lang, index in indexes.items())
        + f" pages in {time.perf_counter() - started:.2f} seconds"
    )


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
