"""The writing plugin's settings and their defaults, in one place."""

import os
import sys


def cores():
    # fork() is safe on Linux; on macOS and Windows a forked Python process
    # can crash in system libraries, so the site is written in one process.
    if not sys.platform.startswith("linux"):
        return 1
    # Past four, each worker's memory (a copy-on-write share of the build)
    # costs more than its share of the rendering saves.
    return min(len(os.sched_getaffinity(0)), 4)


DEFAULTS = {
    # Processes that render and write pages: one per core the build may use,
    # up to four.
    # 1 writes everything in Pelican's own process, as Pelican does.
    "WRITING_WORKERS": cores(),
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
