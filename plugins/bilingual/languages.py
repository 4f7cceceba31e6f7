"""The site's languages and the versions of a page across them."""

from dataclasses import dataclass
from operator import attrgetter

from babel import Locale

from . import settings as plugin_settings


@dataclass(frozen=True)
class Language:
    code: str  # as in file names and URLs: "en", "zh"
    locale: str  # Babel locale: "en", "zh_Hans_CN"
    html_lang: str  # BCP 47 tag for <html lang> and hreflang: "en", "zh-CN"

    @property
    def native_name(self):
        """The language's name in itself ("English", "中文"), from CLDR."""
        return Locale.parse(self.locale).language_name

    @property
    def og_locale(self):
        """The Open Graph form of the language tag ("en", "zh_CN")."""
        return self.html_lang.replace("-", "_")

    def name_in(self, other):
        """This language's name in another language ("Chinese", "英语")."""
        return Locale.parse(self.locale).get_language_name(other.locale)


@dataclass(frozen=True)
class Version:
    """One language's version of a page, for hreflang and the switcher.

    ``exists`` is False when the page has no translation in that language;
    ``url`` then points to that language's home.
    """

    language: Language
    url: str
    exists: bool
    current: bool


def site_languages(settings):
    """``{code: Language}`` in the configured order."""
    table = plugin_settings.get(settings, "BILINGUAL_LANGUAGES")
    return {code: Language(code, **spec) for code, spec in table.items()}


@dataclass(frozen=True)
class Versions:
    """All versions of one page, and the URL for hreflang="x-default"."""

    items: tuple[Version, ...]
    x_default: str

    def __iter__(self):
        return iter(self.items)


def versions(languages, current, urls, x_default=None):
    """Every language's version of one page.

    ``urls`` maps a language code to the page's URL in that language, for
    the languages in which it exists. ``x_default`` is the page for
    visitors whose language is none of these: by default the version in the
    site's first language, or else the current one.
    """
    items = tuple(
        Version(
            language=language,
            url=urls.get(code, f"{code}/"),
            exists=code in urls,
            current=code == current,
        )
        for code, language in languages.items()
    )
    if x_default is None:
        first = next(iter(languages))
        x_default = urls.get(first, urls.get(current, ""))
    return Versions(items, x_default)


def with_translations(items):
    """Pelican's items (one per slug) followed each by its translations."""
    for item in items:
        yield item
        yield from item.translations


def item_versions(languages, item, url=attrgetter("url")):
    """The versions of a Pelican content item and its translations;
    ``url(item)`` gives an item's URL."""
    urls = {t.lang: url(t) for t in item.translations}
    urls[item.lang] = url(item)
    return versions(languages, item.lang, urls)
