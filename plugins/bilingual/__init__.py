"""One site in several languages (English and Simplified Chinese).

Adds:
- gettext in templates, per page: ``_()`` and ``ngettext()`` translate into
  the page's language (the template variable ``lang``), from the theme's
  ``translations/<lang>/LC_MESSAGES/messages.po`` compiled at build time;
- template helpers: ``|t`` (a text map in the page's language), ``|date``
  (a date in the page's locale, by Babel), ``languages`` and
  ``item_versions()`` (a page's versions for hreflang and the switcher);
- the language chooser at ``/`` and each language's home ``/<lang>/``;
- a summary of the pages built per language.

Signals: ``generator_init`` (set up each generator's Jinja environment),
``get_generators`` (the chooser and homes); the summary is a step after
writing (``writing`` plugin).
"""

import os
from functools import partial

from pelican import signals
from pelican.generators import Generator
from pelican.log import console

from writing import after_writing
from writing.facts import listed_pages

from . import i18n
from . import settings as plugin_settings
from .languages import item_versions, site_languages, versions, with_translations

__all__ = [
    "catalogs_folder",
    "interface_catalogs",
    "item_versions",
    "site_languages",
    "versions",
    "with_translations",
    "write_in_every_language",
]


def catalogs_folder(settings):
    """The theme's folder of interface translations."""
    return os.path.join(settings["THEME"], plugin_settings.get(settings, "BILINGUAL_CATALOGS"))


def interface_catalogs(generator):
    """``{lang: Translations}`` of the theme's interface strings, for Python code."""
    return i18n.load_catalogs(
        catalogs_folder(generator.settings), site_languages(generator.settings)
    )


def setup_templates(generator):
    languages = site_languages(generator.settings)
    i18n.install(generator.env, interface_catalogs(generator), languages)
    generator.env.globals["languages"] = languages
    generator.env.globals["item_versions"] = partial(item_versions, languages)


def write_in_every_language(generator, writer, lang, url, template, x_default=None, **variables):
    """Write ``url`` (which starts with ``lang/``), a page that every language has.

    Its other versions are the same URL under each language's prefix;
    ``x_default`` as in ``versions``.
    """
    languages = site_languages(generator.settings)
    urls = {code: code + url[len(lang) :] for code in languages}
    writer.write_file(
        url + "index.html",
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=url,
        lang=lang,
        page_versions=versions(languages, lang, urls, x_default),
        **variables,
    )


class HomesGenerator(Generator):
    """Writes the language chooser at ``/`` and each language's home."""

    def generate_output(self, writer):
        languages = site_languages(self.settings)
        homes = {code: f"{code}/" for code in languages}
        default = next(iter(languages))
        writer.write_file(
            "index.html",
            self.get_template("chooser"),
            self.context,
            lang=default,
            page_versions=versions(languages, None, homes, x_default=""),
            url="",
        )
        for code in languages:
            # The chooser at / is the page for visitors of any other language.
            write_in_every_language(self, writer, code, homes[code], "home", x_default="")


def get_generators(pelican):
    return HomesGenerator


def report_pages(pelican):
    """Log how many HTML pages each language has, for `make serve` and CI logs."""
    counts = dict.fromkeys(site_languages(pelican.settings), 0)
    for page in listed_pages(pelican.output_path):
        code = page.split("/", 1)[0]
        if code in counts and "/" in page:
            counts[code] += 1
    console.print(
        "Pages per language: " + ", ".join(f"{code} {count}" for code, count in counts.items())
    )


def register():
    signals.generator_init.connect(setup_templates)
    signals.get_generators.connect(get_generators)
    after_writing(report_pages, order=40)
