"""``sitemap.xml`` and ``robots.txt``, from the pages as written.

Each page already names its public address (``<link rel="canonical">``)
and its other language versions (``<link rel="alternate" hreflang>``), so
the sitemap reads them back rather than knowing every kind of page.
"""

import os
import re
from xml.sax.saxutils import escape, quoteattr

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"')
NOINDEX = re.compile(r'<meta name="robots" content="noindex"')


def page_entries(output, base, exclude):
    """``[(url, [(hreflang, url)])]`` for every indexable page, sorted by URL."""
    entries = []
    for folder, _subfolders, names in os.walk(output):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if not name.endswith(".html") or relative in exclude:
                continue
            with open(path, encoding="utf-8") as page:
                html = page.read()
            canonical = CANONICAL.search(html)
            if canonical is None or NOINDEX.search(html):
                continue
            alternates = [
                (lang, href if href.startswith("http") else base + href)
                for lang, href in ALTERNATE.findall(html)
            ]
            entries.append((canonical.group(1), alternates))
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
