"""Markdown as the site renders it, for news bodies and YAML text fields."""

from markdown import Markdown
from markupsafe import Markup

from bilingual.i18n import localize

_META = "markdown.extensions.meta"


def markdown_renderer(settings):
    """A Markdown converter with the site's ``MARKDOWN`` settings, without ``meta``.

    Pelican's own Markdown reader adds the ``meta`` extension to the shared
    settings; it would eat a first line such as "Note: ..." as metadata.
    """
    config = dict(settings["MARKDOWN"])
    configs = {
        name: options
        for name, options in config.get("extension_configs", {}).items()
        if name != _META
    }
    extensions = [name for name in config.get("extensions", []) if name != _META]
    config["extension_configs"] = configs
    config["extensions"] = extensions + [name for name in configs if name not in extensions]
    return Markdown(**config)


def text_markdown_renderer(settings):
    """Markdown for the text fields of YAML files, where raw HTML shows as text.

    News bodies may hold HTML; a program's description or a talk's abstract
    is a value in a data file, and no value from YAML may become markup
    (a ``<script>`` there would run on the page).
    """
    markdown = markdown_renderer(settings)
    markdown.preprocessors.deregister("html_block")
    markdown.inlinePatterns.deregister("html")
    return markdown


def render_text(text, languages, markdown):
    """A Markdown "text" as ``{lang: HTML}``, empty when there is no text.

    A language the text lacks shows the other language's text, in an
    element marked with that language.
    """
    if text is None:
        return {}
    rendered = {}
    for lang in languages:
        html = Markup(markdown.reset().convert(localize(text, lang)))
        if isinstance(text, dict) and lang not in text:
            shown = languages[next(iter(text))].html_lang
            html = Markup('<div lang="{}">{}</div>').format(shown, html)
        rendered[lang] = html
    return rendered
