"""The search bundle, indexed in parts: one language, or a share of one, at a time.

Pagefind holds the words of every page it indexes in memory until it writes
(Pagefind 1.6 about 400 KB for each Chinese news article). So each language
is indexed by Pagefind runs of its own, and a language with more than
``SEARCH_PART_PAGES`` pages is split into parts of about that many (by a
hash of each page's path, so a page stays in its part), indexed one after
the other: the memory needed is one part of each language, however large
the site grows. A part whose pages are those it
was made from is kept (in ``CACHE_PATH`` where Pelican's content cache is
on), so a build re-indexes only the parts holding changed pages.

The first part of every language is merged into the bundle itself: apart
from Pagefind's own scripts, which are the same in every part, their files
are named after their language, and ``pagefind-entry.json`` lists them all.
That is the bundle one Pagefind run over the whole site writes (a test
checks it byte for byte). Further parts are bundles of their own inside it
(``<bundle>/zh-1/``), listed in ``<bundle>/parts.json``; the search page
merges them into its language's index (Pagefind's ``mergeIndex``).
"""

import asyncio
import contextlib
import hashlib
import json
import os
import shutil
import zlib
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version

from pagefind.index import IndexConfig, PagefindIndex

ENTRY = "pagefind-entry.json"
PARTS = "parts.json"
MARKER = b"data-pagefind-body"  # what makes Pagefind index a page (templates set it)


class PageOutsideLanguagesError(ValueError):
    """An indexed page is in no language's folder, so no part would index it."""


def pages_by_language(site, languages):
    """``{code: [pages under /<code>/ marked for search]}``, relative to ``site``.

    Raises PageOutsideLanguagesError for a marked page elsewhere: it would
    silently go missing from search.
    """
    found = {code: [] for code in languages}
    for folder, _, files in os.walk(site):
        relative = os.path.relpath(folder, site)
        top = relative.split(os.sep)[0]
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            if not name.endswith(".html") or not _marked(os.path.join(site, path)):
                continue
            if top not in found:
                raise PageOutsideLanguagesError(
                    f"{path} is marked for search (data-pagefind-body) but is in no "
                    f"language's folder ({', '.join(f'/{code}/' for code in languages)})"
                )
            found[top].append(path)
    return {code: sorted(paths) for code, paths in found.items()}


def _marked(path):
    with open(path, "rb") as page:
        return MARKER in page.read()


def split(paths, part_pages):
    """``paths`` in parts of about ``part_pages``; a page's part is fixed by its path."""
    count = max(1, -(-len(paths) // part_pages))
    parts = [[] for _ in range(count)]
    for path in paths:
        parts[zlib.crc32(path.encode()) % count].append(path)
    return parts


def fingerprint(site, paths):
    """What a part depends on: its pages and Pagefind itself."""
    digest = hashlib.blake2b(digest_size=16)
    binary = os.environ.get("PAGEFIND_BINARY_PATH", "")
    size = os.stat(binary).st_size if binary else None
    digest.update(f"{version('pagefind')} {binary} {size}\n".encode())
    for path in paths:
        digest.update(path.encode() + b"\0")
        with open(os.path.join(site, path), "rb") as page:
            digest.update(hashlib.blake2b(page.read(), digest_size=16).digest())
    return digest.hexdigest()


def _link(source, target):
    """Written pages and parts never change in place, so links can share them.

    (A copy where the two are on different file systems.)
    """
    if os.path.exists(target):
        return  # one of Pagefind's own scripts, the same in every part
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


async def _index(folder, output):
    async with PagefindIndex(config=IndexConfig(output_path=output)) as index:
        await index.add_directory(folder)


def index_part(site, paths, output):
    """Index the pages ``paths`` of ``site`` into the bundle folder ``output``.

    Pagefind reads them from a folder holding only them, at the same paths
    (so with the same URLs), linked from the site.
    """
    pages = output + ".pages"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(pages, ignore_errors=True)
    for path in paths:
        os.makedirs(os.path.dirname(os.path.join(pages, path)), exist_ok=True)
        _link(os.path.join(site, path), os.path.join(pages, path))
    try:
        asyncio.run(_index(pages, output))
    finally:
        shutil.rmtree(pages, ignore_errors=True)


def merge(parts, bundle):
    """Put the parts' files into ``bundle``, with one entry listing all their languages."""
    entry = None
    for part in parts:
        shutil.copytree(part, bundle, copy_function=_link, dirs_exist_ok=True)
        with open(os.path.join(part, ENTRY), encoding="utf-8") as source:
            part_entry = json.load(source)
        if entry is None:
            entry = part_entry
        else:
            entry["languages"].update(part_entry["languages"])
    with open(os.path.join(bundle, ENTRY), "w", encoding="utf-8") as target:
        json.dump(entry, target, ensure_ascii=False, separators=(",", ":"))  # as Pagefind does


class KeptParts:
    """Where parts and the fingerprints of their pages are kept between builds."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    def path(self, name):
        return os.path.join(self.folder, name)

    def current(self, name, made_from):
        """Whether the kept part ``name`` was made from the same pages."""
        try:
            with open(self.path(name) + ".fingerprint", encoding="utf-8") as kept:
                return kept.read() == made_from and os.path.isdir(self.path(name))
        except FileNotFoundError:
            return False

    def keep(self, name, site, paths, reuse):
        """Keep the part ``name`` if it was made from ``paths`` as they are,
        else make it again; returns whether it was kept."""
        made_from = fingerprint(site, paths)
        if reuse and self.current(name, made_from):
            return True
        # The fingerprint goes first and comes back last: a part cut short
        # is never taken for a current one.
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path(name) + ".fingerprint")
        index_part(site, paths, self.path(name))
        with open(self.path(name) + ".fingerprint", "w", encoding="utf-8") as kept:
            kept.write(made_from)
        return False

    def keep_only(self, names):
        """Drop the parts a smaller site no longer has."""
        for entry in os.listdir(self.folder):
            if entry.removesuffix(".fingerprint") not in names:
                path = self.path(entry)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


def write_bundle(site, bundle, languages, kept_in, part_pages, reuse=True):
    """Index ``site`` into ``bundle`` part by part; returns what was done.

    The languages are indexed side by side, each one part at a time: the
    memory needed is one part of each language, and Pagefind, which works
    mostly on one core, gets the others. Where ``reuse`` is true, a part
    whose pages are those it was made from is kept. Returns ``(pages,
    kept)``: the number of pages indexed in each language, and the names of
    the parts kept.
    """
    kept_parts = KeptParts(kept_in)
    found = {code: paths for code, paths in pages_by_language(site, languages).items() if paths}

    def index_language(code):
        """The names of ``code``'s parts, and those of the parts kept."""
        parts = split(found[code], part_pages)
        names = [code, *(f"{code}-{number}" for number in range(1, len(parts)))]
        kept = [
            name
            for name, part in zip(names, parts, strict=True)
            if kept_parts.keep(name, site, part, reuse)
        ]
        return names, kept

    with ThreadPoolExecutor(max_workers=max(1, len(found))) as pool:
        indexed = dict(zip(found, pool.map(index_language, found), strict=True))
    further = {}
    for code, (names, _) in indexed.items():
        further[code] = [f"{name}/" for name in names[1:]]
        for name in names[1:]:
            shutil.copytree(kept_parts.path(name), os.path.join(bundle, name), copy_function=_link)
    kept_parts.keep_only({name for names, _ in indexed.values() for name in names})
    merge([kept_parts.path(code) for code in indexed], bundle)
    with open(os.path.join(bundle, PARTS), "w", encoding="utf-8") as target:
        json.dump(further, target)
    kept = [name for _, kept_names in indexed.values() for name in kept_names]
    return {code: len(paths) for code, paths in found.items()}, kept
