"""The search bundle, indexed in parts: one language, or a share of one, at a time.

Pagefind holds the words of every page it indexes in memory until it writes
(Pagefind 1.6 about 400 KB for each Chinese news article). So each language
is indexed by Pagefind runs of its own, and a language with more than
``SEARCH_PART_PAGES`` pages is split into parts of about that many (by a
hash of each page's path: a page stays in its part until the number of
parts changes), indexed one after the other: the memory needed is one part
of each language, however large the site grows. A part whose pages are
those it was made from is kept (in ``CACHE_PATH`` where Pelican's content
cache is on), so a build re-indexes only the parts holding changed pages.
Pagefind reads copies of a part's pages, kept beside it (hard links to
them where the build waits for its index): making a part again copies only
the pages that changed.

The first part of every language is merged into the bundle itself: apart
from Pagefind's own scripts, which are the same in every part, their files
are named after their language, and ``pagefind-entry.json`` lists them all.
That is the bundle one Pagefind run over the whole site writes (a test
checks it byte for byte). Further parts are bundles of their own inside it
(``<bundle>/zh-1/``), listed in ``<bundle>/parts.json``; the search page
merges them into its language's index (Pagefind's ``mergeIndex``).

The bundle in the site is updated in place (``update``): Pagefind names
most files by their content, so a part made again shares all but a few of
its files with the one before, and only those are put in.
"""

import asyncio
import contextlib
import dataclasses
import filecmp
import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version

import cbor2
from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import get_executable

from writing.facts import PageFacts, files_under

ENTRY = "pagefind-entry.json"
PARTS = "parts.json"
EMPTY = "empty"  # the part of a site with nothing to search
SIGNATURE = b"pagefind_dcd"  # what Pagefind's binary files start with, once unzipped
MARKER = "data-pagefind-body"  # what makes Pagefind index a page (templates set it)

logger = logging.getLogger(__name__)


class PageOutsideLanguagesError(ValueError):
    """An indexed page is in no language's folder, so no part would index it."""


class PagefindFailedError(RuntimeError):
    """Pagefind's command line could not index a part."""


def _digest(page):
    return hashlib.blake2b(page, digest_size=16).digest()


def find_marked(html):
    """Whether a page is marked for search, and the digest of its bytes."""
    return MARKER in html, _digest(html.encode())


def pages_by_language(site, languages, facts=None):
    """``{code: [pages under /<code>/ marked for search]}``, relative to ``site``.

    ``facts`` (``writing.facts``) keeps what each page was between builds,
    so that only pages written since are read. Raises
    PageOutsideLanguagesError for a marked page elsewhere: it would silently
    go missing from search.
    """
    facts = facts or PageFacts({}, site, "search")
    found = {code: [] for code in languages}
    for path, (marked, _digest) in facts.read(find_marked).items():
        if not marked:
            continue
        top = path.split("/")[0]
        if top not in found:
            raise PageOutsideLanguagesError(
                f"{path} is marked for search (data-pagefind-body) but is in no "
                f"language's folder ({', '.join(f'/{code}/' for code in languages)})"
            )
        found[top].append(path)
    return {code: sorted(paths) for code, paths in found.items()}


def split(paths, part_pages):
    """``paths`` in parts of about ``part_pages``, a page's part chosen by its
    path (so a page stays in its part while the number of parts does)."""
    count = max(1, -(-len(paths) // part_pages))
    parts = [[] for _ in range(count)]
    for path in paths:
        parts[zlib.crc32(path.encode()) % count].append(path)
    return [part for part in parts if part]


def mirror_pages(site, digests, folder, link=False):
    """Make ``folder`` hold exactly the pages ``digests`` names (``{path:
    digest}`` of ``site``'s pages as scanned), at the same paths; returns
    ``{path: digest}`` of the bytes it holds.

    Where ``link``, a page is held as a hard link to the site's file: a
    build that waits for its index writes no page while Pagefind reads, and
    copying the 6,262 pages of the large benchmark site took one to five
    seconds of a build from scratch, while Pagefind could not start.
    Otherwise (the index follows in the background, while the next build
    may rewrite pages in place) as a copy, and a link an earlier build made
    is copied.

    A page already held with the scanned bytes is left as it is: the
    folder is kept between builds (beside its part), and making the folders
    of a thousand pages took a second on this project's machines. A page
    gone since the site was scanned is left out.
    """
    copied = {}
    for path, digest in digests.items():
        copy = os.path.join(folder, path)
        if _holds(copy, digest, link):
            copied[path] = digest
            continue
        with contextlib.suppress(FileNotFoundError):
            copied[path] = _mirror(os.path.join(site, path), copy, link, digest)
    remove_others(folder, copied.keys())  # deleted pages, and their folders
    return copied


def _holds(copy, digest, link):
    """Whether the file ``copy`` holds the bytes of ``digest``, and is no
    link to a page where it must be a copy (``mirror_pages``)."""
    try:
        with open(copy, "rb") as kept:
            if not link and os.fstat(kept.fileno()).st_nlink > 1:
                return False
            return _digest(kept.read()) == digest
    except FileNotFoundError:
        return False


def _mirror(page, copy, link, scanned):
    """Put ``page`` at ``copy``, a hard link where ``link`` and the file
    system allow it, else a copy; returns the digest of its bytes: for a
    link, ``scanned``, the page's as scanned (the build that links writes
    no page meanwhile; were one written, the next build's scan would
    differ from the part's fingerprint, and make the part again)."""
    os.makedirs(os.path.dirname(copy), exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.remove(copy)  # a link is never written through
    if link:
        try:
            os.link(page, copy)
            return scanned
        except FileNotFoundError:
            raise
        except OSError:  # the cache on another file system: copied
            pass
    with open(page, "rb") as source:
        text = source.read()
    with open(copy, "wb") as target:
        target.write(text)
    return _digest(text)


def pagefind_identity():
    """Which Pagefind indexes: the Python package's version, and the binary."""
    binary = os.environ.get("PAGEFIND_BINARY_PATH", "")
    size = os.stat(binary).st_size if binary else None
    return f"{version('pagefind')} {binary} {size}"


def fingerprint(digests):
    """What a part depends on: its pages (``{path: digest}``) and Pagefind itself."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{pagefind_identity()}\n".encode())
    for path, page in digests.items():
        digest.update(path.encode() + b"\0" + page)
    return digest.hexdigest()


def _hashed(name):
    """Whether Pagefind names this file by a hash of its content (fragments,
    index chunks, filters, metadata): one of that name is the same file."""
    return name.endswith((".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"))


def _place(source, target):
    """Put the part's file ``source`` at ``target`` in the bundle, sharing it
    (a hard link: parts are never changed once written; a copy across file
    systems). A file already there stays where it is the same: most files
    of a part made again are (the same file, ``index_part``), and linking
    all of them again cost the bundle up to half a second."""
    if os.path.exists(target) and (
        os.path.samefile(source, target) or filecmp.cmp(source, target, shallow=False)
    ):
        return  # a content name can come back with other content, so a name alone is not enough
    new = target + ".new"
    with contextlib.suppress(FileNotFoundError):
        os.remove(new)
    try:
        os.link(source, new)
    except OSError:
        shutil.copyfile(source, new)
    os.replace(new, target)  # a visitor is served the old file or the new, never half


def _files(folder):
    """The relative paths of the files under ``folder``, with ``/``."""
    return {relative for relative, _entry in files_under(folder)}


async def index_folder(folder, output):
    """Index ``folder`` into ``output`` with Pagefind's Python API."""
    async with PagefindIndex(config=IndexConfig(output_path=output)) as index:
        await index.add_directory(folder)


def run_pagefind(folder, output):
    """Index ``folder`` into ``output`` with Pagefind's command line (the
    binary the Python package finds): the same bundle as ``index_folder``
    (a test compares them), in two thirds of the time. The API's service
    writes a bundle with some 370 threads, and polls for each reply every
    0.1 s: a part of a thousand pages took 1.5 s, against 1.0 s."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("Pagefind's binary is missing (run `make install`)")
    folder, output = os.path.abspath(folder), os.path.abspath(output)
    command = [str(binary), "--site", folder, "--output-path", output, "--silent"]
    # Run beside the part, where no pagefind.yml of anyone's can change the options.
    result = subprocess.run(
        command, cwd=os.path.dirname(output), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise PagefindFailedError(
            f"{' '.join(command)} failed ({result.returncode}): "
            + (result.stderr or result.stdout).strip()
        )


def index_part(pages, output):
    """Index the folder ``pages`` into the bundle folder ``output``.

    Pagefind reads copies of the pages (``mirror_pages``), at the same paths
    (so with the same URLs): exactly the bytes fingerprinted, which a build
    rewriting the site meanwhile (``make serve``) cannot change (a build
    that waits for its index links them instead: it rewrites nothing
    meanwhile). Returns the number of pages Pagefind indexed.

    A part is made again in its own folder: Pagefind names most files by
    their content and writes only those it does not find, so the files of
    the pages that did not change are not written again (half the time of
    a part of a thousand pages); those the new index no longer names are
    removed after (``remove_unnamed``). Files of fixed names (Pagefind's
    scripts, the entry) are removed before, and the whole folder where
    another Pagefind made it.
    """
    os.makedirs(pages, exist_ok=True)
    with os.scandir(pages) as entries:
        empty = next(entries, None) is None
    made_with = output + ".made-with"  # Pagefind's identity, once a run has ended well
    if empty or _read(made_with) != pagefind_identity():
        shutil.rmtree(output, ignore_errors=True)  # none yet, another Pagefind, or cut short
    elif os.path.isdir(output):
        for entry in os.scandir(output):
            if entry.is_file() and not _hashed(entry.name):
                os.remove(entry.path)
    with contextlib.suppress(FileNotFoundError):
        os.remove(made_with)
    if empty:  # Pagefind's command line refuses a site without pages; its API does not
        asyncio.run(index_folder(pages, output))
    else:
        run_pagefind(pages, output)
        remove_unnamed(output)
        if not names_match(output):
            # A short content name (7 hex digits) came back for other
            # content, and Pagefind kept the file of the run before.
            logger.info("%s: a kept file's content is not its name's; made from scratch", output)
            shutil.rmtree(output)
            run_pagefind(pages, output)
    with open(made_with, "w", encoding="utf-8") as target:
        target.write(pagefind_identity())
    return page_count(output)


def _read(path):
    try:
        with open(path, encoding="utf-8") as source:
            return source.read()
    except FileNotFoundError:
        return None


def remove_unnamed(part):
    """Remove the content-named files of the bundle folder ``part`` that its
    index does not name: its metadata (CBOR, after Pagefind's signature)
    names every page's fragment, index chunk and filter file."""
    with open(os.path.join(part, ENTRY), encoding="utf-8") as entry:
        indexes = json.load(entry)["languages"].values()
    metas = {f"pagefind.{index['hash']}.pf_meta" for index in indexes}
    named = set()
    for meta in metas:
        with gzip.open(os.path.join(part, meta)) as source:
            named.update(_texts(cbor2.loads(source.read().removeprefix(SIGNATURE))))
    for relative in _files(part):
        name = os.path.basename(relative)
        if _hashed(name) and name not in metas and name.rpartition(".")[0] not in named:
            os.remove(os.path.join(part, relative))


def names_match(part):
    """Whether each content-named file of the bundle folder ``part`` has
    the content its name says: the name starts Pagefind's hash of it (SHA-1
    of the unzipped bytes after the signature, each byte in hex unpadded)."""
    for relative in _files(part):
        if not _hashed(relative):
            continue
        stem = os.path.basename(relative).rpartition(".")[0]
        with open(os.path.join(part, relative), "rb") as source:
            data = gzip.decompress(source.read()).removeprefix(SIGNATURE)
        content = "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
        if not content.startswith(stem.rpartition("_")[2]):
            return False
    return True


def _texts(value):
    """Every text in a value decoded from CBOR (lists of lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def page_count(part):
    with open(os.path.join(part, ENTRY), encoding="utf-8") as entry:
        return sum(index["page_count"] for index in json.load(entry)["languages"].values())


def update(parts, bundle):
    """Make ``bundle`` hold the files of ``parts`` (bundle folders), with one
    entry listing all their languages; returns the relative paths it holds.

    The files the entry names are all in place before it is replaced, so a
    visitor is served the old index or the new one: the bundle is updated in
    place, not made again (files no longer named are removed afterwards,
    ``remove_others``).
    """
    entry, held, folders = None, {ENTRY}, set()
    for part in parts:
        for relative in _files(part) - {ENTRY}:
            target = os.path.join(bundle, relative)
            if os.path.dirname(target) not in folders:
                folders.add(os.path.dirname(target))
                os.makedirs(os.path.dirname(target), exist_ok=True)
            _place(os.path.join(part, relative), target)
            held.add(relative)
        with open(os.path.join(part, ENTRY), encoding="utf-8") as source:
            part_entry = json.load(source)
        if entry is None:
            entry = part_entry
        else:
            entry["languages"].update(part_entry["languages"])
    _write_json(os.path.join(bundle, ENTRY), entry)
    return held


def _write_json(path, value):
    """Replace the file ``path`` with ``value`` in JSON, as Pagefind writes it."""
    with open(path + ".new", "w", encoding="utf-8") as target:
        json.dump(value, target, ensure_ascii=False, separators=(",", ":"))
    os.replace(path + ".new", path)


def remove_others(bundle, held):
    """Remove the files of ``bundle`` not in ``held``, and folders left empty."""
    for relative in _files(bundle) - held:
        os.remove(os.path.join(bundle, relative))
    for current, _folders, _names in os.walk(bundle, topdown=False):
        if current != bundle and not os.listdir(current):
            os.rmdir(current)


class KeptParts:
    """Where parts, the fingerprints of their pages, and copies of (or links
    to) those pages (``<name>.pages``) are kept between builds."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    def path(self, name):
        return os.path.join(self.folder, name)

    def copies(self, name):
        """The folder of the copies of part ``name``'s pages, which Pagefind reads."""
        return self.path(name) + ".pages"

    def current(self, name, made_from):
        """Whether the kept part ``name`` was made from the same pages."""
        kept = _read(self.path(name) + ".fingerprint")
        return kept == made_from and os.path.isdir(self.path(name))

    def stage(self, name, site, digests, reuse, link):
        """None if the kept part ``name`` was made from the pages ``digests``
        (``{path: digest}``) names, as they are (where ``reuse``); else the
        part to make again, its pages copied or linked (``mirror_pages``)."""
        if reuse and self.current(name, fingerprint(digests)):
            return None
        copied = mirror_pages(site, digests, self.copies(name), link)
        return StagedPart(name, fingerprint(copied), len(copied))

    def make(self, part):
        """Index a staged part; returns the number of pages Pagefind indexed."""
        # The fingerprint goes first and comes back last, and only for a
        # whole part: one cut short, or missing a page Pagefind did not
        # index, is made again by the next build.
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path(part.name) + ".fingerprint")
        indexed = index_part(self.copies(part.name), self.path(part.name))
        if indexed == part.pages:
            with open(self.path(part.name) + ".fingerprint", "w", encoding="utf-8") as kept:
                kept.write(part.made_from)
        else:
            logger.warning(
                "Pagefind indexed %d of the %d pages of the search index's part %s "
                "(a page changed while it read them?); the next build indexes it again",
                indexed,
                part.pages,
                part.name,
            )
        return indexed

    def keep_only(self, names):
        """Drop the parts a smaller site no longer has (and their pages' copies)."""
        for entry in os.listdir(self.folder):
            if entry.partition(".")[0] not in names:
                path = self.path(entry)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


@dataclasses.dataclass(frozen=True)
class StagedPart:
    """A part to make again: its pages are copied or linked (``KeptParts.copies``)."""

    name: str
    made_from: str  # the fingerprint of the copies
    pages: int


class StagedBundle:
    """A bundle whose parts are decided: each kept, or staged to be made again."""

    def __init__(self, kept_parts, parts, temporary=False):
        self.kept_parts = kept_parts
        self.parts = parts  # {code: [(name, StagedPart or None if kept)]}, codes with pages
        self.temporary = temporary  # the parts' folder is removed once written

    def write(self, bundle):
        """Make the staged parts and update the bundle ``bundle`` with them.

        The languages are indexed side by side, each one part at a time:
        the memory needed is one part of each language, and Pagefind, which
        works mostly on one core, gets the others. Returns ``(pages,
        kept)``: the number of pages indexed in each language, and the
        names of the parts kept.
        """
        try:
            return self._write(bundle)
        finally:
            if self.temporary:
                shutil.rmtree(self.kept_parts.folder, ignore_errors=True)

    def _write(self, bundle):
        kept_parts = self.kept_parts

        def index_language(code):
            """The number of pages indexed in ``code``'s parts."""
            return sum(
                page_count(kept_parts.path(name)) if part is None else kept_parts.make(part)
                for name, part in self.parts[code]
            )

        with ThreadPoolExecutor(max_workers=max(1, len(self.parts))) as pool:
            indexed = dict(zip(self.parts, pool.map(index_language, self.parts), strict=True))
        if not indexed:  # nothing marked for search: Pagefind's scripts, and an index of nothing
            index_part(kept_parts.copies(EMPTY), kept_parts.path(EMPTY))
        names = {code: [name for name, _ in parts] for code, parts in self.parts.items()}
        os.makedirs(bundle, exist_ok=True)
        further, held = {}, {PARTS}
        for code, code_names in names.items():
            further[code] = [f"{name}/" for name in code_names[1:]]
            for name in code_names[1:]:
                placed = update([kept_parts.path(name)], os.path.join(bundle, name))
                held |= {f"{name}/{relative}" for relative in placed}
        kept_parts.keep_only(
            {name for code_names in names.values() for name in code_names} | {EMPTY}
        )
        held |= update([kept_parts.path(code) for code in indexed or [EMPTY]], bundle)
        _write_json(os.path.join(bundle, PARTS), further)
        remove_others(bundle, held)
        kept = [name for parts in self.parts.values() for name, part in parts if part is None]
        return indexed, kept


def stage_bundle(
    site, languages, kept_in, part_pages, reuse=True, facts=None, temporary=False, link=False
):
    """Split ``site``'s pages into parts; keep each part made from the same
    pages (where ``reuse``), and copy the pages of the others (or link them,
    where ``link``: ``mirror_pages``). Returns the StagedBundle, to ``write``
    (which removes ``kept_in`` if ``temporary``).

    Meant to run before other work starts beside the indexing: a thread
    copying a thousand small files beside the link check spent seconds
    waiting for its turn, which Pagefind, a process of its own, does not.
    The calling thread waits while two threads stage the parts: copying is
    mostly waiting on the file system, and took half as long again in one.
    """
    kept_parts = KeptParts(kept_in)
    facts = facts or PageFacts({}, site, "search")
    to_stage = {}  # {code: [(name, {path: digest})]}
    for code, paths in pages_by_language(site, languages, facts).items():
        if not paths:
            continue
        shares = split(paths, part_pages)
        names = [code, *(f"{code}-{number}" for number in range(1, len(shares)))]
        digests = [{path: facts.found[path][1] for path in share} for share in shares]
        to_stage[code] = list(zip(names, digests, strict=True))

    def stage(part):
        name, digests = part
        return name, kept_parts.stage(name, site, digests, reuse, link)

    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            staging = {code: pool.map(stage, parts) for code, parts in to_stage.items()}
            parts = {code: list(staged) for code, staged in staging.items()}
        except BaseException:
            pool.shutdown(cancel_futures=True)  # not the parts still to copy
            raise
    return StagedBundle(kept_parts, parts, temporary)


def write_bundle(site, bundle, languages, kept_in, part_pages, reuse=True, facts=None, link=False):
    """Index ``site`` into ``bundle`` part by part; returns ``(pages, kept)``
    as ``StagedBundle.write``."""
    staged = stage_bundle(site, languages, kept_in, part_pages, reuse, facts, link=link)
    return staged.write(bundle)
