"""Pelican's autoreload as `make serve` runs it (``tools.serve``), for tests and benchmarks.

It runs in a process group of its own (so that stopping it stops its
writing processes too), and every line it prints is kept with the time it
came, so callers can wait for the n-th build or the n-th search index.
"""

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

from tools.pelican_command import pelican_command

BUILT = "Done: Processed"  # Pelican's line at the end of every build
INDEXED = "Search index:"  # the search plugin's line when an index is written


ROOT = Path(__file__).resolve().parent.parent


class Autoreload:
    def __init__(self, content, output, cache, *options, **settings):
        """Pelican on ``content`` into ``output`` with its content cache in
        ``cache``, as the Makefile's CACHED settings have it; ``settings``
        override pelicanconf.py."""
        command = pelican_command(
            content,
            output,
            "pelicanconf.py",
            "--autoreload",
            *options,
            module="tools.serve",
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CACHE_PATH=str(cache),
            **settings,
        )
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(os.environ, COLUMNS="3000"),  # whole lines, to match them
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines = []  # (time.perf_counter(), line), as they come
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line))

    @property
    def log(self):
        return "".join(line for _at, line in list(self.lines))

    def times(self, prefix):
        """When each line starting with ``prefix`` came."""
        return [at for at, line in list(self.lines) if line.startswith(prefix)]

    def wait_for(self, prefix, number, timeout=120):
        """When the ``number``-th line starting with ``prefix`` (from 1) came."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            times = self.times(prefix)
            if len(times) >= number:
                return times[number - 1]
            time.sleep(0.02)
        raise AssertionError(f"no {prefix!r} line number {number}:\n" + self.log[-4000:])

    def settle(self, quiet=3):
        """Wait until no build has finished for ``quiet`` seconds."""
        while True:
            count = len(self.times(BUILT))
            time.sleep(quiet)
            if len(self.times(BUILT)) == count:
                return

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
