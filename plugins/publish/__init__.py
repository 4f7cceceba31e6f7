"""The published site: what static hosts need, and files made for speed.

Adds:
- ``/404.html`` (both languages on one page) and ``/<lang>/404.html``;
- ``/sitemap.xml`` (every indexable page, with its ``xhtml:link`` hreflang
  alternates), ``/robots.txt`` pointing at it, and ``/_headers`` (the
  security headers, for hosts such as Netlify and Cloudflare Pages);
- where ``PUBLISH_OPTIMIZE`` is on (``publishconf.py``): fingerprinted theme
  assets, minified HTML, CSS and JS, and ``.gz``/``.br`` twins of every text
  file.

Signals: ``get_generators`` (the 404 pages); the rest are steps after
writing (``writing`` plugin): the sitemap while the search index is built,
the optimization after it, so the index is compressed too.
"""

import os

from pelican import signals
from pelican.generators import Generator

from bilingual import site_languages, versions
from sharing import public_url
from writing import after_writing
from writing.facts import PageFacts, find_when_written

from . import settings as plugin_settings
from .optimize import fingerprint, precompress, rewrite_pages
from .sitemap import find_entry, page_entries, robots_txt, sitemap_xml


class NotFoundPagesGenerator(Generator):
    """Writes the 404 pages: one for each language, and one with both."""

    def generate_output(self, writer):
        languages = site_languages(self.settings)
        homes = {code: f"{code}/" for code in languages}
        for name, lang, shown in [
            ("404.html", next(iter(languages)), list(languages)),
            *((f"{code}/404.html", code, [code]) for code in languages),
        ]:
            writer.write_file(
                name,
                self.get_template("404"),
                self.context,
                relative_urls=False,
                url=name,
                lang=lang,
                page_versions=versions(languages, lang, homes, x_default=""),
                shown_languages=[languages[code] for code in shown],
            )


def get_generators(pelican):
    return NotFoundPagesGenerator


def _write(path, text):
    with open(path, "w", encoding="utf-8") as target:
        target.write(text)


def write_host_files(pelican):
    output, settings = pelican.output_path, pelican.settings
    base = public_url(settings, "").rstrip("/")
    exclude = set(plugin_settings.get(settings, "PUBLISH_SITEMAP_EXCLUDE"))
    facts = PageFacts(settings, output, "sitemap")
    entries = page_entries(output, base, exclude, facts)
    _write(os.path.join(output, "sitemap.xml"), sitemap_xml(entries))
    _write(os.path.join(output, "robots.txt"), robots_txt(base))
    headers = "".join(
        f"  {name}: {value}\n" for name, value in plugin_settings.SECURITY_HEADERS.items()
    )
    _write(os.path.join(output, "_headers"), "/*\n" + headers)


def optimize_site(pelican):
    output, settings = pelican.output_path, pelican.settings
    if plugin_settings.get(settings, "PUBLISH_OPTIMIZE"):
        renamed = fingerprint(output, settings["THEME_STATIC_DIR"])
        rewrite_pages(output, renamed)
        precompress(output)


def register():
    signals.get_generators.connect(get_generators)
    after_writing(write_host_files, order=15)  # while the search index runs
    after_writing(optimize_site, order=30)  # after it: the index is optimized too
    find_when_written(find_entry)
