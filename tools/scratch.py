"""Build a site in this process into a scratch folder, as the command-line tools need."""

import contextlib
import io
import logging
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from pelican import Pelican, signals
from pelican.settings import read_settings

from validation import ContentError

CONTENT = os.path.join(ROOT, "content")
SETTINGS = os.path.join(ROOT, "pelicanconf.py")


class Build:
    """What a scratch build left: its settings and context, problems, output."""

    def __init__(self):
        self.problems = set()  # every Problem the plugins logged
        self.context = {}
        self.settings = {}
        self.output = ""
        self.stopped = None  # the ContentError that stopped the build, if one did


class _Collector(logging.Handler):
    def __init__(self, build):
        super().__init__(logging.WARNING)
        self.build = build

    def emit(self, record):
        problem = getattr(record, "problem", None)
        if problem is not None:
            self.build.problems.add(problem)


@contextlib.contextmanager
def scratch_build(content=CONTENT, settings_file=SETTINGS):
    """Build ``content`` without the search index; yields a Build.

    The output folder lives as long as the ``with`` block.
    """
    build = Build()
    collector = _Collector(build)

    def keep_context(generators):
        build.context = generators[0].context

    logging.getLogger().addHandler(collector)
    signals.all_generators_finalized.connect(keep_context)
    try:
        with tempfile.TemporaryDirectory(prefix="scratch-") as output:
            build.output = output
            build.settings = read_settings(
                settings_file,
                override={
                    "PATH": os.path.abspath(content),
                    "OUTPUT_PATH": output,
                    "SEARCH_INDEX": False,
                },
            )
            with contextlib.redirect_stdout(io.StringIO()):  # Pelican's progress report
                try:
                    Pelican(build.settings).run()
                except ContentError as error:
                    build.stopped = error
            yield build
    finally:
        signals.all_generators_finalized.disconnect(keep_context)
        logging.getLogger().removeHandler(collector)
