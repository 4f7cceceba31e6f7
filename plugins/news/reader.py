"""Read ``<slug>.<lang>.md`` files: YAML front matter, then Markdown.

Language and slug come from the file name; the front matter is checked
against the schema of the folder the file is in (news or pages). Every
problem is logged with its file and line, then the reader raises, so the
file is recorded as failed and the `validation` plugin stops the build.

A file's warnings are kept with what it read (``reader_warnings``), and
logged, with the check that its ``image`` is a file, by ``report_items``
on every build: Pelican's readers' cache skips the reader for a file it
read before, and they would show on the first build only.
"""

import os
import re

from markupsafe import Markup, escape
from pelican.contents import Author, Category, Tag
from pelican.readers import BaseReader

from bilingual import site_languages
from validation import ContentError, Problem, check, display_path, load_yaml, report
from validation.placeholders import placeholder_problems
from validation.report import log_problems
from yamldata import drafts_shown
from yamldata.markup import markdown_renderer

from .schema import NewsMeta, PageMeta

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
FILE_NAME = re.compile(r"\A(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[A-Za-z_-]+)\.md\Z")
EXCERPT_CHARS = {"zh": 90}  # Chinese packs more per character than English
DEFAULT_EXCERPT_CHARS = 200


class FrontMatterReader(BaseReader):
    enabled = True
    # Every extension Pelican has a reader for, so that no file in the news
    # and pages folders is read by another reader with other rules; only
    # `.md` is accepted.
    file_extensions = ("md", "markdown", "mkd", "mdown", "rst", "html", "htm")

    def __init__(self, settings):
        super().__init__(settings)
        self._converter = None

    def read(self, source_path):
        shown = display_path(source_path)
        problems = []
        name = _parse_file_name(
            os.path.basename(source_path), site_languages(self.settings), shown, problems
        )
        try:
            with open(source_path, encoding="utf-8-sig") as source:
                text = source.read().replace("\r\n", "\n")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 0, 0, "error", "is not UTF-8 text; save it as UTF-8"))
            raise self._fail(problems) from None
        match = FRONT_MATTER.match(text)
        if not match:
            problems.append(Problem(shown, 1, 1, "error", _front_matter_problem(text)))
            raise self._fail(problems)
        try:
            data, positions = load_yaml(match["yaml"] or "", shown, first_line=2)
        except ContentError as error:
            raise self._fail(problems + error.problems) from None
        model = NewsMeta if self._is_news(source_path) else PageMeta
        meta, schema_problems = check(model, data, positions, shown)
        problems += schema_problems + _image_problems(meta, positions, shown, self.settings)
        body_line = text.count("\n", 0, match.end()) + 1
        problems += placeholder_problems(text[match.end() :], shown, body_line)
        if meta is not None and model is NewsMeta and meta.summary is None:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "warning",
                    "there is no `summary`: lists, feeds and search show the start of the "
                    "text instead; add one or two sentences",
                )
            )
        if any(problem.severity == "error" for problem in problems):
            raise self._fail(problems)

        content = self._markdown().reset().convert(text[match.end() :])
        metadata = self._metadata(meta, name["slug"], name["lang"], content)
        metadata["reader_warnings"] = (*problems, *_images_without_alt(content, shown))
        # Where each front-matter field stands, for cross-reference errors
        # found later (a program id that does not exist).
        metadata["field_positions"] = {key[0]: at for key, at in positions.items() if len(key) == 1}
        return content, metadata

    def _markdown(self):
        # One converter for every file this reader reads, reset between
        # files: making one costs more than converting a short article.
        if self._converter is None:
            self._converter = markdown_renderer(self.settings)
        return self._converter

    def _fail(self, problems):
        error = ContentError(problems)
        log_problems(error.problems)
        return error

    def _is_news(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        top = relative.split(os.sep, 1)[0]
        return top in self.settings["ARTICLE_PATHS"]

    def _metadata(self, meta, slug, lang, content):
        """Pelican's metadata from the checked front matter."""
        fields = meta.model_dump(exclude_none=True)
        metadata = {**fields, "slug": slug, "lang": lang}
        # A draft is built like any item, with a banner, where drafts are
        # shown; elsewhere Pelican keeps it as a draft and writes nothing.
        metadata["draft"] = meta.status == "draft"
        if metadata["draft"] and drafts_shown(self.settings):
            metadata["status"] = "published"
        summary = fields.get("summary") or excerpt(
            Markup(content).striptags(), EXCERPT_CHARS.get(lang, DEFAULT_EXCERPT_CHARS)
        )
        # Pelican treats a summary as HTML; ours is plain text.
        metadata["summary"] = str(escape(summary))
        if "tags" in fields:
            metadata["tags"] = [_tag(name, lang, self.settings) for name in fields["tags"]]
        if "author" in fields:
            metadata["author"] = Author(fields["author"], self.settings)
        # Pelican's draft writer expects every article to have a category;
        # the site has no category pages (CATEGORY_SAVE_AS is empty).
        metadata["category"] = Category("news", self.settings)
        return metadata


def _image_problems(meta, positions, shown, settings):
    """Whether the front matter's ``image`` is a file, and has its ``image_alt``."""
    if meta is None or meta.image is None:
        return []
    line, column = positions.locate(("image",))
    if not os.path.isfile(os.path.join(settings["PATH"], meta.image)):
        return [_missing_image(shown, line, column, meta.image)]
    if meta.image_alt is None:
        return [
            Problem(
                shown,
                line,
                column,
                "warning",
                "`image` has no `image_alt`: say what the picture shows, for readers "
                "who cannot see it",
            )
        ]
    return []


def _missing_image(shown, line, column, image):
    return Problem(
        shown,
        line,
        column,
        "error",
        f'`image` names "{image}", which is not a file in the content folder '
        "(write the path from there, such as images/campus.jpg)",
    )


# Where Pelican's generators keep what they read (articles, pages, and
# their translations, drafts and hidden ones).
_ITEM_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


def report_items(generator):
    """Log each article's or page's warnings, and check that its image is
    still a file (the readers' cache does not see another file go)."""
    settings, problems = generator.settings, []
    for name in _ITEM_LISTS:
        for item in getattr(generator, name, ()):
            problems += item.metadata.get("reader_warnings", ())
            image = item.metadata.get("image")
            if image and not os.path.isfile(os.path.join(settings["PATH"], image)):
                line, column = item.metadata["field_positions"].get("image", (1, 1))
                shown = display_path(item.source_path)
                problems.append(_missing_image(shown, line, column, image))
    report(generator.context, problems)


IMAGE_WITHOUT_ALT = re.compile(r'<img(?![^>]*\balt="[^"]+")[^>]*\bsrc="([^"]*)"')


def _images_without_alt(html, shown):
    return [
        Problem(
            shown,
            0,
            0,
            "warning",
            f'the image "{source}" in the text has no description: write '
            "![what it shows](path) so readers who cannot see it know",
        )
        for source in IMAGE_WITHOUT_ALT.findall(html)
    ]


def _front_matter_problem(text):
    if text.startswith("---"):
        return "the front matter is never closed: add a line `---` after the last field"
    return (
        "the file must start with front matter: a line `---`, "
        "then `title: ...` and the other fields, then a line `---`"
    )


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
