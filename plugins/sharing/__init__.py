"""Sharing without third-party scripts.

Adds the template helpers ``public_url(path)`` (an address on the public
site, even in a local build), ``page_url(output_file)`` (the page being
written, for its canonical link and Open Graph data) and ``|qr_svg`` (a QR code of a URL as
inline SVG, drawn at build time with segno, for WeChat, which shares from
phones by scanning). The copy-link button and the Weibo link are plain
template markup and ``theme/static/js/site.js``.

Signals: ``generator_init`` (adds the helpers to each generator's templates).
"""

from functools import lru_cache, partial

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


# Kept for the life of the process: `make serve` rebuilds in the same process
# and only a new page needs a new code.
@lru_cache(maxsize=16384)
def qr_svg(url, title=""):
    """A QR code of ``url`` as an ``<svg>`` element with an accessible name."""
    svg = segno.make(url, error="m", mask=QR_MASK).svg_inline(
        scale=3, border=2, title=title or None, svgclass="qr", lineclass=None
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


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
