"""Removing pages whose content is gone, by the list of files each build writes.

Pelican writes over its output folder and deletes nothing. Each build here
keeps the list of files its writers wrote, and the content's static files
(images) Pelican copied (in the cache folder where ``CACHE_CONTENT`` is on,
else in memory); a file the previous build wrote and this one did not (the
page of a deleted article, an old feed, a deleted image) is deleted, with
the folders it leaves empty. Files no build wrote (the theme's static
files, the search index, files put there by hand) are never touched.
"""

import json
import logging
import os
import zlib

logger = logging.getLogger(__name__)

_lists = {}  # output folder -> the files its last build wrote, relative


def _list_file(settings, output_path):
    key = zlib.crc32(os.path.abspath(output_path).encode())
    return os.path.join(settings["CACHE_PATH"], f"written-{key:08x}.json")


def previous_files(settings, output_path):
    """The files the last build into ``output_path`` wrote, relative to it.

    With the content cache on, the list in the cache folder is the one to
    trust (another command may have built into the folder since); without
    it, the list this process kept.
    """
    folder = os.path.abspath(output_path)
    if not settings.get("CACHE_CONTENT"):
        return _lists.get(folder, frozenset())
    try:
        with open(_list_file(settings, folder), encoding="utf-8") as saved:
            return frozenset(json.load(saved))
    except (OSError, ValueError):
        return frozenset()


def keep_files(settings, output_path, files):
    """Remember ``files`` as what the last build into ``output_path`` wrote."""
    folder = os.path.abspath(output_path)
    if not settings.get("CACHE_CONTENT"):
        _lists[folder] = frozenset(files)
        return
    path = _list_file(settings, folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".new", "w", encoding="utf-8") as saved:
        json.dump(sorted(files), saved)
    os.replace(path + ".new", path)


def static_files(generators):
    """The content's static files (images) Pelican's static generator put
    in the output, relative to it."""
    return {
        static.save_as.replace(os.sep, "/")
        for generator in generators
        for static in getattr(generator, "staticfiles", ())
    }


def remove_stale(folder, previous, current):
    """Delete the files of ``previous`` not in ``current`` (relative to ``folder``)."""
    removed = []
    for name in sorted(previous - current):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        os.remove(path)
        removed.append(name)
        logger.info("Deleted %s: the content it came from is gone", path)
        parent = os.path.dirname(path)
        while os.path.abspath(parent) != os.path.abspath(folder) and not os.listdir(parent):
            os.rmdir(parent)
            parent = os.path.dirname(parent)
    return removed
