"""Collect the problems found while the site is read, and stop on errors."""

import logging
from contextlib import contextmanager

logger = logging.getLogger(__name__)

ERRORS_KEY = "content_errors"
# Content files read by the site's own generators (not Pelican's), relative
# to the content folder, so that a file nobody read can be reported.
SOURCES_KEY = "content_sources"


def record_source(context, relative_path):
    context.setdefault(SOURCES_KEY, set()).add(relative_path.replace("\\", "/"))


def log_problems(problems):
    """Log each problem; the record carries it (``record.problem``) for ``make check``."""
    for problem in sorted(problems):
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        logger.log(level, "%s", problem, extra={"problem": problem})


def report(context, problems):
    """Log ``problems`` and keep the errors in the build context.

    Warnings are logged and the build goes on; errors are kept so that one
    build reports all of them, then stops (see ``fail_on_content_errors``).
    """
    log_problems(problems)
    context.setdefault(ERRORS_KEY, []).extend(p for p in problems if p.severity == "error")


@contextmanager
def problems_muted():
    """Log no problems in the block: for a second reading that a build repeats."""
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = False
