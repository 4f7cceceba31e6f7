"""Find internal links in a built site that lead nowhere.

Every ``href`` and ``src`` in every HTML file is resolved the way a static
host would (a folder URL serves its ``index.html``); a link to a missing
file, or to a ``#fragment`` that is not an id on its page, is broken.
Links to other hosts, ``mailto:`` and ``tel:`` are not followed.
The build runs it on every written site (the `validation` plugin).
"""

import os
import re
import sys
from functools import cache
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

from writing.facts import PageFacts

# The site's own pages quote every attribute (Jinja templates and Markdown
# both do), so two regular expressions read them many times faster than an
# HTML parser, which matters on a site of thousands of pages.
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def find_links(html):
    """A page's links, and the ids its fragments can point to.

    Interned: most links and ids are on many pages, and the findings kept
    between builds (``writing.facts``) then hold each once (a pickle of
    4 MB instead of 7, read and written in a fifth of the time).
    """
    links = [sys.intern(unescape(link)) for link in _LINK.findall(html)]
    return links, frozenset(map(sys.intern, _ID.findall(html)))


def _target_file(output_dir, url_path):
    path = os.path.join(output_dir, unquote(url_path).lstrip("/"))
    if url_path.endswith("/") or os.path.isdir(path):
        path = os.path.join(path, "index.html")
    return path


def broken_links(output_dir, site_url="", facts=None):
    """``[(page, link), ...]`` for every internal link that leads nowhere.

    With ``facts`` of the last check that found none (``writing.facts``):
    if every file a link led to is still there, and no rewritten page lost
    an id, the pages not rewritten since are not checked again.
    """
    facts = facts or PageFacts({}, output_dir, "links")
    found = facts.read(find_links)
    pages = {os.path.normpath(os.path.join(output_dir, page)): page for page in found}
    ids = {path: found[page][1] for path, page in pages.items()}
    again = facts.previous_notes is not None and _still_there(facts, found)
    checked = sorted(facts.changed if again else found)

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

    broken, targets = [], set()
    for page in checked:
        page_path = os.path.normpath(os.path.join(output_dir, page))
        for link in found[page][0]:
            resolved = resolve("/" if link.startswith("/") else "/" + page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            targets.add(target)
            missing_id = fragment and fragment not in ids.get(target, ())
            if not is_file(target) or (target in ids and missing_id):
                broken.append((page_path, link))
    facts.notes = targets | facts.previous_notes if again else targets  # the files links lead to
    return broken


def _still_there(facts, found):
    """Whether every link the last check followed still leads where it did."""
    lost_ids = any(
        page in facts.previous and not facts.previous[page][1] <= found[page][1]
        for page in facts.changed
    )
    return not lost_ids and all(os.path.isfile(target) for target in facts.previous_notes)
