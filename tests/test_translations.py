"""The interface speaks both languages: every template string is in the
catalog, and the Chinese catalog translates every one of them."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from conftest import ROOT, build

TRANSLATIONS = ROOT / "theme" / "translations"


def read_catalog(path, locale=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def test_pot_lists_exactly_the_strings_in_the_templates(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "--no-location",
            "-k",
            "_in:2",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted = {m.id for m in read_catalog(fresh) if m.id}
    committed = {m.id for m in read_catalog(TRANSLATIONS / "messages.pot") if m.id}
    assert extracted == committed, "run `make i18n` and translate the new strings"


def test_chinese_catalog_translates_every_string():
    pot = read_catalog(TRANSLATIONS / "messages.pot")
    po = read_catalog(TRANSLATIONS / "zh" / "LC_MESSAGES" / "messages.po", locale="zh_Hans_CN")
    untranslated = [m.id for m in pot if m.id and not (po.get(m.id) and po.get(m.id).string)]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert untranslated == [], "add these to theme/translations/zh/LC_MESSAGES/messages.po"
    assert fuzzy == [], "review these fuzzy translations"


def test_chinese_translations_keep_their_placeholders():
    po = read_catalog(TRANSLATIONS / "zh" / "LC_MESSAGES" / "messages.po", locale="zh_Hans_CN")
    problems = [
        (message.id, problem)
        for message in po
        if message.id
        for _message, problem in message.check(po)
    ]
    assert problems == []


def test_no_compiled_catalog_is_kept():
    assert not list(Path(TRANSLATIONS).rglob("*.mo")), ".mo files are compiled at build time"


def test_the_build_log_counts_each_languages_pages(tiny_site):
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0
    counts = {
        lang: sum(1 for _ in (tiny_site.output / lang).rglob("*.html")) for lang in ("en", "zh")
    }
    assert counts["en"] > 10
    assert f"Pages per language: en {counts['en']}, zh {counts['zh']}" in result.stdout
