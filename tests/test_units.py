"""Pure functions: YAML positions, schema messages, language versions, excerpts."""

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from babel.support import NullTranslations
from jinja2 import Environment
from markupsafe import Markup
from pydantic import TypeAdapter

from bilingual.i18n import install, localize
from bilingual.languages import site_languages, versions
from lectures.model import talk_ids
from news.reader import excerpt
from news.schema import NewsMeta
from programs.schema import FUNDING, LEVELS, TYPES
from sharing import qr_path
from validation import ContentError, check, load_yaml
from validation.placeholders import PLACEHOLDERS, placeholder_problems
from validation.types import Country, closest
from validation.yamlsource import Positions
from writing import pickles
from writing.facts import files_under
from writing.reuse import Digests, UnrecordableError
from yamldata.kept import KeptResults

ROOT = Path(__file__).resolve().parent.parent

LANGUAGES = site_languages({})


def test_yaml_positions_point_at_each_key_and_list_item():
    data, positions = load_yaml("title: A\npartner:\n  - name: X\n    country: GB\n", "f", 2)
    assert data["partner"][0]["country"] == "GB"
    assert positions[("title",)] == (2, 1)
    assert positions[("partner", 0)] == (4, 5)
    assert positions[("partner", 0, "country")] == (5, 5)
    assert positions.locate(("partner", 0, "city")) == (4, 5), "a missing key: its parent"


def test_yaml_dates_stay_text_so_the_schema_can_judge_them():
    data, _ = load_yaml("date: 2020-02-30\n", "f")
    assert data == {"date": "2020-02-30"}


def test_yaml_reads_norway_as_no_not_false():
    """Only true and false are booleans (YAML 1.2): NO is Norway's code, no a language."""
    data, _ = load_yaml("country: NO\nlanguage: [no, en]\nopen: yes\nshown: true\n", "f")
    assert data == {"country": "NO", "language": ["no", "en"], "open": "yes", "shown": True}


def test_yaml_key_given_twice_is_an_error():
    with pytest.raises(ContentError) as raised:
        load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert str(raised.value.problems[0]) == "f.yaml:3:1: error: `a` is given twice; keep only one"


def test_broken_yaml_names_the_line():
    with pytest.raises(ContentError) as raised:
        load_yaml("a: [1, 2\nb: 3\n", "f.yaml", first_line=10)
    problem = raised.value.problems[0]
    assert problem.line == 11
    assert problem.message.startswith("broken YAML:")


def test_schema_reports_every_problem_at_its_line():
    text = "titel: A\ndate: 2020-13-01\ntags: [ok, 3]\n"
    data, positions = load_yaml(text, "n.en.md", 2)
    meta, problems = check(NewsMeta, data, positions, "n.en.md")
    assert meta is None
    assert [(p.line, p.message.split(";")[0]) for p in sorted(problems)] == [
        (2, "`title` is required but missing"),
        (2, "unknown field `titel`"),
        (3, "`date` is not a real date"),
        (4, "`tags[2]` must be text, found 3 (put it in quotes to keep it as text)"),
    ]
    assert "(did you mean `title`?)" in next(p.message for p in problems if "titel" in p.message)


def test_schema_accepts_a_date_time():
    data, positions = load_yaml("title: A\ndate: 2020-02-09T14:30\n", "n", 2)
    meta, problems = check(NewsMeta, data, positions, "n")
    assert problems == []
    assert (meta.date.hour, meta.date.minute) == (14, 30)


def test_content_error_counts_errors_and_files():
    with pytest.raises(ContentError) as raised:
        load_yaml("a: 1\na: 2\nb: 1\nb: 2\n", "x.yaml")
    assert str(raised.value).splitlines()[-1] == "2 errors in 1 file"


def test_versions_fall_back_to_the_other_home_when_a_translation_is_missing():
    result = versions(LANGUAGES, "zh", {"zh": "zh/news/a/"})
    by_code = {v.language.code: v for v in result}
    assert by_code["en"].url == "en/"
    assert not by_code["en"].exists
    assert by_code["zh"].current
    assert by_code["zh"].exists
    assert result.x_default == "zh/news/a/"


def test_versions_x_default_is_the_first_language():
    result = versions(LANGUAGES, "zh", {"en": "en/news/a/", "zh": "zh/news/a/"})
    assert result.x_default == "en/news/a/"


def test_language_names_come_from_cldr():
    en, zh = LANGUAGES["en"], LANGUAGES["zh"]
    assert (en.native_name, zh.native_name) == ("English", "中文")
    assert zh.name_in(en) == "Chinese"
    assert en.name_in(zh) == "英语"
    assert zh.html_lang == "zh-CN"


def test_localize_picks_the_language_or_falls_back():
    assert localize({"en": "Office", "zh": "办公室"}, "zh") == "办公室"
    assert localize({"en": "Office"}, "zh") == "Office"
    assert localize("EPITECH", "zh") == "EPITECH"


def test_excerpt_cuts_english_at_a_word_and_chinese_at_a_character():
    assert excerpt("one two three four", 11) == "one two…"
    assert excerpt("短文本", 10) == "短文本"
    assert excerpt("北京交通大学国际合作概览。更多内容", 8) == "北京交通大学国际…"


PROGRAM_BASE = (
    "title: T\nsummary: S\npartner: {name: P, country: GB}\ntype: exchange\nlevels: [master]\n"
)
SERIES_BASE = "title: T\ntalks:\n  - title: A\n    speaker: {name: B}\n"


@pytest.mark.parametrize(
    ("schema", "text", "message"),
    [
        (
            "program",
            "contact: {url: www.example.edu}",
            "`contact.url` must be a web address starting with https://",
        ),
        (
            "program",
            "contact: {email: intl.example.edu.cn}",
            "`contact.email` must be an email address",
        ),
        (
            "program",
            "language: [english]",
            "`language[1]` is not an ISO 639-1 language code (two letters, such as en, zh or fr) (did you mean en?)",
        ),
        ("program", "places: -1", "`places` must be 0 or more, found -1"),
        ("program", "places: many", '`places` must be a whole number, found "many"'),
        ("program", "contact: intl@example.edu.cn", "`contact` must be a set of named fields"),
        (
            "program",
            "duration: {en: 4 weeks, fr: 4 semaines}",
            "`duration` has an unknown language `fr`; use en and zh",
        ),
        ("program", "colleges: [{en: }]", "`colleges[1]` has no text for `en`"),
        (
            "series",
            "    start: 2026-12-03T14:30+08:00",
            "`talks[1].start` has a UTC offset; write the local time",
        ),
        (
            "series",
            "    start: 2026-12-03T14:30\n    id: Opening Talk",
            "`talks[1].id` must be lowercase letters, digits and hyphens",
        ),
        (
            "series",
            "    start: 2026-12-03T14:30\n    duration: 0",
            "`talks[1].duration` must be more than 0, found 0",
        ),
        (
            "figures",
            "figures:\n  - {year: twenty, institution: X}",
            '`figures[1].year` must be a whole number, found "twenty"',
        ),
        ("figures", "figures: {year: 2016}", "`figures` must be a list"),
        (
            "figures",
            "figures:\n  - {year: 3016, institution: X}",
            "`figures[1].year` must be 2100 or less",
        ),
    ],
)
def test_every_kind_of_value_problem_is_explained(schema, text, message):
    from lectures.schema import SeriesFile
    from programs.figures import FiguresFile
    from programs.schema import ProgramFile

    model, base = {
        "program": (ProgramFile, PROGRAM_BASE),
        "series": (SeriesFile, SERIES_BASE),
        "figures": (FiguresFile, ""),
    }[schema]
    data, positions = load_yaml(base + text + "\n", "f.yaml")
    instance, problems = check(model, data, positions, "f.yaml")
    assert instance is None
    assert any(message in p.message for p in problems), [p.message for p in problems]


def test_date_filter_shows_each_date_time_on_its_own_day():
    """Equal instants in two time zones can fall on two days: 16:00 in London
    on 1 March is midnight in Beijing on 2 March."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    install(env, {code: NullTranslations() for code in LANGUAGES}, LANGUAGES)
    beijing = datetime(2026, 3, 2, tzinfo=ZoneInfo("Asia/Shanghai"))
    london = datetime(2026, 3, 1, 16, tzinfo=ZoneInfo("Europe/London"))
    assert beijing == london
    page = env.from_string("{{ beijing|date }} / {{ london|date }}")
    assert page.render(lang="en", beijing=beijing, london=london) == "March 2, 2026 / March 1, 2026"


def test_interface_strings_are_formatted_as_jinja_newstyle_gettext_formats_them():
    """Marked safe, variables escaped, and ``%%`` a percent sign, also where
    a string has no variables (those are formatted once, and kept)."""
    template = "{{ _('Fees: <b>5%%</b>') }} {{ _('%(n)s%% of <b>all</b>', n=n) }}"
    for autoescape, expected in (
        (True, "Fees: <b>5%</b> &lt;i&gt;% of <b>all</b>"),
        (False, "Fees: <b>5%</b> <i>% of <b>all</b>"),
    ):
        env = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
        install(env, {code: NullTranslations() for code in LANGUAGES}, LANGUAGES)
        page = env.from_string(template)
        assert page.render(lang="en", n="<i>") == expected
        assert page.render(lang="en", n="<i>") == expected  # again, from what was kept


def test_qr_path_strokes_each_run_of_dark_modules_and_skips_light_rows():
    dark, light = 0, 255
    rows = bytes([dark, light, dark] + [light] * 3 + [dark, dark, light])
    # Two modules of border: the first row's strokes start at x 2 and 4, at
    # the middle of the row (y 2.5); the light row has none.
    assert qr_path(rows, 3) == "M2 2.5h1m1 0h1M2 4.5h2"


def _digest_in_a_new_process(expression):
    """``Digests.of(eval(expression))`` computed by another Python process."""
    code = (
        "import sys; sys.path[:0] = ['plugins', 'tests']\n"
        "from test_units import *; from writing.reuse import Digests\n"
        f"print(Digests({{}}).of({expression}).hex())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip()


@dataclass
class _Item:
    id: str
    title: str
    related: list = field(default_factory=list)

    @property
    def item_key(self):
        return ("test", self.id)


def test_page_record_digests_agree_between_processes_and_tell_values_apart():
    value = "{'a': [1, 2.5, None], 'b': (Markup('<b>x</b>'), datetime(2026, 1, 2))}"
    assert Digests({}).of(eval(value)).hex() == _digest_in_a_new_process(value)
    digests = Digests({})
    assert digests.of("<b>x</b>") != digests.of(Markup("<b>x</b>"))
    assert digests.of([1, 2]) != digests.of([2, 1])
    assert digests.of({"x", "y"}) == digests.of({"y", "x"})


def test_page_records_know_items_by_key_and_read_their_attributes_apart():
    digests = Digests({})
    item = _Item("a", "Old title")
    # A list of items is its items' keys: retitling one does not change it.
    before = digests.of([item])
    assert Digests({}).of([_Item("a", "New title")]) == before
    assert digests.items[("test", "a")] is item
    # The item's whole state, and its related items', is another matter.
    related = _Item("b", "Related", [])
    item.related = [related]
    state, own = Digests({}).state(item), Digests({}).state(item, referred=False)
    related.title = "Retitled"
    assert Digests({}).state(item) != state
    assert Digests({}).state(item, referred=False) == own


def test_a_value_known_only_by_its_address_leaves_its_page_unrecorded():
    with pytest.raises(UnrecordableError):
        Digests({}).of(object())
    loop = []
    loop.append(loop)
    with pytest.raises(UnrecordableError):
        Digests({}).of(loop)


def test_the_steps_after_writing_skip_a_folder_removed_while_they_look(tmp_path):
    # The search index swaps its bundle folder while the link check and the
    # sitemap look through the site: a folder gone meanwhile is no error.
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("page")
    walk = files_under(str(tmp_path), ".html")
    first, _entry = next(walk)
    other = "b" if first.startswith("a/") else "a"
    shutil.rmtree(tmp_path / other)
    assert list(walk) == []
    assert list(files_under(str(tmp_path / "gone"), ".html")) == []


def test_kept_results_are_used_again_only_for_the_same_inputs(tmp_path):
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path)}
    made = []

    def parse(text):
        made.append(text)
        return {"words": text.split()}

    first = KeptResults(settings, "Test", "en")
    first.get("file", parse, "a b")["words"].append("changed by its caller")
    first.get("file", parse, "c")
    first.save()
    again = KeptResults(settings, "Test", "en")
    assert again.get("file", parse, "a b") == {"words": ["a", "b"]}
    assert made == ["a b", "c"], "the same inputs: the result kept, not made again"
    again.get("file", parse, "a b c")
    assert made[-1] == "a b c", "other inputs: made"
    again.save()  # keeps only what this build used: "c" is gone
    KeptResults(settings, "Test", "en").get("file", parse, "c")
    KeptResults(settings, "Test", "zh").get("file", parse, "a b")
    assert made[-2:] == ["c", "a b"], "a result dropped, and one of other settings, are made"


def test_a_cache_written_in_another_shape_is_made_again(tmp_path):
    """Code that changed what a cache holds must not fail on the old one."""
    path = str(tmp_path / "cache" / "facts.pickle")
    pickles.save(path, ("notes", {}, "a third item"))
    assert pickles.load(path, length=2) is None
    assert pickles.load(path, length=3) == ("notes", {}, "a third item")
    assert pickles.load(str(tmp_path / "missing.pickle")) is None


@pytest.mark.parametrize(
    ("written", "allowed", "meant"),
    [
        ("CSC", FUNDING, "csc"),  # the same but for case
        ("self", FUNDING, "self-funded"),  # the only value it begins
        ("exchnage", TYPES, "exchange"),  # a typo
        ("postgraduate", LEVELS, None),  # alike, but the other level
        ("joint", TYPES, None),  # the beginning of two values
    ],
)
def test_a_slip_is_matched_to_the_value_it_meant_and_nothing_else(written, allowed, meant):
    assert closest(written, allowed) == meant


@pytest.mark.parametrize(
    ("written", "meant"), [("UK", "GB"), ("England", "GB"), ("Canada", "CA"), ("USA", "US")]
)
def test_a_country_written_otherwise_is_given_its_code(written, meant):
    with pytest.raises(ValueError, match=rf"\(did you mean {meant}\?\)"):
        TypeAdapter(Country).validate_python(written)


def test_every_example_text_refused_is_one_the_templates_write():
    templates = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tools/templates").iterdir())
    assert all(placeholder in templates for placeholder in PLACEHOLDERS)


def test_a_talk_id_given_below_that_moves_one_above_is_one_error_at_it():
    def talk(id_, hour):
        return SimpleNamespace(id=id_, start=datetime(2026, 12, 3, hour))

    talks = [talk(None, 10), talk(None, 11), talk("2026-12-03-2", 14), talk(None, 15)]
    positions = Positions({("talks", 2, "id"): (9, 5)})
    ids, problems = talk_ids(talks, positions, "s.yaml")
    assert ids == ["2026-12-03", "2026-12-03-3", "2026-12-03-2", "2026-12-03-4"]
    assert [(p.line, p.column, p.message[:33]) for p in problems] == [
        (9, 5, 'talk id "2026-12-03-2" is the add')
    ]
    # An id given above a talk of its day without one moves nothing.
    assert talk_ids([talk("2026-12-03", 10), talk(None, 14)], positions, "s.yaml")[1] == []


def test_example_text_is_refused_but_not_in_a_yaml_comment():
    text = "description:\n  en: |\n    What students do, who can apply, what it costs.\n"
    assert [p.line for p in placeholder_problems(text, "p.yaml", comment="#")] == [3]
    commented = "".join("# " + line + "\n" for line in text.splitlines())
    assert placeholder_problems(commented, "p.yaml", comment="#") == []
