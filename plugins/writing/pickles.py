"""The build's own caches: loaded without the garbage collector's passes,
``None`` for a cache that is missing or cannot be used, and saved whole."""

import contextlib
import gc
import logging
import os
import pickle

logger = logging.getLogger(__name__)

# What loading a cache raises where there is none, it is cut short, or the
# code that wrote it has changed since (a class moved or renamed).
UNUSABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError)


@contextlib.contextmanager
def _collector_off():
    """The objects a large load makes set off the collector's full passes
    over the whole build (three loads after writing took 0.2 s, half of it
    in those passes), which find nothing to free in what was just loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def loads(data):
    """``pickle.loads`` with the collector off."""
    with _collector_off():
        return pickle.loads(data)


def load(path, length=None):
    """What the pickle file ``path`` holds, or None where it cannot be used
    (the cache is then made again); where ``length``, only a tuple of that
    many items can be used (one written by other code is not)."""
    try:
        with _collector_off(), open(path, "rb") as saved:
            loaded = pickle.load(saved)
    except UNUSABLE as error:
        logger.debug("%s: not used (%s)", path, error)
        return None
    if length is not None and not (isinstance(loaded, tuple) and len(loaded) == length):
        logger.debug("%s: not used (not %d items)", path, length)
        return None
    return loaded


def save(path, value):
    """Replace the file ``path`` with ``value`` pickled, whole: a build cut
    short leaves the cache before it, never half of one."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".new", "wb") as saved:
        pickle.dump(value, saved, pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".new", path)
