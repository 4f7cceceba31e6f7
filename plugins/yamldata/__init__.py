"""YAML content types: one file per item in a content folder.

Adds the machinery that programs and lectures share, so that each of them
declares only its schema, how a valid file becomes items, and its pages:

- ``YamlGenerator``, a Pelican generator base class whose
  ``generate_context()`` reads every ``<id>.yaml`` of its folder, checks it
  against the content type's pydantic model, reports every problem (file,
  line, field) through the `validation` plugin and hands the valid files to
  the subclass;
- ``build_time(settings)``, the moment that "open", "days left" and
  "upcoming" are decided against;
- ``markdown_renderer(settings)``, Markdown as the site renders it; a
  YamlGenerator's ``render_text(text)`` renders a YAML text field with it,
  raw HTML shown as text;
- ``kept.KeptResults``: what a YamlGenerator works out from its files
  (parsed and checked files, rendered texts), kept between builds in
  Pelican's cache folder;
- ``drafts_shown(settings)``: whether items marked ``status: draft`` are
  built (``make serve``, with a banner) or left out (the published site).

It is a library for other plugins: it connects no signals.
"""

from .clock import build_time
from .generator import Source, YamlGenerator
from .markup import markdown_renderer

__all__ = [
    "Source",
    "YamlGenerator",
    "build_time",
    "drafts_shown",
    "markdown_renderer",
]


def drafts_shown(settings):
    """``SHOW_DRAFTS``: True in pelicanconf.py (previews), False in publishconf.py."""
    return bool(settings.get("SHOW_DRAFTS", False))
