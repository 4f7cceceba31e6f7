"""Files made for speed: fingerprinted, minified and pre-compressed.

- Theme assets get a content hash in their names (``site.3f2a9c01de.css``)
  and every page is rewritten to use the new names, so hosts can let
  browsers keep them for a year.
- HTML, CSS and JS are minified.
- Every text file gets ``.gz`` and ``.br`` twins that hosts serve as they
  are (nginx's ``gzip_static``).
"""

import gzip
import hashlib
import os

import brotli
import minify_html
import rcssmin
import rjsmin

from .settings import COMPRESSIBLE

FINGERPRINTED = (".css", ".js", ".svg")


def _files(folder, suffixes):
    for directory, _subfolders, names in os.walk(folder):
        for name in names:
            if name.endswith(suffixes):
                yield os.path.join(directory, name)


def _rewrite(path, change):
    with open(path, encoding="utf-8") as source:
        text = source.read()
    changed = change(text)
    if changed != text:
        with open(path, "w", encoding="utf-8") as target:
            target.write(changed)


def fingerprint(output, theme_dir):
    """Rename theme assets to include their hash; returns ``{old URL path: new}``."""
    renamed = {}
    for path in _files(os.path.join(output, theme_dir), FINGERPRINTED):
        if path.endswith(".js"):
            _rewrite(path, rjsmin.jsmin)
        elif path.endswith(".css"):
            _rewrite(path, rcssmin.cssmin)
        with open(path, "rb") as asset:
            digest = hashlib.sha256(asset.read()).hexdigest()[:10]
        stem, suffix = os.path.splitext(path)
        new_path = f"{stem}.{digest}{suffix}"
        os.replace(path, new_path)
        old_url = "/" + os.path.relpath(path, output).replace(os.sep, "/")
        renamed[old_url] = "/" + os.path.relpath(new_path, output).replace(os.sep, "/")
    return renamed


def rewrite_pages(output, renamed):
    """Point every page at the fingerprinted names, and minify it."""

    def change(html):
        for old, new in renamed.items():
            html = html.replace(f'{old}"', f'{new}"')
        return minify_html.minify(
            html,
            keep_html_and_head_opening_tags=True,
            keep_closing_tags=True,
            minify_css=True,
            minify_js=True,
        )

    for path in _files(output, (".html",)):
        _rewrite(path, change)


def precompress(output):
    """Write ``.gz`` and ``.br`` beside every text file."""
    for path in _files(output, COMPRESSIBLE):
        with open(path, "rb") as source:
            data = source.read()
        with open(path + ".gz", "wb") as target:
            target.write(gzip.compress(data, compresslevel=9, mtime=0))
        with open(path + ".br", "wb") as target:
            target.write(brotli.compress(data, quality=9 if path.endswith(".html") else 11))
