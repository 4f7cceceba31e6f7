"""Find internal links in a built site that lead nowhere.

Every ``href`` and ``src`` in every HTML file is resolved the way a static
host would (a folder URL serves its ``index.html``); a link to a missing
file, or to a ``#fragment`` that is not an id on its page, is broken.
Links to other hosts, ``mailto:`` and ``tel:`` are not followed. A link
from a published page to a draft (which previews show, and the published
site leaves out) is noted too. The build runs it on every written site
(the `validation` plugin); ``where_written`` finds a link in the content
file staff edit, and ``closest_pages`` the address it may have meant.
"""

import difflib
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
DRAFT_ID = "page-is-draft"  # the id of a draft's banner (theme/templates/partials/item_tools.html)


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
    """``([(page, link), ...], [(page, link), ...])``: every internal link
    that leads nowhere, and every link from a page that is not a draft to
    one that is.

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

    broken, to_drafts, targets = [], [], set()
    for page in checked:
        page_path = os.path.normpath(os.path.join(output_dir, page))
        published = DRAFT_ID not in found[page][1]
        for link in found[page][0]:
            resolved = resolve("/" if link.startswith("/") else "/" + page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            targets.add(target)
            missing_id = fragment and fragment not in ids.get(target, ())
            if not is_file(target) or (target in ids and missing_id):
                broken.append((page_path, link))
            elif published and DRAFT_ID in ids.get(target, ()):
                to_drafts.append((page_path, link))
    facts.notes = targets | facts.previous_notes if again else targets  # the files links lead to
    return broken, to_drafts


def where_written(page, source, link):
    """``[(path, line, column), ...]``: where ``link``, a link of the text
    staff wrote on the built ``page`` (its Markdown, in ``class="prose"``),
    is written in the content file ``source``: in Markdown's ``](link)``,
    ``]: link`` or ``<link>``, or an HTML attribute; not as the start of a
    longer link, nor as a word of the text. None for a template's link."""
    with open(page, encoding="utf-8") as built:
        prose = unescape("".join(_PROSE.findall(built.read())))
    if f'="{link}"' not in prose:
        return []
    written = re.compile(rf"{_LINK_STARTS}(?P<link>{re.escape(link)})(?=[)>\"'\s]|$)")
    with open(source, encoding="utf-8", errors="replace") as text:
        return [
            (source, number, match.start("link") + 1)
            for number, line in enumerate(text, 1)
            for match in written.finditer(line)
        ]


# Where the text staff wrote is on a page (Markdown rendered by the theme),
# and what a link follows there in Markdown (``](``, ``]:``, ``<``) and HTML.
_PROSE = re.compile(r'<div class="prose">(.*?)</div>', re.DOTALL)
_LINK_STARTS = r"(?:\]\(|\]:[ \t]+|<|=[\"'])"


def closest_pages(output_dir):
    """``near(page, link)``: the address of the site's file closest to where
    ``link`` on ``page`` leads, where that is no file (not for a missing
    ``#fragment``), and not ``page`` itself; or None. The site's addresses
    are listed once, and each address looked for once."""
    site = {}

    @cache
    def closest(wanted):
        if not site:
            site["addresses"] = _addresses(output_dir)
        addresses = site["addresses"]
        if wanted in addresses or wanted + "/" in addresses:
            return ()
        return tuple(difflib.get_close_matches(wanted, addresses, n=2, cutoff=0.8))

    def near(page, link):
        own = _address(os.path.relpath(page, output_dir))
        meant = [
            address for address in closest(urlsplit(urljoin(own, link)).path) if address != own
        ]
        return meant[0] if meant else None

    return near


def _address(relative):
    """A file's address: a folder's for its ``index.html``."""
    url = "/" + relative.replace(os.sep, "/")
    return url.removesuffix("index.html")


def _addresses(output_dir):
    """The address of every file of the site."""
    return {
        _address(os.path.relpath(os.path.join(folder, name), output_dir))
        for folder, _subfolders, names in os.walk(output_dir)
        for name in names
    }


def _still_there(facts, found):
    """Whether every link the last check followed still leads where it did
    (a page that lost an id, or became a draft, may be linked from others)."""
    lost_ids = any(
        page in facts.previous
        and (
            not facts.previous[page][1] <= found[page][1]
            or (DRAFT_ID in found[page][1]) > (DRAFT_ID in facts.previous[page][1])
        )
        for page in facts.changed
    )
    return not lost_ids and all(os.path.isfile(target) for target in facts.previous_notes)
