"""The writer that shares the pages between processes, and its workers."""

import gc
import io
import logging
import os
import pickle
import signal
import sys
import zlib
from collections import Counter
from functools import partial

from pelican.generators import StaticGenerator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import pickles
from .facts import add_noted, noted, noting

logger = logging.getLogger(__name__)


class WorkerFailedError(RuntimeError):
    """A worker process stopped before writing all its pages.

    ``written`` holds what the other workers wrote.
    """

    def __init__(self, message, written):
        super().__init__(message)
        self.written = written


def owner(name, workers):
    """The index of the process that writes the output file ``name``."""
    return zlib.crc32(name.replace(os.sep, "/").encode()) % workers


def shows(variables, edited, depth=2):
    """Whether a page's variables hold an item of an ``edited`` file, also in lists and maps."""
    for value in variables.values() if isinstance(variables, dict) else variables:
        if getattr(value, "source_path", None) in edited:
            return True
        if depth and isinstance(value, (list, tuple, dict)) and shows(value, edited, depth - 1):
            return True
    return False


def rank(variables, edited):
    """When a page is rendered: 0 shows an edited item, 1 shows no single item, 2 the rest."""
    if shows(variables, edited, depth=0):
        return 0
    return 2 if any(hasattr(value, "source_path") for value in variables.values()) else 1


class OwnPagesOnly:
    """A paginated list's template that renders only the pages its writer's
    process writes (Pelican renders every page of a list in one call).

    Pelican's other steps still run for another process's page: its folder
    is made, "Writing" is logged, and ``content_written`` is sent (no
    plugin of this site listens to it), with nothing written.
    """

    def __init__(self, template, writer):
        self.template, self.writer = template, writer

    def render(self, variables):
        name = variables["output_file"]
        if self.writer.owns(name):
            return self.template.render(variables)
        self.writer.others.add(sanitised_join(self.writer.output_path, name))
        return ""


class SharedWriter(Writer):
    """Pelican's writer, writing only the files of its own process.

    ``edited`` (source paths) holds pages back and writes them edited
    first (``write_queued``); ``calls`` keeps every page's arguments in the
    main process, for the `incremental` plugin.
    """

    index = 0  # 0 in Pelican's own process, 1... in the workers
    workers = 1
    edited = frozenset()
    pages = None  # reuse.Pages, where the content cache is on

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.queue = []  # (rank, write) while edited pages go first
        self.calls = {}  # name -> (args, kwargs), every page of the build
        self.by_hand = set()  # files generators wrote themselves (calendars)
        self.others = set()  # paths of list pages other processes write
        self.paginated = self.settings.get("PAGINATED_TEMPLATES", {})

    def owns(self, name):
        return owner(name, self.workers) == self.index

    def load_records(self):
        """This process's page records of the last build (``reuse.Pages``),
        loaded by each process once forked, side by side."""
        if self.pages is not None and self.settings.get("LOAD_CONTENT_CACHE"):
            self.pages.load(self.index)
            gc.freeze()  # as the content read (see BuildWriter)

    def write_file(self, name, *args, **kwargs):
        if name and self.index == 0:
            self.calls[name] = (args, kwargs)
        if name and self.workers > 1 and kwargs.get("template_name") in self.paginated:
            # A list's pages are shared out one by one: a language's news
            # list has hundreds, all of them once in one process.
            template, *rest = args
            args = (OwnPagesOnly(template, self), *rest)
        elif name and not self.owns(name):
            return
        if not self.edited:
            super().write_file(name, *args, **kwargs)
            return
        write = partial(super().write_file, name, *args, **kwargs)
        self.queue.append((rank(kwargs, self.edited), write))

    def _open_w(self, filename, encoding, override=False):
        if filename in self.others:  # another process's page of a list
            return io.StringIO()
        if self.pages is None or filename not in self.pages.kept:
            return noting(super()._open_w(filename, encoding, override), self.output_path, filename)
        # A page kept as the last build wrote it: noted as written, not
        # opened (what Pelican writes to it, nothing, goes nowhere).
        self._written_files.add(filename)
        return io.StringIO()

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

    def written(self):
        """The files this process wrote, relative to the output folder."""
        return {
            os.path.relpath(path, self.output_path).replace(os.sep, "/")
            for path in self._written_files | self.by_hand
        }


class Workers:
    """The forked processes writing their share of a build's pages."""

    def __init__(self):
        self.running = []  # (pid, pipe the worker sends its written files on)
        self.counts = Counter()  # pages the workers rendered, and kept, in the last build

    def start(self, writer, generators, finish):
        """Fork ``writer.workers - 1`` workers; each writes its pages, calls
        ``finish(writer)`` and exits. Returns in the main process only."""
        self.stop()  # a build that failed midway may have left some
        self.counts = Counter()
        self.output = writer.output_path
        for index in range(1, writer.workers):
            self.running.append(fork(partial(_work, writer, generators, finish, index)))

    def wait(self):
        """Wait for every worker; the files they wrote. Raises if one failed."""
        written, failed = set(), 0
        while self.running:
            pid, pipe_out = self.running[0]
            with os.fdopen(pipe_out, "rb") as pipe:
                sent = pipe.read()
            status = os.waitpid(pid, 0)[1]
            self.running.pop(0)  # handled: never signalled or closed again
            if status != 0 or not sent:
                failed += 1
            else:
                sent = pickles.loads(sent)  # every page's findings: many objects
                written.update(sent["written"])
                self.counts.update(sent["counts"])
                add_noted(self.output, sent["noted"])
        if failed:
            raise WorkerFailedError(
                f"{failed} writing process(es) stopped; the error is logged above", written
            )
        return written

    def stop(self):
        """Stop workers whose build failed in the main process."""
        while self.running:
            pid, pipe_out = self.running.pop(0)
            os.close(pipe_out)
            end(pid)


def fork(life):
    """Fork a process that runs ``life(pipe)``, ``pipe`` the file descriptor
    it sends on; ``life`` never returns (it ends with ``os._exit``).
    Returns the process id and the descriptor to read what it sends."""
    pipe_out, pipe_in = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(pipe_out)
        os.close(pipe_in)
        raise
    if pid == 0:
        os.close(pipe_out)
        life(pipe_in)
    os.close(pipe_in)
    return pid, pipe_out


def end(pid):
    """Stop the forked process ``pid``, if it has not ended, and reap it."""
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass  # it had already ended and been reaped


def plain_output(handler):
    """Print without the main process's Rich console, and log to
    ``handler`` only, in a forked process: another thread (Pelican's
    progress spinner) may have held the console's lock at the fork, and a
    process waiting for it would wait forever."""
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    logging.getLogger().handlers[:] = [handler]


def _work(writer, generators, finish, index, pipe_in):
    """A worker's life: write its pages, send their names, exit."""
    status = 1
    try:
        writer.index = index
        to_stderr = logging.StreamHandler(sys.__stderr__)
        to_stderr.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        plain_output(to_stderr)
        writer.load_records()
        for generator in generators:
            if hasattr(generator, "generate_output") and not isinstance(generator, StaticGenerator):
                generator.generate_output(writer)
        writer.write_queued()
        finish(writer)
        with os.fdopen(pipe_in, "wb") as pipe:
            sent = {
                "written": writer.written(),
                "counts": writer.pages.counts() if writer.pages else {},
                "noted": noted(writer.output_path),  # what the steps after writing find
            }
            pickle.dump(sent, pipe, pickle.HIGHEST_PROTOCOL)
        status = 0
    except Exception:
        logger.exception("Writing process %d stopped", writer.index)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # A forked child ends with os._exit: a normal exit would run the
        # main process's exit handlers (temporary folders, caches) again.
        os._exit(status)
