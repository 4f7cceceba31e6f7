"""The theme's interface strings and dates, in the language of each page.

One Jinja environment renders pages of both languages, so the gettext
callables look up the page's language (the template variable ``lang``)
each time instead of installing one catalog for the whole build. The zh
catalog is compiled from its ``.po`` file in memory at build time; no
``.mo`` file is kept in the repository.
"""

import io
import os

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context


def load_catalogs(folder, languages):
    """``{code: Translations}``; a language without a ``.po`` file is shown as written."""
    catalogs = {}
    for code in languages:
        po_path = os.path.join(folder, code, "LC_MESSAGES", "messages.po")
        if not os.path.exists(po_path):
            catalogs[code] = NullTranslations()
            continue
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file, locale=languages[code].locale)
        mo = io.BytesIO()
        write_mo(mo, catalog)
        mo.seek(0)
        catalogs[code] = Translations(mo)
    return catalogs


def localize(value, lang):
    """A "text" (one string, or a map ``{en: ..., zh: ...}``) in ``lang``.

    A map that lacks ``lang`` falls back to the first language it has.
    """
    if isinstance(value, dict):
        return value.get(lang) or next(iter(value.values()), "")
    return value


def install(env, catalogs, languages):
    """Give a Jinja environment ``_()``, ``ngettext()``, ``|t``, ``|date`` and ``localize()``."""

    @pass_context
    def gettext(context, message):
        return catalogs[context["lang"]].ugettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return catalogs[context["lang"]].ungettext(singular, plural, n)

    @pass_context
    def text_filter(context, value):
        return localize(value, context["lang"])

    @pass_context
    def date_filter(context, value, format="long"):
        return format_date(value, format, locale=languages[context["lang"]].locale)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters["t"] = text_filter
    env.globals["localize"] = localize
    env.filters["date"] = date_filter
