"""Find internal links in a built site that lead nowhere.

Every ``href`` and ``src`` in every HTML file is resolved the way a static
host would (a folder URL serves its ``index.html``); a link to a missing
file, or to a ``#fragment`` that is not an id on its page, is broken.
Links to other hosts, ``mailto:`` and ``tel:`` are not followed. A link
from a published page to a draft (which previews show, and the published
site leaves out) is noted too. The build runs it on every written site
(the `validation` plugin); ``where_written`` finds a link in the content
files staff edit, and ``closest_page`` the address it may have meant.
"""

import difflib
import os
import re
import sys
from collections import defaultdict
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


def where_written(content_dir, links):
    """``{link: [(path, line, column), ...]}``: where each of ``links`` is
    written in the content files (Markdown and YAML), as a whole link (not
    the start of a longer one). A link no file holds came from a template."""
    if not links:
        return {}
    alternatives = "|".join(map(re.escape, sorted(links, key=len, reverse=True)))
    written = re.compile(rf"(?<![\w/.%-])({alternatives})(?![\w/.#?%-])")
    found = defaultdict(list)
    for folder, subfolders, names in os.walk(content_dir):
        subfolders.sort()
        for name in sorted(names):
            if not name.endswith((".md", ".yaml", ".yml")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as source:
                for number, line in enumerate(source, 1):
                    for match in written.finditer(line):
                        found[match[1]].append((path, number, match.start(1) + 1))
    return found


def addresses(output_dir):
    """The address of every file of the site (a folder's for its ``index.html``)."""
    found = []
    for folder, _subfolders, names in os.walk(output_dir):
        url = "/" + os.path.relpath(folder, output_dir).replace(os.sep, "/").removeprefix(".")
        url = url.rstrip("/") + "/"
        found += [url if name == "index.html" else url + name for name in names]
    return found


def closest_page(site_addresses, output_dir, page, link):
    """Of ``site_addresses``, the closest to where ``link`` on ``page`` leads, or None."""
    wanted = urlsplit(urljoin("/" + os.path.relpath(page, output_dir), link)).path
    close = difflib.get_close_matches(wanted, site_addresses, n=1, cutoff=0.8)
    return close[0] if close else None


def _still_there(facts, found):
    """Whether every link the last check followed still leads where it did."""
    lost_ids = any(
        page in facts.previous and not facts.previous[page][1] <= found[page][1]
        for page in facts.changed
    )
    return not lost_ids and all(os.path.isfile(target) for target in facts.previous_notes)
