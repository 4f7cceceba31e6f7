"""Content validation shared by every content type.

Adds: a YAML loader that remembers the line and column of every value
(`yamlsource`), one function that checks loaded data against a pydantic
model and reports every problem with file, line, column, field, what is
allowed and what was found (`schema`), and the rule that a build in which
any content file could not be read fails instead of publishing a site with a
page missing.

Signals: ``all_generators_finalized`` (fails the build when a generator
recorded a content file it could not read).
"""

import os

from pelican import signals

from .problems import ContentError, Problem, display_path
from .schema import check
from .yamlsource import Positions, load_yaml

__all__ = ["ContentError", "Positions", "Problem", "check", "display_path", "load_yaml"]


def fail_on_unread_content(generators):
    """Stop the build when any generator recorded a file it could not read.

    Pelican logs such a file and goes on without it; the page would then
    silently vanish from the site. The reader has already logged the
    detailed problems, so this names the files and stops.
    """
    failed = sorted(
        {
            display_path(os.path.join(generator.path, path))
            for generator in generators
            for path, content in generator.context.get("generated_content", {}).items()
            if content is None
        }
    )
    if failed:
        raise ContentError(
            [
                Problem(path, 0, 0, "error", "this file could not be read (see above)")
                for path in failed
            ]
        )


def register():
    signals.all_generators_finalized.connect(fail_on_unread_content)
