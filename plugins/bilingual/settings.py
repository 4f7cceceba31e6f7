"""The bilingual plugin's settings and their defaults, in one place.

Read them with ``get(settings, NAME)``; the user's settings are never
changed.
"""

DEFAULTS = {
    # Languages of the site, in menu order. `locale` is the Babel/CLDR locale
    # used for dates and language names; `html_lang` goes into <html lang>
    # and hreflang. The first language is the default one (x-default).
    "BILINGUAL_LANGUAGES": {
        "en": {"locale": "en", "html_lang": "en"},
        "zh": {"locale": "zh_Hans_CN", "html_lang": "zh-CN"},
    },
    # Folder (relative to the theme) with <lang>/LC_MESSAGES/messages.po.
    "BILINGUAL_CATALOGS": "translations",
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
