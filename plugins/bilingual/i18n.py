"""The theme's interface strings, texts, dates and names in each page's language.

One Jinja environment renders pages of both languages, so the gettext
callables and filters look up the page's language (the template variable
``lang``) each time instead of installing one catalog for the whole build.
The zh catalog is compiled from its ``.po`` file in memory at build time; no
``.mo`` file is kept in the repository.
"""

import io
import os
from datetime import datetime
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup, escape


def load_catalogs(folder, languages):
    """``{code: Translations}``; a language without a ``.po`` file is shown as written."""
    return {code: _catalog(folder, code, language.locale) for code, language in languages.items()}


def _catalog(folder, code, locale):
    po_path = os.path.join(folder, code, "LC_MESSAGES", "messages.po")
    if not os.path.exists(po_path):
        return NullTranslations()
    return _compiled(po_path, os.path.getmtime(po_path), locale)


@lru_cache(maxsize=8)
def _compiled(po_path, _mtime, locale):
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(mo)


def N_(message):
    """Mark a string of Python code for `make i18n`; translated where it is shown."""
    return message


def untranslated_strings(folder, code):
    """The interface strings of ``messages.pot`` that the ``code`` catalog lacks (or has fuzzy)."""
    with open(os.path.join(folder, "messages.pot"), "rb") as pot_file:
        template = read_po(pot_file)
    po_path = os.path.join(folder, code, "LC_MESSAGES", "messages.po")
    translated = {}
    if os.path.exists(po_path):
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file)
        translated = {
            message.id: message
            for message in catalog
            if message.id and not message.fuzzy and all(_as_tuple(message.string))
        }
    return [
        _singular(message.id) for message in template if message.id and message.id not in translated
    ]


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _singular(message_id):
    return message_id[0] if isinstance(message_id, tuple) else message_id


def localize(value, lang):
    """A "text" (one string, or a map ``{en: ..., zh: ...}``) in ``lang``, as plain text.

    A map that lacks ``lang`` falls back to the first language it has.
    """
    if isinstance(value, dict):
        return value.get(lang) or next(iter(value.values()), "")
    return value


def localize_marked(value, lang, languages):
    """Like ``localize``, but text shown in another language is marked with its ``lang``."""
    if isinstance(value, dict) and lang not in value and value:
        code, text = next(iter(value.items()))
        return Markup('<span lang="{}">{}</span>').format(languages[code].html_lang, text)
    return escape(localize(value, lang))


def isodate(value):
    """``2020-02-09`` for ``<time datetime>``, from a date or a date-time."""
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


def install(env, catalogs, languages):
    """Give a Jinja environment the per-page ``_()`` and ``ngettext()``, ``_in(lang, ...)``
    for a string in a given language, and these filters:

    ``|t`` a text in the page's language (marked when it falls back to the
    other language), ``|t_plain`` the same as plain text for attributes,
    ``|date`` a date and ``|time`` a time of day (in the value's own time
    zone) by Babel, ``|isodate`` for ``<time datetime>``, ``|country`` and
    ``|language_name`` CLDR names.
    """

    locales = {code: Locale.parse(language.locale) for code, language in languages.items()}

    def locale(context):
        return locales[context["lang"]]

    # Lists show the same dates on many pages, and Babel takes a tenth of a
    # millisecond for each: each date is formatted once per language.
    @cache
    def format_day(day, format, lang):
        return format_date(day, format, locale=locales[lang])

    @pass_context
    def gettext(context, message):
        return catalogs[context["lang"]].ugettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return catalogs[context["lang"]].ungettext(singular, plural, n)

    @pass_context
    def date_filter(context, value, format="long"):
        # By the day: equal date-times in two time zones may fall on two days.
        day = value.date() if isinstance(value, datetime) else value
        return format_day(day, format, context["lang"])

    @pass_context
    def time_filter(context, value):
        return format_time(value, "short", tzinfo=value.tzinfo, locale=locale(context))

    def gettext_in(code, message):
        """``_()`` in a given language, for a page that shows several (the 404 page)."""
        return catalogs[code].ugettext(message)

    @cache
    def translated(lang, message, autoescape):
        text = catalogs[lang].ugettext(message)
        return Markup(text) if autoescape else text

    @cache
    def without_variables(lang, message, autoescape):
        return translated(lang, message, autoescape) % {}  # as newstyle: "%%" is "%"

    @pass_context
    def quick_gettext(context, message, /, **variables):
        """Jinja's newstyle ``_()`` (translate, mark safe, then ``%`` the
        variables), without its two indirect calls, on the hundreds of
        thousands of strings a large site renders; a string without
        variables is formatted once (``Markup``'s ``%`` took a second of a
        large build)."""
        if not variables:
            return without_variables(context["lang"], message, context.eval_ctx.autoescape)
        return translated(context["lang"], message, context.eval_ctx.autoescape) % variables

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["_"] = quick_gettext
    env.globals["_in"] = gettext_in
    env.filters.update(
        t=pass_context(lambda context, value: localize_marked(value, context["lang"], languages)),
        t_plain=pass_context(lambda context, value: localize(value, context["lang"])),
        date=date_filter,
        time=time_filter,
        isodate=isodate,
        country=pass_context(lambda context, code: locale(context).territories.get(code, code)),
        language_name=pass_context(lambda context, code: locale(context).languages.get(code, code)),
    )
    env.globals["localize"] = localize
