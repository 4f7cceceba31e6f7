"""A Pelican plugin for the benchmarks: prints when reading and writing end.

Listed in PLUGINS (with ``bench`` in PLUGIN_PATHS) only by ``bench/``; it
prints ``phase <name> <seconds since start>`` lines that the benchmark reads.

Signals: ``initialized``, ``all_generators_finalized``; ``written`` is the
first step after writing (``writing`` plugin), before the link check.
"""

import time

from pelican import signals

from writing import after_writing

_started = {}


def _mark(name):
    print(f"phase {name} {time.perf_counter() - _started['at']:.3f}", flush=True)


def started(pelican):
    _started["at"] = time.perf_counter()


def read(generators):
    _mark("read")


def written(pelican):
    _mark("written")


def register():
    signals.initialized.connect(started)
    signals.all_generators_finalized.connect(read)
    after_writing(written, order=0)
