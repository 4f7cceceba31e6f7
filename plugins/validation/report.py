"""Collect the problems found while the site is read, and stop on errors."""

import logging

logger = logging.getLogger(__name__)

ERRORS_KEY = "content_errors"


def report(context, problems):
    """Log ``problems`` and keep the errors in the build context.

    Warnings are logged and the build goes on; errors are kept so that one
    build reports all of them, then stops (see ``fail_on_content_errors``).
    """
    for problem in sorted(problems):
        log = logger.error if problem.severity == "error" else logger.warning
        log("%s", problem)
    context.setdefault(ERRORS_KEY, []).extend(p for p in problems if p.severity == "error")
