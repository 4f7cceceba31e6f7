"""`make serve`: Pelican's ``--autoreload`` loop, resting after a failed build.

Pelican 4.12's loop (``pelican.autoreload``) starts the next build as soon
as one fails: a broken link or a bad file kept `make serve` rebuilding
without a pause, a core busy, until staff fixed it, its error logged only
once (Pelican drops repeated messages), and a fix made in the settings file
was never read. This is Pelican's loop, except that a failed build says so
at once and waits for a change of the content, the theme or the settings
(unless one was saved while it ran), and a changed settings file is read
again, as after a good build. With ``-D`` a failure stops the loop, as in
Pelican's.

With ``--listen``, a page that is not there is answered with the site's
404 page (``PreviewHandler``), as the hosts answer it, not with nothing.

    python -m tools.serve CONTENT -s SETTINGS -o OUTPUT --autoreload [Pelican's options]
"""

import logging
import os
import sys
import time
import traceback
from pathlib import Path

import pelican
from pelican.log import console
from pelican.server import ComplexHTTPRequestHandler
from pelican.utils import wait_for_changes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from writing import edited_since  # how the quick pass finds edits

logger = logging.getLogger(__name__)
FAILED = "-> The build failed"  # the line a failed build prints, then it waits


def autoreload(args, excqueue=None):
    """Pelican's loop, resting after a failed build (see above)."""
    console.print(
        "  --- AutoReload Mode: Monitoring `content`, `theme` and `settings` for changes. ---"
    )
    instance, settings = pelican.get_instance(args)
    while True:
        try:
            started = time.time()
            changed = set()
            if not _built(instance, args):  # a fix may have been saved while it ran
                changed = _saved_since(args.settings, settings, started)
            if not changed:
                changed = {path for _change, path in wait_for_changes(args.settings, settings)}
            if os.path.abspath(args.settings) in changed:
                instance, settings = pelican.get_instance(args)
            console.print(f"\n-> Modified: {', '.join(sorted(changed))}. re-generating...")
        except KeyboardInterrupt:
            if excqueue is not None:
                excqueue.put(None)
                return
            raise
        except Exception as error:  # with -D, as Pelican's loop
            if excqueue is None:
                raise
            excqueue.put(traceback.format_exception_only(type(error), error)[-1])
            logger.warning('Caught exception:\n"%s".', error)


def _built(instance, args):
    """Whether a build worked; with ``-D`` a failure is raised."""
    try:
        instance.run()
    except Exception as error:
        if args.verbosity == logging.DEBUG:
            raise
        console.print(f"{FAILED} ({error}); waiting for a change.")
        return False
    return True


def _saved_since(settings_file, settings, since):
    """The content, theme and settings files saved at or after ``since``."""
    ignored = settings.get("IGNORE_FILES", ())
    saved = set(edited_since(settings["PATH"], since, ignored))
    saved |= edited_since(settings["THEME"], since, ignored)
    if os.path.getmtime(settings_file) >= since:
        saved.add(os.path.abspath(settings_file))
    return saved


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler closes the connection without a reply for a page
    that is not there. Hosts answer 404 with the site's 404 page, the
    language's own under ``/en/`` and ``/zh/`` (deploy/nginx.conf): so here."""

    def get_path_that_exists(self, original_path):
        path = super().get_path_that_exists(original_path)
        if path is None:
            self._not_found(original_path.strip("/").split("/", 1)[0])
        return path

    def _not_found(self, first_folder):
        pages = (f"/{first_folder}/404.html", "/404.html")
        found = [self.translate_path(page) for page in pages]
        body = next((Path(f).read_bytes() for f in found if os.path.isfile(f)), b"Not found")
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    # Pelican's main() looks its loop up as it starts it (with --listen in a
    # process of its own, given this function), and listen() its handler:
    # the server's process is forked (Linux, Python 3.11), so it has both.
    pelican.autoreload = autoreload
    pelican.ComplexHTTPRequestHandler = PreviewHandler
    pelican.main()
