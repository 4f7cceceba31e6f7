"""Which items, texts and interface strings lack a language."""

from dataclasses import dataclass, field

from bilingual import with_translations
from bilingual.i18n import untranslated_strings
from validation import display_path
from validation.schema import field_name, partial_texts


@dataclass
class TranslationStatus:
    items: list = field(default_factory=list)  # (file, missing language codes)
    texts: list = field(default_factory=list)  # (file, field, missing language codes)
    strings: dict = field(default_factory=dict)  # {lang: [interface strings untranslated]}

    @property
    def complete(self):
        return not (self.items or self.texts or any(self.strings.values()))


def translation_status(context, languages, catalogs_folder):
    status = TranslationStatus()
    for kind in ("articles", "pages"):
        for item in with_translations(context.get(kind, [])):
            missing = [v.language.code for v in getattr(item, "versions", ()) if not v.exists]
            if missing:
                status.items.append((display_path(item.source_path), missing))
    codes = tuple(languages)
    for entry in (*context.get("programs", []), *context.get("lecture_series", {}).values()):
        for loc, missing in partial_texts(entry.data, (), codes):
            field = field_name(loc, entry.positions)
            status.texts.append((display_path(entry.source_path), field, missing))
    for code in codes[1:]:  # the interface is written in the first language
        status.strings[code] = untranslated_strings(catalogs_folder, code)
    return status
