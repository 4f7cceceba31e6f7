"""Reading the news on every core.

Adds: where a build has many news articles to read (a first build, CI's,
or one without Pelican's content cache), forked processes read a share of
them (front matter checked, Markdown rendered: most of reading) side by
side with Pelican, which reads the rest itself and takes the others' as it
comes to them. The site is the same as read in one process, and so are
the log's lines: what a reader logs while reading a file of another
process's share is logged in Pelican's process when Pelican comes to that
file (with the time it was logged there). Pelican reads a file itself
where the other process failed on it (so it logs its problems and records
it as failed, as it does its own), where the file was saved again since
that process read it, and where that process stopped, or sent nothing for
a minute.

``READING_WORKERS`` processes read, Pelican's own included (one reads
everything in Pelican's process); fewer than ``READING_MIN_FILES`` files
to read are read in Pelican's process, where forking costs more than it
saves.

Pelican's readers' cache (``CACHE_CONTENT``) keeps what each file read as
by its modification time only, though what the readers make of it depends
on settings too (``SHOW_DRAFTS``, ``MARKDOWN``, the languages): it is
dropped when the settings that change pages differ from those that made
it, or the plugins' code or the installed packages do
(``drop_readers_cache_of_other_settings``).

Signals: ``initialized`` (drops a readers' cache of other settings),
``article_generator_init`` (forks the readers, before Pelican reads),
``article_generator_finalized`` (waits for them).
"""

import contextlib
import logging
import os
import pickle
import threading
from functools import partial

from pelican import signals
from pelican.log import FilteredMessage, console

from writing.reuse import Digests, code_digest, settings_digest
from writing.workers import end, fork, plain_output

from . import settings as plugin_settings

logger = logging.getLogger(__name__)

BATCH = 50  # files a reader sends at a time: fewer, larger writes to the pipe
# Seconds Pelican waits for a reading process that sends nothing (one that
# hangs); then it reads that process's files itself.
STALLED = 60

_running = []  # the Shares of the build reading now; one that failed midway leaves them


class Share:
    """The files one forked process reads, and what it sent of them.

    A thread takes what the process sends as it comes: a pipe holds 64 KB,
    and a process waiting for Pelican to empty it would read nothing
    while Pelican reads its own share.
    """

    def __init__(self, paths, pid, pipe, settings):
        self.paths, self.pid, self.settings = set(paths), pid, settings
        # path -> ((size, mtime_ns), (content, metadata), records), or None: read it again
        self.sent = {}
        self.ended = False  # the process has sent all it will
        self.arrived = threading.Condition()
        self.taking = threading.Thread(target=self._take_all, args=(pipe,), daemon=True)
        self.taking.start()

    def _take_all(self, pipe):
        try:
            with pipe:
                while True:
                    batch = _Unpickler(pipe, self.settings).load()
                    with self.arrived:
                        self.sent.update(batch)
                        self.arrived.notify()
        except EOFError:
            pass  # all sent
        except Exception:  # cut short: Pelican reads what was not sent
            logger.debug("a reading process's results were cut short", exc_info=True)
        finally:
            with self.arrived:
                self.ended = True
                self.arrived.notify()

    def take(self, path):
        """What the process found in ``path``; ``None`` where Pelican must read it itself."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: path in self.sent or self.ended, STALLED):
                logger.warning("A reading process sent nothing for %d s; reading here", STALLED)
                end(self.pid)  # its pipe closes: the thread ends
                self.arrived.wait_for(lambda: self.ended)
            return self.sent.pop(path, None)

    def close(self):
        """End the process (it has sent what it will, or Pelican stopped
        reading) and its thread."""
        end(self.pid)
        self.taking.join()


# What a reader found holds Pelican's settings (in tags, authors): they are
# sent as a reference to the settings Pelican has, not as a copy.
class _Pickler(pickle.Pickler):
    def __init__(self, file, settings):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self.settings else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, settings):
        super().__init__(file)
        self.settings = settings

    def persistent_load(self, pid):
        return self.settings


def split(paths, workers):
    """``paths`` in ``workers`` shares, in order; the first, Pelican's own, is
    two thirds of each other's: Pelican also makes an article of every file
    read, and takes the others' results."""
    weights = [2] + [3] * (workers - 1)
    shares, start, so_far = [], 0, 0
    for weight in weights:
        so_far += weight
        until = len(paths) * so_far // sum(weights)
        shares.append(paths[start:until])
        start = until
    return shares


def unread(generator):
    """The absolute paths of the articles Pelican will read, in its order:
    those Pelican's content cache does not hold, with a reader for their kind."""
    settings, readers = generator.settings, generator.readers
    cached_whole = settings["CONTENT_CACHING_LAYER"] == "generator"  # else as read
    paths = []
    for relative in generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    ):
        path = os.path.abspath(os.path.join(generator.path, relative))
        if os.path.splitext(path)[1][1:] not in readers.readers:
            continue
        if cached_whole:
            cached = generator.get_cached_data(relative, None) is not None
        else:
            cached = readers.get_cached_data(path, (None, None))[0] is not None
        if not cached:
            paths.append(path)
    return paths


def share_reading(generator):
    """Fork the processes that read shares of the articles ``generator`` reads."""
    stop()
    workers = plugin_settings.get(generator.settings, "READING_WORKERS")
    if workers < 2:
        return
    paths = unread(generator)
    if len(paths) < plugin_settings.get(generator.settings, "READING_MIN_FILES"):
        return
    try:
        for share in split(paths, workers)[1:]:
            _running.append(_fork(generator.readers, share))
    except OSError as error:  # no process to spare (a container's limit): read here
        logger.debug("reading in one process: %s", error)
        stop()
        return
    console.print(f"Reading {len(paths)} articles in {len(_running) + 1} processes")
    for reader in {id(reader): reader for reader in generator.readers.readers.values()}.values():
        # This generator's own reader objects: Pelican calls their ``read``.
        reader.read = partial(read_shared, reader.read)


def read_shared(read, path):
    """``read(path)``, or what another process found in ``path``, its log logged here."""
    for share in _running:
        if path in share.paths:
            found = share.take(path)
            if found is not None and found[0] == _signature(path):  # else saved since it was read
                _log(found[2])
                return found[1]
    return read(path)


def _signature(path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _log(records):
    for record in records:
        # Pelican's loggers drop a message logged before, with this exception.
        with contextlib.suppress(FilteredMessage):
            logging.getLogger(record.name).handle(record)


def stop(_generator=None):
    """Wait for the reading processes of this build (all sent is taken, or
    Pelican read it) and forget them."""
    while _running:
        _running.pop().close()


def _fork(readers, paths):
    pid, pipe = fork(partial(_read_share, readers, paths))
    return Share(paths, pid, os.fdopen(pipe, "rb"), readers.settings)


class _Kept(logging.Handler):
    """Keeps the records a reader logs, to send to Pelican's process."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        record.msg, record.args = record.getMessage(), None  # the arguments may not pickle
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _read_share(readers, paths, pipe_in):
    """A reading process's life: read ``paths``, send what was found, exit."""
    status = 1
    try:
        kept = _Kept()  # records are kept and sent, for Pelican to log
        plain_output(kept)
        with os.fdopen(pipe_in, "wb") as pipe:
            batch = {}
            for path in paths:
                kept.records = []
                try:
                    signature = _signature(path)  # as the file was before it was read
                    reader = readers.readers[os.path.splitext(path)[1][1:]]
                    batch[path] = (signature, reader.read(path), kept.records)
                except Exception:  # Pelican reads it again, and logs and records the failure
                    batch[path] = None
                if len(batch) == BATCH or path == paths[-1]:
                    _Pickler(pipe, readers.settings).dump(batch)
                    pipe.flush()
                    batch = {}
        status = 0
    finally:
        os._exit(status)  # not the main process's exit handlers


READERS_SETTINGS = "readers-settings"  # in CACHE_PATH: the digest of the settings that read


def drop_readers_cache_of_other_settings(pelican):
    """Remove Pelican's readers' caches (``<Generator>-Readers``) made with
    other settings than this build's (those that change what it writes)."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    folder = settings["CACHE_PATH"]
    digest = settings_digest(Digests(), settings) + code_digest(settings, theme=False)
    path = os.path.join(folder, READERS_SETTINGS)
    with contextlib.suppress(FileNotFoundError), open(path, "rb") as kept:
        if kept.read() == digest:
            return
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith("-Readers"):
            logger.info(
                "Pelican's readers' cache %s was made with other settings: read again", name
            )
            os.remove(os.path.join(folder, name))
    with open(path, "wb") as target:
        target.write(digest)


def register():
    signals.initialized.connect(drop_readers_cache_of_other_settings)
    signals.article_generator_init.connect(share_reading)
    signals.article_generator_finalized.connect(stop)
