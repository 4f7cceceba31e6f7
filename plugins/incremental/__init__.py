"""Edits on disk in about a second under `make serve`: a quick pass.

When Pelican builds again in the same process (``make serve``), before it
reads anything, every content file edited since the previous build is read
again into the object the previous build made of it, and the pages that
showed that object (its own pages, and the lists, catalog and facet pages
holding it) are written again from the previous build's own calls to the
writer. The full rebuild follows as usual, edited pages first, and writes
the site a build from scratch writes; the quick pass only puts the edit on
disk sooner. What moves an item between pages (a new date, tag or facet)
shows with the rebuild, seconds later.

There is no quick pass when a file was added or deleted, has errors (the
rebuild reports them), or is of a kind that cannot be updated in place
(lecture series, settings, templates). Generators take part with
``refresh_source(path)``, True when they updated the object in place:
the news plugin's for articles and pages, ``YamlGenerator``'s for programs.

Signals: ``generator_init`` (once per build, before reading). Anything
the quick pass raises is logged as a warning, and the rebuild goes on.
"""

import logging
import os
import time

from pelican import signals
from pelican.log import console
from pelican.writers import Writer

from validation.report import problems_muted
from writing import edited_files, previous_build, shows

logger = logging.getLogger(__name__)

_state = {"context": None}  # the build whose quick pass has run (each has its own context)


def refresh(generators, path):
    """Have the generator that read ``path`` update its object; False if none can."""
    return any(
        hasattr(generator, "refresh_source") and generator.refresh_source(path)
        for generator in generators
    )


def quick_pass(generator):
    if _state["context"] is generator.context:
        return
    _state["context"] = generator.context
    previous = previous_build()
    if previous:
        try:
            _quick_pass(generator, previous)
        except Exception:
            # Never in the way of the rebuild, which shows the edit anyway.
            logger.warning("Quick pass skipped; the rebuild follows", exc_info=True)


def _quick_pass(generator, previous):
    started = time.perf_counter()
    edited = edited_files(generator)
    with problems_muted():
        if not edited or not all(refresh(previous["generators"], path) for path in edited):
            return
    writer = Writer(generator.output_path, settings=generator.settings)
    names = [name for name, (_args, kwargs) in previous["calls"].items() if shows(kwargs, edited)]
    for name in names:
        args, kwargs = previous["calls"][name]
        writer.write_file(name, *args, **kwargs)
    files = ", ".join(sorted(os.path.basename(path) for path in edited))
    console.print(
        f"Quick pass: {len(names)} pages showing {files} in "
        f"{time.perf_counter() - started:.2f} seconds; rebuilding the rest"
    )
    logger.info("Quick pass wrote %s", ", ".join(names))


def register():
    signals.generator_init.connect(quick_pass)
