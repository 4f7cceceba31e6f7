"""Read ``<slug>.<lang>.md`` files: YAML front matter, then Markdown.

Language and slug come from the file name; the front matter is checked
against the schema of the folder the file is in (news or pages). Every
problem is logged with its file and line, then the reader raises, so the
file is recorded as failed and the `validation` plugin stops the build.
"""

import logging
import os
import re

from markdown import Markdown
from markupsafe import Markup, escape
from pelican.contents import Author, Tag
from pelican.readers import BaseReader

from bilingual import site_languages
from validation import ContentError, Problem, check, display_path, load_yaml

from .schema import NewsMeta, PageMeta

logger = logging.getLogger(__name__)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
FILE_NAME = re.compile(r"\A(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[A-Za-z_-]+)\.md\Z")
EXCERPT_CHARS = {"zh": 90}  # Chinese packs more per character than English
DEFAULT_EXCERPT_CHARS = 200


class FrontMatterReader(BaseReader):
    enabled = True
    # All of Markdown's extensions, so that none is read by another reader
    # with other rules; only `.md` is accepted.
    file_extensions = ("md", "markdown", "mkd", "mdown")

    def read(self, source_path):
        shown = display_path(source_path)
        languages = site_languages(self.settings)
        problems = []
        name = _parse_file_name(os.path.basename(source_path), languages, shown, problems)
        with open(source_path, encoding="utf-8-sig") as source:
            text = source.read().replace("\r\n", "\n")
        match = FRONT_MATTER.match(text)
        if not match:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "error",
                    "the file must start with front matter: a line `---`, "
                    "then `title: ...` and the other fields, then a line `---`",
                )
            )
            raise self._fail(problems)
        try:
            data, positions = load_yaml(match["yaml"] or "", shown, first_line=2)
        except ContentError as error:
            raise self._fail(problems + error.problems) from None
        model = NewsMeta if self._is_news(source_path) else PageMeta
        meta, schema_problems = check(model, data, positions, shown)
        problems += schema_problems
        if problems:
            raise self._fail(problems)

        content = self._markdown().convert(text[match.end() :])
        return content, self._metadata(meta, name["slug"], name["lang"], content)

    def _fail(self, problems):
        error = ContentError(problems)
        for problem in error.problems:
            logger.error("%s", problem)
        return error

    def _is_news(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        top = relative.split(os.sep, 1)[0]
        return top in self.settings["ARTICLE_PATHS"]

    def _markdown(self):
        # Pelican's own Markdown reader adds the `meta` extension to the
        # shared settings; it would eat a first body line such as "Note: ...".
        config = dict(self.settings["MARKDOWN"])
        configs = {
            name: options
            for name, options in config.get("extension_configs", {}).items()
            if name != "markdown.extensions.meta"
        }
        config["extension_configs"] = configs
        config["extensions"] = [
            name for name in config.get("extensions", []) if name != "markdown.extensions.meta"
        ] + [name for name in configs if name not in config.get("extensions", [])]
        return Markdown(**config)

    def _metadata(self, meta, slug, lang, content):
        fields = meta.model_dump(exclude_none=True)
        metadata = {**fields, "slug": slug, "lang": lang}
        summary = fields.get("summary") or excerpt(
            Markup(content).striptags(), EXCERPT_CHARS.get(lang, DEFAULT_EXCERPT_CHARS)
        )
        # Pelican treats a summary as HTML; ours is plain text.
        metadata["summary"] = str(escape(summary))
        if "tags" in fields:
            metadata["tags"] = [_tag(name, lang, self.settings) for name in fields["tags"]]
        if "author" in fields:
            metadata["author"] = Author(fields["author"], self.settings)
        return metadata


def _parse_file_name(base_name, languages, shown, problems):
    match = FILE_NAME.match(base_name)
    allowed = " or ".join(f".{code}.md" for code in languages)
    if not base_name.endswith(".md"):
        problems.append(Problem(shown, 0, 0, "error", f"the file name must end in {allowed}"))
    elif not match:
        problems.append(
            Problem(
                shown,
                0,
                0,
                "error",
                f"the file name must be <slug>{allowed.replace(' or ', ' or <slug>')}, "
                "where <slug> is lowercase letters, digits and hyphens "
                "(such as summer-school-2026.en.md)",
            )
        )
    elif match["lang"] not in languages:
        problems.append(
            Problem(
                shown,
                0,
                0,
                "error",
                f'unknown language "{match["lang"]}" in the file name; it must end in {allowed}',
            )
        )
    return match or {"slug": "", "lang": ""}


def _tag(name, lang, settings):
    """A Pelican tag that knows its language, so that TAG_URL can use {lang}."""
    tag = Tag(name, settings)
    tag.lang = lang
    return tag


def excerpt(text, limit):
    """The start of ``text``, at most ``limit`` characters, cut at a word end."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",.;:，。；：") + "…"
