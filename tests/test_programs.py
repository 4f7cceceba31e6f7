"""The program catalog built from the sample programs and from the tests'
own files: pages, facets, partners, comparison, facts, the deadlines
calendar, related news both ways, and what a bad program file does."""

from datetime import date
from pathlib import Path

import icalendar
import pytest
from conftest import CONTENT, build, failed_build, parse

PROGRAM_IDS = sorted(path.stem for path in (CONTENT / "programs").glob("*.yaml"))
LANG_ATTRIBUTE = {"en": "en", "zh": "zh-CN"}


def program_page(site, lang, program_id):
    return parse(site / lang / "programs" / program_id / "index.html")


def card_ids(soup):
    return [li["data-program"] for li in soup.select(".program-card")]


def facts(soup):
    """The program page's facts as {term: text}."""
    terms = soup.select(".facts dt")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in terms
    }


def test_sample_has_at_least_twelve_programs():
    assert len(PROGRAM_IDS) >= 12


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_every_program_has_a_page_in_both_languages(sample_site, program_id):
    for lang in ("en", "zh"):
        soup = program_page(sample_site, lang, program_id)
        assert soup.html["lang"] == LANG_ATTRIBUTE[lang]
        alternates = {
            link["hreflang"]: link["href"] for link in soup.find_all("link", hreflang=True)
        }
        assert alternates["en"] == f"/en/programs/{program_id}/"
        assert alternates["zh-CN"] == f"/zh/programs/{program_id}/"
        assert soup.h1.get_text(strip=True)


def test_program_page_presents_the_facts_in_the_page_language(sample_site):
    en = facts(program_page(sample_site, "en", "bjut-toronto-summer"))
    zh = facts(program_page(sample_site, "zh", "bjut-toronto-summer"))
    assert en["Type"] == "Summer school"
    assert zh["类型"] == "暑期学校"
    assert "Canada" in en["Partner"]
    assert "加拿大" in zh["合作方"]
    assert en["Language of instruction"] == "English"
    assert zh["授课语言"] == "英语"
    deadline = program_page(sample_site, "en", "bjut-toronto-summer").select_one(".deadline")
    days = (date(2027, 3, 15) - date(2026, 11, 23)).days
    assert deadline.get_text(" ", strip=True) == f"Deadline: March 15, 2027 ({days} days left)"


def test_program_with_several_partners_lists_each_with_its_country(sample_site):
    soup = program_page(sample_site, "en", "bjut-csc-doctoral-study")
    partners = [li.get_text(" ", strip=True) for li in soup.select(".facts .partners li")]
    assert len(partners) == 7
    assert any("University of Cambridge" in p and "United Kingdom" in p for p in partners)
    assert any("University of Toronto" in p and "Canada" in p for p in partners)


def test_past_deadline_closes_an_open_program_without_editing_it(sample_site):
    source = (CONTENT / "programs" / "bit-double-degree.yaml").read_text(encoding="utf-8")
    assert "status" not in source or "status: open" in source
    soup = program_page(sample_site, "en", "bit-double-degree")
    assert soup.select_one(".badge").get_text() == "Closed"
    assert not soup.select(".apply-actions"), "a closed program offers no way to apply"
    assert not soup.select_one(".closed-note").has_attr("hidden")
    closed = parse(sample_site / "en" / "programs" / "status" / "closed" / "index.html")
    assert "bit-double-degree" in card_ids(closed)


def test_catalog_lists_every_program_open_first(sample_site):
    soup = parse(sample_site / "en" / "programs" / "index.html")
    ids = card_ids(soup)
    assert sorted(ids) == PROGRAM_IDS
    states = [li["data-status"] for li in soup.select(".program-card")]
    assert states == sorted(states, key=["open", "closed", "archived"].index)
    open_deadlines = [
        li["data-deadline"]
        for li in soup.select('.program-card[data-status="open"]')
        if li.has_attr("data-deadline")
    ]
    assert open_deadlines == sorted(open_deadlines)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_facet_link_leads_to_a_page_with_exactly_its_programs(sample_site, lang):
    catalog = parse(sample_site / lang / "programs" / "index.html")
    cards = catalog.select(".program-card")
    links = catalog.select(".facet a[data-value]")
    assert {a.find_parent(class_="facet")["data-facet"] for a in links} == {
        "type",
        "country",
        "level",
        "language",
        "funding",
        "status",
    }
    for link in links:
        facet, value = link.find_parent(class_="facet")["data-facet"], link["data-value"]
        expected = sorted(c["data-program"] for c in cards if value in c[f"data-{facet}"].split())
        page = parse(sample_site / link["href"].strip("/") / "index.html")
        assert sorted(card_ids(page)) == expected, link["href"]
        assert link.select_one(".count").get_text() == f"({len(expected)})"
        assert page.html["lang"] == LANG_ATTRIBUTE[lang]


def test_facet_labels_are_translated(sample_site):
    zh = parse(sample_site / "zh" / "programs" / "index.html")
    labels = {a["data-value"]: a.get_text(" ", strip=True) for a in zh.select(".facet a")}
    assert labels["double-degree"].startswith("双学位")
    assert labels["ca"].startswith("加拿大")
    assert labels["csc"].startswith("国家留学基金委")


def test_partners_page_groups_partners_by_country_with_their_programs(sample_site):
    soup = parse(sample_site / "en" / "partners" / "index.html")
    canada = soup.select_one("#country-ca")
    assert canada.h2.get_text(" ", strip=True).startswith("Canada")
    toronto = next(
        li for li in canada.select(".partner-list > li") if "Toronto" in li.strong.get_text()
    )
    programs = {a["href"] for a in toronto.select(":scope > ul a")}
    assert programs == {
        "/en/programs/bjut-toronto-summer/",
        "/en/programs/bjut-csc-doctoral-study/",
    }
    svg = soup.select_one(".partner-map svg")
    assert svg["role"] == "img"
    assert {t.get_text() for t in svg.select(".map-code")} >= {"CA", "GB", "US", "AU", "FR", "BE"}
    zh = parse(sample_site / "zh" / "partners" / "index.html")
    assert zh.select_one("#country-ca h2").get_text(" ", strip=True).startswith("加拿大")
    assert (
        "北美洲" in zh.select_one(".partner-map").get_text()
        or "美洲" in zh.select_one(".partner-map").get_text()
    )


def test_compare_page_carries_every_program_and_says_it_needs_a_script(sample_site):
    soup = parse(sample_site / "zh" / "programs" / "compare" / "index.html")
    assert sorted(dl["data-program"] for dl in soup.select(".compare-sources dl")) == PROGRAM_IDS
    assert "JavaScript" in soup.select_one(".compare-needs-script").get_text()
    rows = [tr["data-row"] for tr in soup.select(".compare-table tbody tr")]
    assert rows == [
        "type",
        "partner",
        "country",
        "levels",
        "language",
        "duration",
        "places",
        "funding",
        "deadline",
    ]


def test_facts_page_draws_each_chart_beside_a_table_of_the_same_numbers(sample_site):
    soup = parse(sample_site / "en" / "facts" / "index.html")
    charts = {fig.figcaption.get_text(): fig for fig in soup.select("figure.chart")}
    assert {
        "Programs by type",
        "Programs by partner country or region",
        "Partners by region",
        "Students sent abroad",
        "International students received",
        "Lectures by visiting scholars",
    } <= set(charts)
    abroad = charts["Students sent abroad"]
    table = {
        tr.th.get_text(" ", strip=True): int(tr.td.get_text()) for tr in abroad.select("tbody tr")
    }
    assert table["2016 · BJUT"] == 872
    bars = [text.get_text() for text in abroad.select("svg .chart-value")]
    assert bars == [str(value) for value in table.values()]
    assert abroad.svg["role"] == "img"


def test_deadlines_calendar_lists_open_programs_with_stable_uids(sample_site, tmp_path):
    calendar = icalendar.Calendar.from_ical((sample_site / "programs-deadlines.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    uid = "program-bjut-toronto-summer-deadline@intl.example.edu.cn"
    assert events[uid].decoded("dtstart") == date(2027, 3, 15)
    assert "多伦多" in str(events[uid]["summary"])
    assert "program-bit-double-degree-deadline@intl.example.edu.cn" not in events, "closed"
    again = tmp_path / "again"
    assert build(CONTENT, again).returncode == 0
    rebuilt = icalendar.Calendar.from_ical((again / "programs-deadlines.ics").read_bytes())
    assert {str(e["uid"]) for e in rebuilt.walk("VEVENT")} == set(events)


def test_homes_show_the_nearest_deadlines(sample_site):
    soup = parse(sample_site / "en" / "index.html")
    ids = card_ids(soup)
    assert ids[0] == "bjut-long-term-exchange"
    deadlines = [li["data-deadline"] for li in soup.select(".program-card")]
    assert deadlines == sorted(deadlines)
    assert all(d >= "2026-11-23" for d in deadlines)


def test_news_and_programs_link_both_ways(sample_site):
    news = parse(sample_site / "zh" / "news" / "bjut-2016-student-exchange-boost" / "index.html")
    related = {a["href"] for a in news.select(".related a")}
    assert "/zh/programs/bjut-toronto-summer/" in related
    program = program_page(sample_site, "zh", "bjut-toronto-summer")
    assert "/zh/news/bjut-2016-student-exchange-boost/" in {
        a["href"] for a in program.select(".related a")
    }


# --- The tests' own program files -------------------------------------------

GOOD = """
title: {en: Waterloo exchange, zh: 滑铁卢交换}
summary: {en: A term in Canada., zh: 在加拿大学习一学期。}
partner:
  - name: University of Waterloo
    country: CA
  - name: {en: University of Leeds, zh: 利兹大学}
    country: GB
type: exchange
levels: [undergraduate, master]
language: [en]
funding: [university]
deadline: 2027-01-31
"""


def write_program(tiny_site, program_id, text):
    return tiny_site(f"programs/{program_id}.yaml", text)


def test_program_with_two_partners_is_found_under_both_countries(tiny_site):
    write_program(tiny_site, "waterloo-exchange", GOOD)
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    for country in ("ca", "gb"):
        page = parse(tiny_site.output / "en" / "programs" / "country" / country / "index.html")
        assert card_ids(page) == ["waterloo-exchange"]


def test_yaml_values_are_escaped_in_program_pages(tiny_site):
    write_program(
        tiny_site,
        "xss",
        GOOD.replace("{en: Waterloo exchange, zh: 滑铁卢交换}", '"<script>alert(1)</script> & Co"')
        + 'description: "Some **bold** text <script>alert(2)</script>"\n',
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("programs/xss", "programs"):
        soup = parse(tiny_site.output / "en" / page / "index.html")
        assert "<script>alert(1)</script> & Co" in soup.get_text()
        assert not soup.select("main script")
    raw = (tiny_site.output / "en" / "programs" / "xss" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in raw
    description = parse(tiny_site.output / "en" / "programs" / "xss" / "index.html").select_one(
        ".prose"
    )
    assert description.strong.get_text() == "bold", "the description is Markdown"
    assert "<script>alert(2)</script>" in description.get_text(), "its raw HTML shows as text"


def test_text_missing_a_language_warns_and_shows_the_other_marked(tiny_site):
    write_program(
        tiny_site,
        "english-summary",
        GOOD.replace(
            "summary: {en: A term in Canada., zh: 在加拿大学习一学期。}",
            "summary: {en: A term in Canada.}",
        ),
    )
    result = build(tiny_site.content, tiny_site.output)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "english-summary.yaml:2:1: warning: `summary` has no `zh` text" in log
    lead = parse(
        tiny_site.output / "zh" / "programs" / "english-summary" / "index.html"
    ).select_one(".lead span")
    assert lead["lang"] == "en"
    assert lead.get_text() == "A term in Canada."


BAD_PROGRAMS = {
    "broken YAML": ("title: [unclosed\n", "bad.yaml:2:1: error: broken YAML"),
    "missing title": (
        GOOD.replace("title: {en: Waterloo exchange, zh: 滑铁卢交换}\n", ""),
        "bad.yaml:1:1: error: `title` is required but missing",
    ),
    "unknown type": (
        GOOD.replace("type: exchange", "type: exchnage"),
        'bad.yaml:8:1: error: unknown value "exchnage" for `type`; allowed: double-degree, '
        "joint-phd, exchange, summer-school, short-visit, joint-training, research "
        "(did you mean `exchange`?)",
    ),
    "unknown level": (
        GOOD.replace("[undergraduate, master]", "[undergraduate, masters]"),
        'bad.yaml:9:25: error: unknown value "masters" for `levels[2]`; allowed: '
        "undergraduate, master, doctoral (did you mean `master`?)",
    ),
    "unknown funding": (
        GOOD.replace("funding: [university]", "funding: [cs]"),
        'error: unknown value "cs" for `funding[1]`; allowed: csc, university, partner, '
        "self-funded (did you mean `csc`?)",
    ),
    "unknown status": (
        GOOD + "status: opened\n",
        'bad.yaml:13:1: error: unknown value "opened" for `status`; allowed: open, closed, '
        "archived, draft (did you mean `open`?)",
    ),
    "not a country code": (
        GOOD.replace("country: GB", "country: England"),
        "bad.yaml:7:5: error: `partner[2].country` is not an ISO 3166-1 country code",
    ),
    "not a date": (
        GOOD.replace("deadline: 2027-01-31", "deadline: 31/01/2027"),
        "bad.yaml:12:1: error: `deadline` is not a real date; write YYYY-MM-DD, such as "
        '2026-03-31, found "31/01/2027"',
    ),
    "unknown key": (
        GOOD.replace("deadline:", "deadlin:"),
        "bad.yaml:12:1: error: unknown field `deadlin`; allowed: title, summary, description, "
        "partner, type, levels, language, duration, places, funding, deadline, status, "
        "contact, colleges (did you mean `deadline`?)",
    ),
    "empty levels": (
        GOOD.replace("[undergraduate, master]", "[]"),
        "bad.yaml:9:1: error: `levels` is empty; expected a list of undergraduate, master, "
        "doctoral",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PROGRAMS))
def test_bad_program_file_stops_the_build_naming_file_line_and_field(tiny_site, case):
    text, expected = BAD_PROGRAMS[case]
    bad = write_program(tiny_site, "bad", text)
    log = failed_build(tiny_site.content, tiny_site.output)
    assert expected in log
    assert str(bad) in log
    assert bad.read_text(encoding="utf-8") == text.lstrip()
    assert not (tiny_site.output / "en" / "programs").exists()


def test_duplicate_id_is_an_error_naming_both_files(tiny_site):
    first = write_program(tiny_site, "waterloo", GOOD)
    second = tiny_site("programs/2026/waterloo.yaml", GOOD)
    log = failed_build(tiny_site.content, tiny_site.output)
    duplicate = next(line for line in log.splitlines() if 'duplicate id "waterloo"' in line)
    assert str(first) in duplicate
    assert str(second) in duplicate


def test_reserved_id_is_refused(tiny_site):
    write_program(tiny_site, "compare", GOOD)
    log = failed_build(tiny_site.content, tiny_site.output)
    assert '"compare" cannot be an id' in log


def test_news_naming_a_missing_program_is_an_error_at_its_line(tiny_site):
    write_program(tiny_site, "waterloo-exchange", GOOD)
    news = tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First news\ndate: 2024-03-05\nprograms: [waterloo-exchang]\n---\nHello.\n",
    )
    log = failed_build(tiny_site.content, tiny_site.output)
    assert (
        f'{news}:4:1: error: `programs` names "waterloo-exchang", but content/programs/ has no '
        "waterloo-exchang.yaml (did you mean `waterloo-exchange`?)"
    ) in log


def test_one_run_reports_every_bad_program_and_news_file(tiny_site):
    write_program(tiny_site, "a", GOOD.replace("type: exchange", "type: swap"))
    write_program(tiny_site, "b", GOOD.replace("country: CA", "country: XX"))
    tiny_site("news/c.fr.md", "---\ntitle: C\ndate: 2024-03-05\n---\n")
    log = failed_build(tiny_site.content, tiny_site.output)
    assert 'a.yaml:8:1: error: unknown value "swap" for `type`' in log
    assert "b.yaml:5:5: error: `partner[1].country` is not an ISO 3166-1 country code" in log
    assert 'c.fr.md:1:1: error: unknown language "fr"' in log


def test_every_sample_program_file_is_used(sample_site):
    for program_id in PROGRAM_IDS:
        assert Path(sample_site / "en" / "programs" / program_id / "index.html").exists()
