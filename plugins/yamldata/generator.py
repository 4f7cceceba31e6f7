"""The generator base class for YAML content types."""

import os
import re
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from pelican.generators import Generator

from bilingual import site_languages, with_translations, write_in_every_language
from validation import ContentError, Positions, Problem, check, display_path, load_yaml, report
from validation.placeholders import placeholder_problems
from validation.report import record_source
from validation.types import closest

from .kept import KeptResults
from .markup import render_text, text_markdown_renderer

ID = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass
class Source:
    """One valid file: its id (the file name), the checked data and where each field stands."""

    id: str
    path: str  # as shown to staff
    data: Any  # an instance of the content type's model
    positions: Positions
    source_path: str  # absolute


class YamlGenerator(Generator):
    """Reads ``<PATH>/<folder>/**/<id>.yaml``; subclasses set these and write pages.

    - ``folder_setting``: the setting that names the folder (``PROGRAMS_PATH``);
    - ``model``: the pydantic model of one file;
    - ``reserved_ids``: ids that would collide with the type's other pages;
    - ``build(sources)``: turn the valid files into the items of the site;
    - ``generate_output(writer)``: write their pages;
    - ``refresh_item(source)`` (optional): update an item in place after an
      edit, for the quick pass under `make serve` (`incremental` plugin).

    Files are parsed and checked, and texts rendered (``render_text``), once
    for each content: the results are kept between builds (``kept.py``).
    """

    folder_setting = ""
    default_folder = ""
    model = None
    reserved_ids = frozenset()  # ids whose URLs the content type's own pages use

    def generate_context(self):
        self.languages = site_languages(self.settings)
        self.kept = KeptResults(
            self.settings, type(self).__name__, self.languages, self.settings["MARKDOWN"]
        )
        sources, problems = self.read_folder()
        report(self.context, problems)
        self.build(sources)
        self.kept.save()

    def build(self, sources):
        raise NotImplementedError

    def link_news(self, field, items):
        """Attach each news article to the items its ``field`` names.

        ``items`` maps ids to objects with a ``news`` dict ({lang: [article]});
        an id that names no file is an error at the article's line.
        """
        problems = []
        for article in with_translations(self.context.get("articles", [])):
            for item_id in getattr(article, field, ()):
                if item_id in items:
                    items[item_id].news.setdefault(article.lang, []).append(article)
                elif item_id not in self.file_ids:
                    problems.append(self._unknown_reference(article, field, item_id))
        report(self.context, problems)

    def _unknown_reference(self, article, field, item_id):
        line, column = getattr(article, "field_positions", {}).get(field, (0, 0))
        folder = self.settings.get(self.folder_setting, self.default_folder)
        message = f'`{field}` names "{item_id}", but content/{folder}/ has no {item_id}.yaml'
        suggestion = closest(item_id, sorted(self.file_ids))
        if suggestion:
            message += f" (did you mean `{suggestion}`?)"
        return Problem(display_path(article.source_path), line, column, "error", message)

    def page_writer(self, writer, lang):
        """``write(url, template, **variables)``: a page of ``lang`` that every language has."""
        return partial(write_in_every_language, self, writer, lang)

    def folder(self):
        return os.path.join(self.path, self.settings.get(self.folder_setting, self.default_folder))

    def read_folder(self):
        """Every valid file as a Source, and every problem of every file."""
        sources, problems, seen = [], [], {}
        self.file_ids = set()  # every id, valid file or not, for cross-references
        for path in sorted(self._files()):
            record_source(self.context, os.path.relpath(path, self.path))
            source, file_problems = self._read_file(path, seen)
            self.file_ids.add(os.path.splitext(os.path.basename(path))[0])
            problems += file_problems
            if source is not None:
                sources.append(source)
        return sources, problems

    def _read_file(self, path, seen):
        """The file as a Source (None if it has errors), and its problems."""
        shown = display_path(path)
        file_id = os.path.splitext(os.path.basename(path))[0]
        problems = self._check_id(file_id, shown, seen)
        seen.setdefault(file_id, shown)
        with open(path, encoding="utf-8-sig") as handle:
            data, positions, found = self.kept.get("file", self._parse, handle.read(), shown)
        problems += found
        if data is None or any(p.severity == "error" for p in problems):
            return None, problems
        return Source(file_id, shown, data, positions, os.path.abspath(path)), problems

    def _parse(self, text, shown):
        """A file's text as ``(data, positions, problems)``; data None if it cannot be read."""
        try:
            data, positions = load_yaml(text, shown)
        except ContentError as error:
            return None, None, error.problems
        data, problems = check(self.model, data, positions, shown, tuple(self.languages))
        return data, positions, problems + placeholder_problems(text, shown, comment="#")

    def render_text(self, text):
        """A text field's Markdown as ``{lang: HTML}`` (``markup.render_text``)."""
        return self.kept.get("text", self._render_text, text)

    def _render_text(self, text):
        return render_text(text, self.languages, self.text_markdown)

    @cached_property
    def text_markdown(self):
        return text_markdown_renderer(self.settings)

    def refresh_source(self, path):
        """Read the edited file ``path`` again into the item it made, if this
        generator read it and it is still valid; True when done (`incremental`)."""
        if not path.startswith(self.folder() + os.sep) or not os.path.isfile(path):
            return False
        source, _problems = self._read_file(path, {})  # the rebuild reports them
        return source is not None and self.refresh_item(source)

    def refresh_item(self, source):
        """Put ``source``'s data into the item it made; False where a type cannot."""
        return False

    def _files(self):
        for folder, _subfolders, names in os.walk(self.folder()):
            for name in names:
                if not name.startswith("."):
                    yield os.path.join(folder, name)

    def _check_id(self, file_id, shown, seen):
        if not shown.endswith(".yaml"):
            return [Problem(shown, 0, 0, "error", "the file name must end in .yaml")]
        if not ID.match(file_id):
            return [
                Problem(
                    shown,
                    0,
                    0,
                    "error",
                    "the file name is the id used in URLs: lowercase letters, digits and "
                    "hyphens, such as bjut-toronto-summer.yaml",
                )
            ]
        if file_id in self.reserved_ids:
            return [
                Problem(
                    shown,
                    0,
                    0,
                    "error",
                    f'"{file_id}" cannot be an id: the site uses that URL for another page; '
                    "rename the file",
                )
            ]
        if file_id in seen:
            return [
                Problem(
                    shown, 0, 0, "error", f'duplicate id "{file_id}": {seen[file_id]} has it too'
                )
            ]
        return []
