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
folder from one build to the next.

Signals: ``generator_init`` (adds the helpers to each generator's
templates), ``initialized`` and ``finalized`` (load and save the codes).
"""

import logging
import os
import pickle
from functools import partial

import segno
from markupsafe import Markup
from pelican import signals


def public_url(settings, path):
    base = settings["SITEURL"] or settings.get("PUBLIC_SITEURL", "")
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


# segno tries all eight QR masks and keeps the one that scans best; that
# search is nine tenths of the time a code takes (about 20 ms, for every
# page). Any mask makes a valid code that phone cameras read, so one is fixed.
QR_MASK = 2


CACHE_FILE = "qr-codes.pickle"
_codes = {}  # (url, title) -> SVG

logger = logging.getLogger(__name__)


def qr_svg(url, title=""):
    """A QR code of ``url`` as an ``<svg>`` element with an accessible name."""
    svg = _codes.get((url, title))
    if svg is None:
        svg = segno.make(url, error="m", mask=QR_MASK).svg_inline(
            scale=3, border=2, title=title or None, svgclass="qr", lineclass=None
        )
        svg = _codes[url, title] = svg.replace("<svg ", '<svg role="img" ', 1)
    return Markup(svg)


def _cache_file(settings):
    return os.path.join(settings["CACHE_PATH"], CACHE_FILE)


def load_codes(pelican):
    settings = pelican.settings
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return
    try:
        with open(_cache_file(settings), "rb") as cache:
            _codes.update(pickle.load(cache))
    except (OSError, pickle.UnpicklingError, EOFError):
        logger.debug("no QR code cache to load")


def save_codes(pelican):
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        os.makedirs(settings["CACHE_PATH"], exist_ok=True)
        with open(_cache_file(settings), "wb") as cache:
            pickle.dump(_codes, cache)


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
    signals.initialized.connect(load_codes)
    signals.finalized.connect(save_codes)
