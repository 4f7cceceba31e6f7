"""Sharing without third-party scripts.

Adds the template helpers ``public_url(path)`` (an address on the public
site, even in a local build), ``page_url(output_file)`` (the page being
written, for its canonical link and Open Graph data) and ``|qr_svg`` (a QR code of a URL as
inline SVG, drawn at build time with segno, for WeChat, which shares from
phones by scanning). The copy-link button and the Weibo link are plain
template markup and ``theme/static/js/site.js``.

Drawing a code takes a couple of milliseconds, on every page: codes are kept
for the life of the process (``make serve`` rebuilds in the same process)
and, where Pelican's content cache is on (``CACHE_CONTENT``), in its cache
folder from one build to the next, one file per writing process.

Signals: ``generator_init`` (adds the helpers to each generator's
templates), ``all_generators_finalized`` (loads the codes); saving them is
a step after writing that runs in every writing process (``writing`` plugin).
"""

import logging
import os
import pickle
from functools import partial

import segno
from markupsafe import Markup
from pelican import signals

from writing import after_writing, current_worker


def public_url(settings, path):
    base = settings["SITEURL"] or settings.get("PUBLIC_SITEURL", "")
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


# segno tries all eight QR masks and keeps the one that scans best; that
# search is nine tenths of the time a code takes (about 20 ms, for every
# page). Any mask makes a valid code that phone cameras read, so one is fixed.
QR_MASK = 2


_codes = {}  # (url, title) -> SVG
_used = set()  # the codes this build's pages show

logger = logging.getLogger(__name__)


def qr_svg(url, title=""):
    """A QR code of ``url`` as an ``<svg>`` element with an accessible name."""
    svg = _codes.get((url, title))
    if svg is None:
        svg = segno.make(url, error="m", mask=QR_MASK).svg_inline(
            scale=3, border=2, title=title or None, svgclass="qr", lineclass=None
        )
        svg = _codes[url, title] = svg.replace("<svg ", '<svg role="img" ', 1)
    _used.add((url, title))
    return Markup(svg)


# Each writing process keeps the codes of the pages it wrote in a file of
# its own; every build starts from all of them.
def _cache_files(settings):
    folder = settings["CACHE_PATH"]
    names = os.listdir(folder) if os.path.isdir(folder) else []
    return [os.path.join(folder, name) for name in names if name.startswith("qr-codes-")]


def load_codes(generators):
    settings = generators[0].settings
    _used.clear()
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return
    for path in _cache_files(settings):
        try:
            with open(path, "rb") as cache:
                _codes.update(pickle.load(cache))
        except (OSError, pickle.UnpicklingError, EOFError):
            logger.debug("cannot load the QR codes in %s; they will be drawn again", path)


def save_codes(pelican):
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        os.makedirs(settings["CACHE_PATH"], exist_ok=True)
        path = os.path.join(settings["CACHE_PATH"], f"qr-codes-{current_worker()}.pickle")
        with open(path, "wb") as cache:
            pickle.dump({key: _codes[key] for key in _used}, cache)


def page_url(settings, output_file):
    """A written page's public address: its file, less ``index.html``."""
    path = output_file.removesuffix("index.html") if output_file else ""
    return public_url(settings, path)


def add_helpers(generator):
    generator.env.globals["public_url"] = partial(public_url, generator.settings)
    generator.env.globals["page_url"] = partial(page_url, generator.settings)
    generator.env.filters["qr_svg"] = qr_svg


def register():
    signals.generator_init.connect(add_helpers)
    signals.all_generators_finalized.connect(load_codes)
    after_writing(save_codes, order=50, in_every_worker=True)
