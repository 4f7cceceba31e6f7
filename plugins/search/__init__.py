"""Full-text search of news, programs, talks, series and pages, with Pagefind.

Adds:
- ``/<lang>/search/``, the search page of each language; ``?q=TERM`` runs
  that search when the page opens, so the header's search box is a plain
  GET form and a search can be shared as a link;
- the search index, built by Pagefind (the extended build, which segments
  Chinese; its command line, found by its Python package) after every build: one index per
  language, from each page's ``<html lang>``, made in parts by Pagefind
  runs of their own, each kept while its pages stay the same (``bundle.py``:
  the memory a build needs stays that of one part).
  Only pages whose template
  marks their content with ``data-pagefind-body`` are indexed (items, not
  lists); titles weigh more than text, and templates declare the filters
  (kind, program type, country, level, open/closed) and the date shown
  with each result.

Pagefind starts as soon as the site is written and the pages of the parts
to make again are copied (or linked); it reads them while the link check and the
sitemap run. A build waits for it, except where
``SEARCH_INDEX = "background"`` (``make serve``): there the new pages are
served at once, the index follows, and the search page says so meanwhile
(it reads ``pagefind-status.json``).

Signals: ``get_generators`` (the search pages, and waiting for an index a
failed build left running); the index is two steps after writing
(``writing`` plugin): started first, waited for before ``publish``.
"""

import json
import logging
import os
import shutil
import tempfile
import threading
import time
import zlib

from pelican import signals
from pelican.generators import Generator
from pelican.log import console

from bilingual import site_languages, write_in_every_language
from writing import after_writing
from writing.facts import PageFacts, find_when_written

from . import settings as plugin_settings
from .bundle import find_marked, stage_bundle

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


class SearchPagesGenerator(Generator):
    """Writes ``/<lang>/search/``; it reads no content of its own."""

    def generate_context(self):
        self.context["search_bundle"] = plugin_settings.get(self.settings, "SEARCH_BUNDLE")
        background = plugin_settings.get(self.settings, "SEARCH_INDEX") == "background"
        self.context["search_status"] = plugin_settings.STATUS_FILE if background else None

    def generate_output(self, writer):
        for lang in site_languages(self.settings):
            write_in_every_language(self, writer, lang, f"{lang}/search/", "search")


def get_generators(pelican):
    return SearchPagesGenerator


def use_pagefind_binary(settings):
    """Point Pagefind's Python package at the binary of ``SEARCH_PAGEFIND_BINARY``.

    The package reads the environment variable PAGEFIND_BINARY_PATH; it is
    set here, once, on the main thread, never by the thread that indexes.
    """
    path = plugin_settings.get(settings, "SEARCH_PAGEFIND_BINARY")
    if os.path.isfile(path):
        os.environ["PAGEFIND_BINARY_PATH"] = path
    else:
        logger.warning(
            "%s is missing (run `make install`): indexing with the binary of Pagefind's "
            "Python package, which splits Chinese words less well",
            path,
        )


def index_site(settings, site, bundle):
    """Write the search index of ``site`` into ``bundle``, from the main thread."""
    use_pagefind_binary(settings)
    return _stage_index(settings, site).write(bundle)


def _stage_index(settings, site):
    """Decide which parts of the index to make again and copy their pages
    (link them, where the build waits for its index: ``bundle.mirror_pages``);
    returns the ``bundle.StagedBundle``.

    With Pelican's content cache on, the parts are kept in the cache folder
    (one folder for each output folder) for the next build; otherwise beside
    the site, for this build only (never in it: the sitemap and the link
    check read it meanwhile).
    """
    part_pages = plugin_settings.get(settings, "SEARCH_PART_PAGES")
    if not isinstance(part_pages, int) or part_pages < 1:
        raise SearchIndexError(
            f"SEARCH_PART_PAGES must be a whole number of pages, at least 1, not {part_pages!r}"
        )
    languages = site_languages(settings)
    link = plugin_settings.get(settings, "SEARCH_INDEX") != "background"
    if settings.get("CACHE_CONTENT"):
        key = zlib.crc32(os.path.abspath(site).encode())
        folder = os.path.join(settings["CACHE_PATH"], f"search-index-{key:08x}")
        reuse = settings.get("LOAD_CONTENT_CACHE", True)
        facts = PageFacts(settings, site, "search")
        staged = stage_bundle(site, languages, folder, part_pages, reuse, facts, link=link)
        facts.save()
        return staged
    try:
        beside = os.path.dirname(os.path.abspath(site))
        folder = tempfile.mkdtemp(prefix=".search-parts-", dir=beside)
    except OSError:  # a folder we may not write in: the system's temporary folder then
        folder = tempfile.mkdtemp(prefix="search-parts-")
    try:
        return stage_bundle(
            site, languages, folder, part_pages, reuse=False, temporary=True, link=link
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _write_status(site, stale):
    """The status file the search page reads, replaced whole (never read half-written)."""
    path = os.path.join(site, plugin_settings.STATUS_FILE)
    with open(path + ".new", "w", encoding="utf-8") as status:
        json.dump({"stale": stale}, status)
    os.replace(path + ".new", path)


class Indexing(threading.Thread):
    """Pagefind indexing a written site while the build's other steps run.

    The bundle is updated in place: the files of each index are there
    before its entry names them (``bundle.update``), so the site never
    serves half an index.
    """

    def __init__(self, settings, site):
        # Not a daemon: a build that ends first still leaves a whole index.
        super().__init__(name="search-index")
        self.settings, self.site = settings, site
        self.background = plugin_settings.get(settings, "SEARCH_INDEX") == "background"
        self.error = None
        self.staged = None
        self.started = time.perf_counter()

    def stage(self):
        """Copy (or link) the pages of the parts to make again, before the
        thread starts (``bundle.stage_bundle`` says why)."""
        try:
            self.staged = _stage_index(self.settings, self.site)
        except Exception as error:
            self._failed(error)

    def run(self):
        bundle = os.path.join(self.site, plugin_settings.get(self.settings, "SEARCH_BUNDLE"))
        try:
            if self.error is not None:
                return
            pages, kept = self.staged.write(bundle)
        except Exception as error:
            self._failed(error)
            return
        finally:
            # "stale" means an index is being made; a failed one is logged.
            if self.background:
                _write_status(self.site, stale=False)
        unchanged = f" ({', '.join(kept)} unchanged, kept)" if kept else ""
        console.print(
            "Search index: "
            + ", ".join(f"{code} {count}" for code, count in pages.items())
            + f" pages in {time.perf_counter() - self.started:.2f} seconds{unchanged}"
        )

    def _failed(self, error):
        # Pagefind's API raises plain Exceptions (and a page outside every
        # language folder is a PageOutsideLanguagesError); whatever is
        # raised is kept for the main thread, which fails the build with it.
        self.error = SearchIndexError(f"Pagefind could not index {self.site}: {error}")
        self.error.__cause__ = error
        if self.background:
            logger.error("%s", self.error)


_indexing = {}  # output folder -> its Indexing, while it runs


def start_index(pelican):
    """Start indexing the written site; the link check and sitemap run meanwhile."""
    settings, site = pelican.settings, pelican.output_path
    if not plugin_settings.get(settings, "SEARCH_INDEX"):
        return
    previous = _indexing.pop(site, None)
    if previous is not None:
        previous.join()  # one index of a folder at a time
    use_pagefind_binary(settings)
    indexing = Indexing(settings, site)
    if indexing.background:
        _write_status(site, stale=True)
    indexing.stage()
    indexing.start()
    _indexing[site] = indexing  # once started: the next build waits for it


def _wait_for_index(site):
    """Wait for the index of ``site`` still running, unless it follows in
    the background (`make serve`); returns it, or None."""
    indexing = _indexing.get(site)
    if indexing is None or indexing.background:
        return None
    indexing.join()
    del _indexing[site]
    return indexing


def finish_index(pelican):
    """Wait for the index, unless it follows in the background (`make serve`)."""
    indexing = _wait_for_index(pelican.output_path)
    if indexing is not None and indexing.error is not None:
        raise indexing.error


def finish_earlier_index(pelican):
    """Before a build writes, wait for the index an earlier build in this
    process left running: one that failed in a step before ``finish_index``
    (a broken link), which ``pelican --autoreload`` follows with a build at
    once. That index may read the pages themselves (hard links,
    ``bundle.mirror_pages``), which this build would rewrite meanwhile."""
    indexing = _wait_for_index(pelican.output_path)
    if indexing is not None and indexing.error is not None:
        logger.error("%s", indexing.error)  # its build failed before reporting it


def register():
    signals.get_generators.connect(get_generators)
    signals.get_generators.connect(finish_earlier_index)  # sent as every build starts
    after_writing(start_index, order=0)  # first: Pagefind is the longest step
    after_writing(finish_index, order=20)
    find_when_written(find_marked)
