"""Loading the build's own caches: without the garbage collector's passes,
and ``None`` for a cache that is missing or cannot be used."""

import gc
import logging
import pickle

logger = logging.getLogger(__name__)

# What loading a cache raises where there is none, it is cut short, or the
# code that wrote it has changed since (a class moved or renamed).
UNUSABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError)


def load(path):
    """What the pickle file ``path`` holds, or None where it cannot be used
    (the cache is then made again).

    The collector is off meanwhile: the objects a large load makes set off
    its full passes over the whole build (three loads after writing took
    0.2 s, half of it in those passes), which find nothing to free in what
    was just loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as saved:
            return pickle.load(saved)
    except UNUSABLE as error:
        logger.debug("%s: not used (%s)", path, error)
        return None
    finally:
        if enabled:
            gc.enable()
