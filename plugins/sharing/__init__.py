"""Sharing without third-party scripts.

Adds the template helpers ``public_url(path)`` (an address on the public
site, even in a local build), ``page_url(output_file)`` (the page being
written, for its canonical link and Open Graph data) and ``|qr_svg`` (a QR code of a URL as
inline SVG, drawn at build time, for WeChat, which shares from phones by
scanning; zxing-cpp encodes it, with Zint's encoder in C++, choosing the
mask that scans best). The copy-link button and the Weibo link are plain
template markup and ``theme/static/js/site.js``.

Drawing a code takes under a millisecond, on every item page: codes are kept
for the life of the process (``make serve`` rebuilds in the same process)
and, where Pelican's content cache is on (``CACHE_CONTENT``), in its cache
folder from one build to the next, one file per writing process.

Signals: ``generator_init`` (adds the helpers to each generator's
templates), ``all_generators_finalized`` (loads the codes); saving them is
a step after writing that runs in every writing process (``writing`` plugin).
"""

import os
import re
from functools import partial

import zxingcpp
from markupsafe import Markup, escape
from pelican import signals

from writing import after_writing, current_worker, pickles


def public_url(settings, path):
    base = settings["SITEURL"] or settings.get("PUBLIC_SITEURL", "")
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


QR_SCALE = 3  # CSS pixels a module
QR_BORDER = 2  # modules of white around the code (the stylesheet makes its background white)
# In a row of the code's image (0 dark, 255 light): light modules, then dark ones.
_RUNS = re.compile(rb"(\xff*)(\x00+)")

# Cache files of codes drawn as _draw draws them; change the name with it.
QR_CACHE = "qr-codes-zxing-"

_codes = {}  # (url, title) -> SVG
_used = set()  # the codes this build's pages show


def qr_svg(url, title=""):
    """A QR code of ``url`` as an ``<svg>`` element with an accessible name."""
    svg = _codes.get((url, title))
    if svg is None:
        svg = _codes[url, title] = _draw(url, title)
    _used.add((url, title))
    return Markup(svg)


def qr_path(rows, size):
    """SVG path data for a code's ``size`` rows of modules (0 dark, 255 light):
    a horizontal stroke for each run of dark modules, each row's first from
    the row's start, the others from the one before."""
    strokes = []
    for y in range(size):
        runs = _RUNS.findall(rows, y * size, (y + 1) * size)
        if runs:  # a row can be all light
            (gap, dark), *others = runs
            strokes.append(f"M{len(gap) + QR_BORDER} {y + QR_BORDER + 0.5}h{len(dark)}")
            strokes += [f"m{len(gap)} 0h{len(dark)}" for gap, dark in others]
    return "".join(strokes)


def _draw(url, title):
    """The code of ``url`` as an ``<svg>`` element of one path."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = modules.shape[0]
    strokes = qr_path(modules.tobytes(), size)
    side = size + 2 * QR_BORDER
    named = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<svg role="img" class="qr" width="{side * QR_SCALE}" height="{side * QR_SCALE}" '
        f'viewBox="0 0 {side} {side}">{named}<path stroke="#000" d="{strokes}"/></svg>'
    )


# Each writing process keeps the codes of the pages it wrote in a file of
# its own; every build starts from all of them.
def _cache_files(settings):
    folder = settings["CACHE_PATH"]
    names = os.listdir(folder) if os.path.isdir(folder) else []
    return [os.path.join(folder, name) for name in names if name.startswith(QR_CACHE)]


def load_codes(generators):
    settings = generators[0].settings
    _used.clear()
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return
    for path in _cache_files(settings):
        _codes.update(pickles.load(path) or {})  # else drawn again


def save_codes(pelican):
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        path = os.path.join(settings["CACHE_PATH"], f"{QR_CACHE}{current_worker()}.pickle")
        pickles.save(path, {key: _codes[key] for key in _used})


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
