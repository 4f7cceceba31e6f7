"""What office staff need beside the public pages.

Adds:
- ``|edit_url``: an item's source file in the repository's web editor, from
  the ``REPO_EDIT_URL`` setting ("Edit this page"; no link when it is empty);
- ``/translations/``, an unlisted page for staff of what lacks a language:
  news and pages with one language only, program and lecture texts written
  in one language, and interface strings without a Chinese translation.
  ``make translations`` prints the same (``tools/translations.py``).

Signals: ``generator_init`` (the filter), ``get_generators`` (the page).
"""

import os

from pelican import signals
from pelican.generators import Generator

from bilingual import catalogs_folder, site_languages

from .status import translation_status


def edit_url(settings, source_path):
    """The web editor's URL of ``source_path`` (a file under the repository), or ""."""
    base = settings.get("REPO_EDIT_URL", "")
    if not base or not source_path:
        return ""
    repository = os.path.dirname(os.path.abspath(settings["PATH"]))
    return base + os.path.relpath(source_path, repository).replace(os.sep, "/")


def add_filter(generator):
    generator.env.filters["edit_url"] = lambda path: edit_url(generator.settings, path)


class TranslationStatusGenerator(Generator):
    """Writes ``/translations/``, linked from nowhere."""

    def generate_output(self, writer):
        languages = site_languages(self.settings)
        writer.write_file(
            "translations/index.html",
            self.get_template("translations"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="translations/",
            lang=next(iter(languages)),
            page_versions=None,
            status=translation_status(self.context, languages, catalogs_folder(self.settings)),
        )


def get_generators(pelican):
    return TranslationStatusGenerator


def register():
    signals.generator_init.connect(add_filter)
    signals.get_generators.connect(get_generators)
