"""What the steps after writing find in each written page, kept between builds.

The link check, the sitemap and the search index each need something of
every page of the site. A step that registers its finder
(``find_when_written(find)``) has it run by the writing processes on each page
as they write it, on both cores, from the text in memory: the step then
reads none of those pages from disk (a cold build's steps read 8,000
pages, one after another, in the main process). A page kept from the
last build (``reuse.py``) is the same file, so what a step found in it
then holds now: with Pelican's content cache on, each step's findings
are kept in the cache folder with each file's size and modification
time, and only the pages written since are found again (where
``LOAD_CONTENT_CACHE`` is on, as for Pelican's own cache). Either way a
finding counts only for the file as it was found: a page changed since
is read again. The written site's pages are listed once for all the
steps (``list_pages``).
"""

import os
import zlib

from . import pickles

FACTS = "facts-{step}-{folder:08x}.pickle"  # in CACHE_PATH

_finders = {}  # "module.name" -> find(text), run on every page as it is written
# Output folder -> {relative path: ((size, mtime_ns), {finder's name: found})}
# of the pages this build wrote, from every writing process.
_noted = {}


def qualified_name(function):
    """``module.name`` of a function: the key of a finder, or of a step after writing."""
    return f"{function.__module__}.{function.__qualname__}"


def find_when_written(find):
    """Have the writing processes run ``find`` on each page they write, for
    the ``PageFacts.read(find)`` of a step after writing."""
    _finders[qualified_name(find)] = find


class NotingFile:
    """A page's file as it is written: once it is complete, the steps'
    finders run on its text, noted with the file's size and time."""

    def __init__(self, file, output, path):
        self.file, self.parts = file, []
        self.noted = _noted.setdefault(os.path.abspath(output), {})
        self.relative = os.path.relpath(path, output).replace(os.sep, "/")

    def write(self, text):
        self.parts.append(text)
        return self.file.write(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        try:
            if kind is None:
                self.file.flush()
                stat = os.fstat(self.file.fileno())
                text = "".join(self.parts)
                found = {name: find(text) for name, find in _finders.items()}
                self.noted[self.relative] = ((stat.st_size, stat.st_mtime_ns), found)
        finally:
            self.file.close()


def noting(file, output, path):
    """``file``, the page ``path`` being written, noted for the steps that
    find in pages (not where Pelican writes a page again to ``os.devnull``)."""
    if _finders and path.endswith(".html") and getattr(file, "name", None) == path:
        return NotingFile(file, output, path)
    return file


def noted(output):
    """What this process noted of the pages it wrote into ``output``."""
    return _noted.get(os.path.abspath(output), {})


def add_noted(output, pages):
    """Add what another writing process noted of its pages."""
    _noted.setdefault(os.path.abspath(output), {}).update(pages)


class PageFacts:
    """One step's findings in the pages of one output folder.

    After ``read``: ``changed`` holds the pages read again, ``previous``
    the last build's findings, and ``previous_notes`` what the step noted
    besides (``notes``, saved with the findings); both are empty without a
    cache.
    """

    def __init__(self, settings, output, step):
        self.output = output
        self.path = None  # no cache: every page is read
        self.reuse = settings.get("LOAD_CONTENT_CACHE", False)  # else only written
        if settings.get("CACHE_CONTENT"):
            folder = zlib.crc32(os.path.abspath(output).encode())
            name = FACTS.format(step=step, folder=folder)
            self.path = os.path.join(settings["CACHE_PATH"], name)
        self.previous, self.previous_notes, self.notes = {}, None, None
        self.changed, self.found, self.signatures = set(), {}, {}

    def read(self, find):
        """``{relative path: find(text)}`` for every page."""
        kept = self._load()
        written = noted(self.output)
        name = qualified_name(find)
        for relative, entry in _pages(self.output):
            try:
                stat = entry.stat()
                signature = (stat.st_size, stat.st_mtime_ns)
                if kept.get(relative, (None,))[0] == signature:
                    self.found[relative] = kept[relative][1]
                elif (note := written.get(relative)) and note[0] == signature and name in note[1]:
                    self.found[relative] = note[1][name]
                    self.changed.add(relative)
                else:
                    with open(entry.path, encoding="utf-8", newline="") as page:
                        self.found[relative] = find(page.read())
                    self.changed.add(relative)
            except FileNotFoundError:  # removed since it was listed: as os.walk, not there
                continue
            self.signatures[relative] = signature
        return self.found

    def _load(self):
        if self.path is None or not self.reuse:
            return {}
        loaded = pickles.load(self.path, length=2)
        if loaded is None:
            return {}
        self.previous_notes, kept = loaded
        self.previous = {relative: found for relative, (_, found) in kept.items()}
        return kept

    def save(self):
        """Keep the findings for the next build (a step saves only what it accepted)."""
        if self.path is None:
            return
        kept = {path: (self.signatures[path], found) for path, found in self.found.items()}
        pickles.save(self.path, (self.notes, kept))


_listed = {}  # output folder -> its pages, as listed once the site was written


def list_pages(output):
    """List the pages of the written site ``output`` once, for every step
    after writing (until ``forget_pages``): each looked through its 8,000
    folders (0.1 s) on its own. Nothing writes pages while the steps run."""
    _listed[os.path.abspath(output)] = list(files_under(output, ".html"))


def forget_pages(output):
    """Forget the listing of ``output``, and what was noted of its pages."""
    _listed.pop(os.path.abspath(output), None)
    _noted.pop(os.path.abspath(output), None)


def listed_pages(output):
    """The relative paths of the pages of ``output``."""
    return [relative for relative, _entry in _pages(output)]


def _pages(output):
    """``(relative path, os.DirEntry)`` of the pages of ``output``: as listed
    once written, or looked through where they were not."""
    return _listed.get(os.path.abspath(output)) or files_under(output, ".html")


def files_under(folder, suffix="", prefix=""):
    """``(relative path, os.DirEntry)`` of the files under ``folder`` ending in
    ``suffix``, folder links not followed (as ``os.walk``). The steps look
    through 8,000 folders after each build: ``os.walk``'s joining and
    ``os.path.relpath`` took a third of the time."""
    # Another step may remove a folder meanwhile (the search index removes
    # a part the site no longer has): as os.walk, a folder gone is skipped.
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from files_under(entry.path, suffix, f"{prefix}{entry.name}/")
        elif entry.name.endswith(suffix) and entry.is_file():
            yield prefix + entry.name, entry
