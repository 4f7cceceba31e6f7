"""Writing the site on every core, then the steps that read the written site.

Adds:
- a writer (``get_writer``) that, as writing begins, forks
  ``WRITING_WORKERS - 1`` worker processes. Every output file belongs to one
  process, chosen by a stable hash of its path; each process renders and
  writes only its own files, so rendering, the largest part of a build, is
  shared between the cores. Workers share the build's context through
  ``fork`` (copy-on-write) and run every generator's ``generate_output``
  except Pelican's static files, which the main process copies.
- edited pages first: when a process builds again (``make serve``), pages
  of the content files changed since its previous build are rendered
  first, then pages that show no single item (lists, homes, catalog
  facets), then the rest. Every page is still rendered, so the site is the
  same as a build from scratch; the one being edited is on disk sooner.
- no stale pages: a file the previous build into the same folder wrote and
  this one did not (the page of a deleted article) is deleted (``stale.py``).
- ``after_writing(step, order)``: plugins register here, instead of on
  ``finalized``, the work that reads the written site (link check, search
  index, sitemap, optimization). Steps run once every worker has finished,
  by ``order``; Pelican itself runs ``finalized`` receivers in no fixed
  order. A step registered with ``in_every_worker=True`` also runs in each
  worker before it exits (for state a worker holds, such as cached QR codes).
- ``page_sources()``: the content file each page of the last build
  showed, where it showed one item (the link check names it).
- ``owns(writer, name)``: whether this process writes ``name``, for
  generators that write files themselves (calendars).
- ``facts.find_when_written(find)``: a step after writing that needs
  something of every page (the link check, the sitemap, the search index)
  has the writing processes find it as they write each page, and reads
  none of those pages again (``facts.py``).

Workers log to standard error without Pelican's console, and exit with
``os._exit``; workers left by a build that failed in the main process are
stopped by the next build, or when Pelican exits. The content read is
frozen (``gc.freeze``) from reading on: the collector's full passes skip
it; the next build in the same process frees it when it ends.

Signals: ``generator_init`` (notes when a build starts),
``all_generators_finalized`` (keeps the generators for the workers),
``get_writer`` (this build's writer, which finds the edited files and forks
the workers), ``finalized`` (waits for the workers, removes stale files,
runs the steps).
"""

import atexit
import gc
import logging
import os
import time
from collections import Counter
from fnmatch import fnmatch

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.log import console

from . import reuse
from . import settings as plugin_settings
from .facts import forget_pages, list_pages, qualified_name
from .stale import keep_files, previous_files, remove_stale, static_files
from .workers import SharedWriter, WorkerFailedError, Workers, owner, rank, shows

__all__ = [
    "after_writing",
    "current_worker",
    "edited_files",
    "owner",
    "owns",
    "page_sources",
    "previous_build",
    "rank",
    "record_written",
    "remove_stale",
    "shows",
]

logger = logging.getLogger(__name__)

# The build in progress: its context (a new one each build), Pelican,
# writer and generators, and when it started reading.
_build = {"context": None, "pelican": None, "writer": None, "generators": [], "started": None}
# The last build that finished in this process: when it started reading,
# its generators, and its writer's calls ({name: (args, kwargs)}), so that
# the `incremental` plugin can write its pages again.
_previous = {}
_steps = {}  # "module.name" -> (order, in_every_worker, step)
_workers = Workers()
atexit.register(_workers.stop)
# What is left at exit is frozen too: the interpreter's last full pass
# over a build's millions of objects took about 0.9 s of a 12 s warm build
# (the operating system frees the memory).
atexit.register(gc.freeze)
_frozen = {"builds": 0}  # builds whose content was frozen since the last collection


def after_writing(step, order, *, in_every_worker=False):
    """Run ``step(pelican)`` once the whole site is on disk, by ``order``."""
    _steps[qualified_name(step)] = (order, in_every_worker, step)


def previous_build():
    """The last build this process finished (``started``, ``generators``, ``calls``), or {}."""
    return _previous


def page_sources():
    """``{page: source path}`` of the pages the last build wrote that show
    one item (its ``article``, ``page``, ``program`` ...), by their output
    path relative to the output folder; lists show none."""
    return {
        name: value.source_path
        for name, (_args, variables) in _previous.get("calls", {}).items()
        for value in variables.values()
        if isinstance(getattr(value, "source_path", None), str)
    }


def current_worker():
    """This process's index among the writing processes (0 for Pelican's own)."""
    writer = _build["writer"]
    return writer.index if writer is not None else 0


def owns(writer, name):
    """Whether the process holding ``writer`` writes the output file ``name``."""
    return not isinstance(writer, SharedWriter) or writer.owns(name)


def record_written(writer, path):
    """Note a file a generator wrote itself, so that it is not taken for stale."""
    if isinstance(writer, SharedWriter):
        writer.by_hand.add(path)


def _ignored(name, patterns):
    # Editors' lock, swap and backup files are not content.
    return name.startswith(".") or name.endswith("~") or any(fnmatch(name, p) for p in patterns)


def edited_since(folder, since, ignored=()):
    """The files under ``folder`` modified at or after ``since`` (a timestamp),
    except hidden and backup files and those matching ``ignored``."""
    edited = set()
    for path, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not _ignored(name, ignored)]  # .git/, .obsidian/
        for name in names:
            if _ignored(name, ignored):
                continue
            try:
                if os.stat(os.path.join(path, name)).st_mtime >= since:
                    edited.add(os.path.join(path, name))
            except OSError:  # deleted meanwhile, or a dangling link
                continue
    return frozenset(edited)


_edited = {"context": None, "files": frozenset()}  # of the build in progress


def edited_files(generator):
    """The content files edited since the previous build in this process
    started (none for a first build); looked for once per build."""
    if _edited["context"] is not generator.context:
        files = frozenset()
        if _previous:
            ignored = generator.settings.get("IGNORE_FILES", ())
            files = edited_since(generator.path, _previous["started"], ignored)
        _edited.update(context=generator.context, files=files)
    return _edited["files"]


def _run_steps(pelican, worker):
    for _order, in_every_worker, step in sorted(_steps.values(), key=lambda entry: entry[0]):
        if in_every_worker or not worker:
            step(pelican)


def note_start(generator):
    if _build["context"] is not generator.context:  # the first generator of a build
        unfinished = _build["writer"]
        if unfinished is not None:  # the previous build failed while writing
            _workers.stop()
            _keep_written(generator.settings, unfinished.output_path, unfinished.written())
        _build.update(context=generator.context, writer=None, generators=[])
        _build["started"] = time.time()
        if _frozen["builds"] > 1:  # a build that failed before it ended is garbage
            _collect_earlier_builds()
        _frozen["builds"] += 1
    gc.freeze()  # what the generators before this one read (see BuildWriter)


def _collect_earlier_builds():
    """Free what earlier builds in this process left (`make serve`), and
    freeze this build's content again.

    A build's content stays frozen after it ends, so that `make serve`'s
    quick pass, between builds, never waits for a full pass over it (one
    took half a second). The build before is garbage once this one has
    ended, or failed.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _frozen["builds"] = 1


def _keep_written(settings, output, written, replace=False):
    """Note the files a build wrote; a build that failed adds to the previous list,
    so that what it wrote is still removed once its content is gone."""
    previous = frozenset() if replace else previous_files(settings, output)
    keep_files(settings, output, previous | written)


def keep_generators(generators):
    _build["generators"] = generators


def get_writer(pelican):
    _build["pelican"] = pelican
    return BuildWriter


class BuildWriter(SharedWriter):
    """This build's writer: forks the workers, which write their pages, as it is made."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        forget_pages(output_path)  # what a build that failed noted
        _build["writer"] = self
        self.workers = plugin_settings.get(self.settings, "WRITING_WORKERS")
        if _build["generators"]:
            self.edited = edited_files(_build["generators"][0])
        if self.settings.get("CACHE_CONTENT"):
            self.pages = reuse.Pages(self.settings, output_path)
        reuse.use(self.pages)
        # The content read (millions of objects) lives until the build ends:
        # frozen, the collector's full passes while writing skip it (they
        # took 1 s of a 10 s warm build in each process). The next build in
        # this process frees it (`_collect_earlier_builds`).
        gc.freeze()
        _workers.start(self, _build["generators"], _finish_worker)
        self.load_records()


def record_templates(generator):
    """Have the generator's templates note what they read, for the next build;
    templates are kept compiled in the cache folder (Jinja's bytecode cache,
    which compiles a template again when its source changes): compiling
    them took 0.15 s of each writing process in every build."""
    if generator.settings.get("CACHE_CONTENT"):
        reuse.install(generator.env)
        folder = os.path.join(generator.settings["CACHE_PATH"], "templates")
        os.makedirs(folder, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def save_records(pelican):
    """Keep what this process's pages read; report the pages rendered again."""
    pages = reuse.use(None)
    if pages is None:
        return
    pages.save(current_worker(), plugin_settings.get(pelican.settings, "WRITING_WORKERS"))
    if current_worker() == 0 and pages.previous:
        counts = _workers.counts + Counter(pages.counts())
        console.print(
            f"Pages: {counts['rendered']} rendered, "
            f"{counts['kept']} unchanged since the last build and kept"
        )


def _finish_worker(writer):
    _run_steps(_build["pelican"], worker=True)


def finish_writing(pelican):
    writer, generators, settings = _build["writer"], _build["generators"], pelican.settings
    output = pelican.output_path
    _previous.clear()
    _build["writer"] = None
    try:
        writer.write_queued()
        written = _workers.wait() | writer.written() | static_files(generators)
    except WorkerFailedError as error:
        _keep_written(settings, output, error.written | writer.written())
        raise
    except Exception:
        _workers.stop()
        _keep_written(settings, output, writer.written())
        raise
    removed = remove_stale(output, previous_files(settings, output), written)
    if removed:
        files = "file" if len(removed) == 1 else "files"
        console.print(f"Removed {len(removed)} {files} whose content is gone: {', '.join(removed)}")
    _keep_written(settings, output, written, replace=True)
    _previous.update(started=_build["started"], generators=generators, calls=writer.calls)
    list_pages(output)
    try:
        _run_steps(pelican, worker=False)
    finally:
        forget_pages(output)
        if _frozen["builds"] > 1:
            _collect_earlier_builds()


def register():
    signals.generator_init.connect(note_start)
    signals.generator_init.connect(record_templates)
    signals.all_generators_finalized.connect(keep_generators)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish_writing)
    after_writing(save_records, order=1, in_every_worker=True)
