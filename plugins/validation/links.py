"""Find internal links in a built site that lead nowhere.

Every ``href`` and ``src`` in every HTML file is resolved the way a static
host would (a folder URL serves its ``index.html``); a link to a missing
file, or to a ``#fragment`` that is not an id on its page, is broken.
Links to other hosts, ``mailto:`` and ``tel:`` are not followed.
The build runs it on every written site (the `validation` plugin).
"""

import os
import re
from functools import cache
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

# The site's own pages quote every attribute (Jinja templates and Markdown
# both do), so two regular expressions read them many times faster than an
# HTML parser, which matters on a site of thousands of pages.
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


class _Page:
    def __init__(self, html):
        self.links = [unescape(link) for link in _LINK.findall(html)]
        self.ids = set(_ID.findall(html))


def _parse(path):
    with open(path, encoding="utf-8") as page:
        return _Page(page.read())


def _target_file(output_dir, url_path):
    path = os.path.join(output_dir, unquote(url_path).lstrip("/"))
    if url_path.endswith("/") or os.path.isdir(path):
        path = os.path.join(path, "index.html")
    return path


def broken_links(output_dir, site_url=""):
    """``[(page, link), ...]`` for every internal link that leads nowhere."""
    pages = {}
    for folder, _subfolders, names in os.walk(output_dir):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                pages[os.path.normpath(path)] = _parse(path)

    site = urlsplit(site_url)
    is_file = cache(os.path.isfile)

    # Most links are the same on every page (header, footer, lists), and an
    # absolute link resolves the same from any page: resolve each once.
    @cache
    def resolve(base_url, link):
        """The file and fragment ``link`` leads to, or None if on another host."""
        url = urlsplit(urljoin(base_url, link))
        if url.scheme and (url.scheme, url.netloc) != (site.scheme, site.netloc):
            return None  # another host, mailto:, tel:
        local = url.path.removeprefix(site.path.rstrip("/")) if url.scheme else url.path
        return os.path.normpath(_target_file(output_dir, local)), url.fragment

    broken = []
    for page_path, page in sorted(pages.items()):
        page_url = "/" + os.path.relpath(page_path, output_dir).replace(os.sep, "/")
        for link in page.links:
            resolved = resolve("/" if link.startswith("/") else page_url, link)
            if resolved is None:
                continue
            target, fragment = resolved
            missing_id = fragment and fragment not in getattr(pages.get(target), "ids", ())
            if not is_file(target) or (target in pages and missing_id):
                broken.append((page_path, link))
    return broken
