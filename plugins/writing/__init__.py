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
- no stale pages: once every page is written, pages, feeds and calendars
  that the build did not write (an article deleted since the previous
  build into the same folder) are deleted, with their emptied folders.
- ``after_writing(step, order)``: plugins register here, instead of on
  ``finalized``, the work that reads the written site (link check, search
  index, sitemap, optimization). Steps run once every worker has finished,
  by ``order``; Pelican itself runs ``finalized`` receivers in no fixed
  order. A step registered with ``in_every_worker=True`` also runs in each
  worker before it exits (for state a worker holds, such as cached QR codes).
- ``owns(writer, name)``: whether this process writes ``name``, for
  generators that write files themselves (calendars).

Signals: ``generator_init`` (notes when a build starts),
``all_generators_finalized`` (keeps the generators for the workers, finds
the edited files), ``get_writer``, ``finalized`` (waits for the workers,
runs the steps).
"""

import logging
import os
import sys
import tempfile
import time
import zlib
from functools import partial

from pelican import signals
from pelican.generators import StaticGenerator
from pelican.writers import Writer

from . import settings as plugin_settings

logger = logging.getLogger(__name__)


class WorkerFailedError(RuntimeError):
    """A worker process stopped before writing all its pages."""


# The build in progress: its Pelican, writer, generators and worker
# processes, the content files edited since this process's previous build,
# and when it started reading.
_build = {
    "pelican": None,
    "writer": None,
    "generators": [],
    "workers": [],
    "index": 0,
    "edited": frozenset(),
    "started": None,
}
# The last build that finished in this process: when it started reading,
# its generators, and its writer's calls ({name: (args, kwargs)}), so that
# the `incremental` plugin can write its pages again.
_previous = {}
_steps = {}  # "module.name" -> (order, in_every_worker, step)


def after_writing(step, order, *, in_every_worker=False):
    """Run ``step(pelican)`` once the whole site is on disk, by ``order``."""
    _steps[f"{step.__module__}.{step.__qualname__}"] = (order, in_every_worker, step)


def previous_build():
    """The last build this process finished (``started``, ``generators``, ``calls``), or {}."""
    return _previous


def current_worker():
    """This process's index among the writing processes (0 for Pelican's own)."""
    return _build["index"]


def owner(name, workers):
    """The index of the process that writes the output file ``name``."""
    return zlib.crc32(name.replace(os.sep, "/").encode()) % workers


def owns(writer, name):
    """Whether the process holding ``writer`` writes the output file ``name``."""
    return not isinstance(writer, SharedWriter) or writer.owns(name)


def edited_since(folder, since):
    """The files under ``folder`` modified at or after ``since`` (a timestamp)."""
    return frozenset(
        os.path.join(path, name)
        for path, _folders, names in os.walk(folder)
        for name in names
        if os.stat(os.path.join(path, name)).st_mtime >= since
    )


# What generators write on every build; anything else (static files,
# Pagefind's bundle) is written by whoever owns it.
GENERATED = (".html", ".xml", ".ics")


def _filesystem_now(folder):
    """The current time as the file system stamps files (a coarser clock than Python's)."""
    with tempfile.NamedTemporaryFile(dir=folder) as marker:
        return os.fstat(marker.fileno()).st_mtime_ns


def remove_stale(folder, since, kept=frozenset()):
    """Delete generated files under ``folder`` last written before ``since``; return them.

    ``kept`` are paths to leave alone (static files, which Pelican copies
    only when they change).
    """
    stale = [
        path
        for path in (
            os.path.join(base, name)
            for base, _folders, names in os.walk(folder)
            for name in names
            if name.endswith(GENERATED)
        )
        if path not in kept and os.stat(path).st_mtime_ns < since
    ]
    for path in stale:
        os.remove(path)
        logger.info("Deleted %s: the content it came from is gone", path)
        parent = os.path.dirname(path)
        while parent != folder and not os.listdir(parent):
            os.rmdir(parent)
            parent = os.path.dirname(parent)
    return stale


def pelican_static_files(output_path, generators):
    """The output paths of the static files Pelican copied or kept."""
    static = generators[0].context["static_content"].values() if generators else ()
    return frozenset(os.path.join(output_path, item.save_as) for item in static)


def rank(variables, edited):
    """When a page is rendered: 0 shows an edited item, 1 shows no single item, 2 the rest."""
    items = [value for value in variables.values() if hasattr(value, "source_path")]
    if any(item.source_path in edited for item in items):
        return 0
    return 2 if items else 1


class SharedWriter(Writer):
    """Pelican's writer, writing only the files of its own process."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.workers = plugin_settings.get(self.settings, "WRITING_WORKERS")
        self.index = 0
        self.queue = []  # (rank, write) while edited pages go first
        self.calls = {}  # name -> (args, kwargs), every page of the build
        os.makedirs(output_path, exist_ok=True)
        self.started = _filesystem_now(output_path)
        _wait_for_workers()  # a previous build that stopped early may have left some
        for index in range(1, self.workers):
            pid = os.fork()
            if pid == 0:
                self.index = _build["index"] = index
                _work(self)  # never returns
            _build["workers"].append(pid)
        _build["writer"] = self

    def owns(self, name):
        return owner(name, self.workers) == self.index

    def write_file(self, name, *args, **kwargs):
        if name and self.index == 0:
            self.calls[name] = (args, kwargs)
        if name and not self.owns(name):
            return
        if not _build["edited"]:
            super().write_file(name, *args, **kwargs)
            return
        write = partial(super().write_file, name, *args, **kwargs)
        self.queue.append((rank(kwargs, _build["edited"]), write))

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path and not self.owns(path):
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)

    def write_queued(self):
        """Write the pages held back, edited pages first (a stable sort)."""
        self.queue.sort(key=lambda entry: entry[0])
        for _rank, write in self.queue:
            write()
        self.queue.clear()


def _run_steps(pelican, worker):
    for _order, in_every_worker, step in sorted(_steps.values(), key=lambda entry: entry[0]):
        if in_every_worker or not worker:
            step(pelican)


def _work(writer):
    """A worker's life: write its files, run its steps, exit."""
    status = 1
    try:
        for generator in _build["generators"]:
            if hasattr(generator, "generate_output") and not isinstance(generator, StaticGenerator):
                generator.generate_output(writer)
        writer.write_queued()
        _run_steps(_build["pelican"], worker=True)
        status = 0
    except Exception:
        logger.exception("Writing process %d stopped", writer.index)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # A forked child ends with os._exit: a normal exit would run the
        # parent's exit handlers (temporary folders, caches) a second time.
        os._exit(status)


def _wait_for_workers():
    failed = [pid for pid in _build["workers"] if os.waitpid(pid, 0)[1] != 0]
    _build["workers"].clear()
    return failed


def note_start(generator):
    if _build["started"] is None:
        _build["started"] = time.time()


def keep_generators(generators):
    _build["generators"] = generators
    if _previous:
        _build["edited"] = edited_since(generators[0].path, _previous["started"])


def get_writer(pelican):
    _build["pelican"] = pelican
    return SharedWriter


def finish_writing(pelican):
    writer, generators = _build["writer"], _build["generators"]
    writer.write_queued()
    failed = _wait_for_workers()
    started = _build["started"]
    _build.update(pelican=None, writer=None, generators=[], edited=frozenset(), started=None)
    _previous.clear()
    if failed:
        raise WorkerFailedError(
            f"{len(failed)} writing process(es) stopped; the error is logged above"
        )
    static = pelican_static_files(pelican.output_path, generators)
    remove_stale(pelican.output_path, writer.started, static)
    _previous.update(started=started, generators=generators, calls=writer.calls)
    _run_steps(pelican, worker=False)


def register():
    signals.generator_init.connect(note_start)
    signals.all_generators_finalized.connect(keep_generators)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish_writing)
