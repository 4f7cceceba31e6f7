"""``sitemap.xml`` and ``robots.txt``, from the pages as written.

Each page already names its public address (``<link rel="canonical">``)
and its other language versions (``<link rel="alternate" hreflang>``), so
the sitemap reads them back rather than knowing every kind of page.
"""

import re
from xml.sax.saxutils import escape, quoteattr

from writing.facts import PageFacts

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"')
NOINDEX = re.compile(r'<meta name="robots" content="noindex"')


def find_entry(html):
    """A page's address and language versions, or None for a page not to list."""
    canonical = CANONICAL.search(html)
    if canonical is None or NOINDEX.search(html):
        return None
    return canonical.group(1), ALTERNATE.findall(html)


def page_entries(output, base, exclude, facts=None):
    """``[(url, [(hreflang, url)])]`` for every indexable page, sorted by URL.

    ``facts`` (``writing.facts``) keeps each page's findings between builds.
    """
    facts = facts or PageFacts({}, output, "sitemap")
    entries = []
    for relative, found in facts.read(find_entry).items():
        if found is None or relative in exclude:
            continue
        canonical, alternates = found
        absolute = [(lang, h if h.startswith("http") else base + h) for lang, h in alternates]
        entries.append((canonical, absolute))
    facts.save()
    return sorted(entries)


def sitemap_xml(entries):
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, alternates in entries:
        lines.append(f"  <url><loc>{escape(url)}</loc>")
        lines += [
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
            for lang, href in alternates
        ]
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base):
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"
