"""Markdown as the site renders it, for news bodies and YAML text fields."""

from markdown import Markdown

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
