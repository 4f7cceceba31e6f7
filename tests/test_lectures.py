"""Lecture series built from the sample and from the tests' own files:
listings split at the build time, Beijing time, calendars, errors."""

from datetime import UTC, datetime

import icalendar
import pytest
import yaml
from conftest import BUILD_TIME, CONTENT, SERIES_YAML, build, failed_build, parse

SERIES = sorted(path.stem for path in (CONTENT / "lectures").glob("*.yaml"))
TORONTO_TALK = "/en/lectures/overseas-scholars/2026-12-21/"


def talk_links(soup, selector=".talk-card h3 a, .talk-card h2 a"):
    return [a["href"] for a in soup.select(selector)]


def sample_talks():
    """``[(series, talk)]`` straight from the YAML files."""
    return [
        (series, talk)
        for series in SERIES
        for talk in yaml.safe_load((CONTENT / "lectures" / f"{series}.yaml").read_text("utf-8"))[
            "talks"
        ]
    ]


def test_sample_has_two_series_and_ten_talks_some_past_some_upcoming():
    talks = sample_talks()
    assert len(SERIES) >= 2
    assert len(talks) >= 10
    starts = [talk["start"] for _series, talk in talks]
    assert any(start < BUILD_TIME for start in starts)
    assert any(start > BUILD_TIME for start in starts)


def test_every_talk_and_series_has_pages_in_both_languages(sample_site):
    for lang in ("en", "zh"):
        index = parse(sample_site / lang / "lectures" / "index.html")
        listed = set(talk_links(index))
        for series in SERIES:
            page = parse(sample_site / lang / "lectures" / series / "index.html")
            assert page.html["lang"] == {"en": "en", "zh": "zh-CN"}[lang]
            series_talks = set(talk_links(page))
            assert series_talks <= listed
            for href in series_talks:
                talk = parse(sample_site / href.strip("/") / "index.html")
                assert talk.h1.get_text(strip=True)
        assert len(listed) == len(sample_talks())


def test_upcoming_talks_come_first_soonest_first_then_past_by_year(sample_site):
    soup = parse(sample_site / "en" / "lectures" / "index.html")
    upcoming = soup.select_one("#upcoming-talks").find_parent("section")
    starts = [t["datetime"] for t in upcoming.select(".talk-when time")]
    assert starts == sorted(starts)
    assert all(start > "2026-11-23T01:00" for start in starts)
    past_years = [h2.get_text() for h2 in soup.select("h2[id^=past-]")]
    assert past_years == ["Past talks, 2026", "Past talks, 2025", "Past talks, 2024"]
    past_2026 = soup.select_one("#past-2026").find_parent("section")
    past_starts = [t["datetime"] for t in past_2026.select(".talk-when time")]
    assert past_starts == sorted(past_starts, reverse=True)
    assert all(start < "2026-11-23T01:00" for start in past_starts)


def test_upcoming_is_decided_against_the_build_time(tiny_site):
    tiny_site(
        "lectures/series-a.yaml",
        """
        title: Series A
        talks:
          - title: Early
            speaker: {name: Ann}
            start: 2027-01-10T10:00
          - title: Late
            speaker: {name: Bo}
            start: 2027-03-10T10:00
        """,
    )
    for moment, upcoming in (("2027-01-01T00:00", 2), ("2027-02-01T00:00", 1)):
        output = tiny_site.output / moment[:10]
        assert build(tiny_site.content, output, BUILD_TIME=moment).returncode == 0
        soup = parse(output / "en" / "lectures" / "index.html")
        section = soup.select_one("#upcoming-talks").find_parent("section")
        assert len(section.select(".talk-card")) == upcoming


def test_talk_in_another_time_zone_is_listed_in_beijing_time(sample_site):
    en = parse(sample_site / TORONTO_TALK.strip("/") / "index.html")
    # CLDR puts a narrow no-break space before AM/PM.
    when = en.select_one(".listed-time").get_text(" ", strip=True).replace("\u202f", " ")
    assert when == "Tuesday, December 22, 2026 9:00 AM–10:00 AM (Beijing time)"
    assert en.select_one(".listed-time time")["datetime"] == "2026-12-22T01:00:00+00:00"
    zh = parse(sample_site / "zh/lectures/overseas-scholars/2026-12-21/index.html")
    assert (
        zh.select_one(".listed-time")
        .get_text(" ", strip=True)
        .startswith("2026年12月22日星期二 09:00–10:00")
    )
    assert "北京时间" in zh.select_one(".listed-time").get_text()
    local = en.select_one(".local-time")
    assert local.has_attr("hidden"), "the visitor's own time needs the script"


def test_a_talk_added_later_on_the_same_day_keeps_the_earlier_ids(tiny_site):
    """Uids and URLs stay: a new talk (added at the end) never takes an existing id."""
    first = (
        "title: S\ntalks:\n"
        "  - title: Afternoon\n    speaker: {name: Ann}\n    start: 2026-12-03T14:30\n"
    )
    tiny_site("lectures/s.yaml", first)
    assert build(tiny_site.content, tiny_site.output / "one").returncode == 0
    tiny_site(
        "lectures/s.yaml",
        first + "  - title: Morning\n    speaker: {name: Bo}\n    start: 2026-12-03T09:00\n",
    )
    assert build(tiny_site.content, tiny_site.output / "two").returncode == 0
    before = events(tiny_site.output / "one" / "lectures.ics")
    after = events(tiny_site.output / "two" / "lectures.ics")
    uid = "talk-s-2026-12-03@intl.example.edu.cn"
    assert str(before[uid]["summary"]).startswith("Afternoon")
    assert str(after[uid]["summary"]).startswith("Afternoon")
    assert str(after["talk-s-2026-12-03-2@intl.example.edu.cn"]["summary"]).startswith("Morning")


def test_two_talks_on_one_day_get_numbered_ids(sample_site):
    base = sample_site / "en" / "lectures" / "overseas-scholars"
    morning = parse(base / "2027-01-07" / "index.html").select_one(".listed-time time")
    afternoon = parse(base / "2027-01-07-2" / "index.html").select_one(".listed-time time")
    assert morning["datetime"] < afternoon["datetime"]


def events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_calendars_per_talk_series_and_all_with_utc_times(sample_site):
    every = events(sample_site / "lectures.ics")
    assert len(every) == len(sample_talks())
    series = events(sample_site / "lectures" / "overseas-scholars.ics")
    one = events(sample_site / "lectures" / "overseas-scholars" / "2026-12-21.ics")
    uid = "talk-overseas-scholars-2026-12-21@intl.example.edu.cn"
    assert set(one) == {uid}
    assert uid in series
    assert set(series) <= set(every)
    event = one[uid]
    assert event.decoded("dtstart") == datetime(2026, 12, 22, 1, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 12, 22, 2, 0, tzinfo=UTC)
    assert "Transit Planning" in str(event["summary"])
    assert str(event["url"]) == "https://intl.example.edu.cn" + TORONTO_TALK
    assert str(event["location"]).startswith("https://")
    assert "Elena Marsh" in str(event["description"])
    for uid, talk in every.items():
        assert talk.decoded("dtstart").utcoffset().total_seconds() == 0, uid
        assert str(talk["dtstart"].to_ical().decode()).endswith("Z"), uid
        assert "location" in talk or "url" in talk


def test_talk_uids_stay_the_same_across_builds(sample_site, tmp_path):
    again = tmp_path / "again"
    assert build(CONTENT, again).returncode == 0
    assert events(again / "lectures.ics").keys() == events(sample_site / "lectures.ics").keys()


def test_a_later_build_keeps_calendars_whose_events_did_not_change(tiny_site):
    tiny_site("lectures/s.yaml", SERIES_YAML)
    output = tiny_site.output
    assert build(tiny_site.content, output).returncode == 0
    talk = output / "lectures" / "s" / "2026-12-03.ics"
    kept = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in output.rglob("*.ics")}
    assert talk in kept
    assert build(tiny_site.content, output, BUILD_TIME="2026-11-24T10:00").returncode == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in output.rglob("*.ics")} == kept

    tiny_site("lectures/s.yaml", SERIES_YAML.replace("First talk", "Opening talk"))
    assert build(tiny_site.content, output, BUILD_TIME="2026-11-24T10:00").returncode == 0
    (event,) = events(talk).values()
    assert str(event["summary"]).startswith("Opening talk")
    assert event.decoded("dtstamp") == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def test_talk_page_offers_its_calendar_file(sample_site):
    soup = parse(sample_site / TORONTO_TALK.strip("/") / "index.html")
    add = soup.find("a", string="Add to calendar")
    assert add["href"] == "/lectures/overseas-scholars/2026-12-21.ics"


def test_homes_show_the_next_three_talks(sample_site):
    soup = parse(sample_site / "zh" / "index.html")
    section = soup.select_one("#next-talks").find_parent("section")
    starts = [t["datetime"] for t in section.select(".talk-when time")]
    assert len(starts) == 3
    listing = parse(sample_site / "zh" / "lectures" / "index.html")
    upcoming = listing.select_one("#upcoming-talks").find_parent("section")
    assert starts == [t["datetime"] for t in upcoming.select(".talk-when time")][:3]


def test_news_and_series_link_both_ways(sample_site):
    news = parse(sample_site / "en/news/bjut-graduate-education-goes-global/index.html")
    assert "/en/lectures/overseas-scholars/" in {a["href"] for a in news.select(".related a")}
    series = parse(sample_site / "en/lectures/overseas-scholars/index.html")
    assert "/en/news/bjut-graduate-education-goes-global/" in {
        a["href"] for a in series.select(".related a")
    }


def test_talk_texts_from_yaml_never_become_markup(tiny_site):
    tiny_site(
        "lectures/s.yaml",
        "title: S\ntalks:\n  - title: T\n    speaker:\n      name: Ann\n"
        '      bio: "<script>alert(1)</script>"\n'
        "    start: 2026-12-03T14:30\n"
        '    abstract: "*Markdown* and <script>alert(2)</script>"\n',
    )
    assert build(tiny_site.content, tiny_site.output).returncode == 0
    page = parse(tiny_site.output / "en" / "lectures" / "s" / "2026-12-03" / "index.html")
    assert not page.select("main script")
    assert "<script>alert(1)</script>" in page.select_one("#speaker-bio").parent.get_text()
    abstract = page.select_one("#abstract").parent
    assert abstract.em.get_text() == "Markdown"
    assert "<script>alert(2)</script>" in abstract.get_text()


BAD_SERIES = {
    "broken YAML": ("title: [x\n", "bad.yaml:2:1: error: broken YAML"),
    "missing title": (
        SERIES_YAML.replace("title: {en: Test series, zh: 测试系列}\n", ""),
        "bad.yaml:1:1: error: `title` is required but missing",
    ),
    "missing speaker": (
        SERIES_YAML.replace("    speaker: {name: Ann Lee}\n", ""),
        "bad.yaml:3:5: error: `talks[1].speaker` is required but missing",
    ),
    "missing start": (
        SERIES_YAML.replace("    start: 2026-12-03T14:30\n", ""),
        "bad.yaml:3:5: error: `talks[1].start` is required but missing",
    ),
    "start that is not a date-time": (
        SERIES_YAML.replace("2026-12-03T14:30", "2026-12-03"),
        "bad.yaml:5:5: error: `talks[1].start` is not a local date and time; write "
        'YYYY-MM-DDTHH:MM, such as 2026-12-03T14:30, found "2026-12-03"',
    ),
    "unknown time zone": (
        SERIES_YAML + "    timezone: Asia/Shanghia\n",
        "bad.yaml:6:5: error: `talks[1].timezone` is not an IANA time zone name such as "
        "Asia/Shanghai or America/Toronto (did you mean Asia/Shanghai?)",
    ),
    "unknown key": (
        SERIES_YAML + "    venu: Room 1\n",
        "bad.yaml:6:5: error: unknown field `talks[1].venu`; allowed: title, speaker, start, "
        "timezone, duration, venue, online, abstract, language, status, id (did you mean `venue`?)",
    ),
    "duplicate talk id": (
        SERIES_YAML
        + "    id: opening\n  - title: Again\n    speaker: {name: Bo}\n"
        + "    start: 2026-12-04T10:00\n    id: opening\n",
        'bad.yaml:10:5: error: talk id "opening" is used twice in this series (talk 1 too)',
    ),
    "a talk added with the id of one above": (
        SERIES_YAML
        + "  - title: Later\n    speaker: {name: Bo}\n    start: 2026-12-03T16:00\n"
        + "    id: 2026-12-03\n",
        'bad.yaml:9:5: error: talk id "2026-12-03" is the address and calendar entry of '
        "talk 1 above (on 2026-12-03, without an id), which it would move; give this talk "
        "another id",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SERIES))
def test_bad_series_file_stops_the_build_naming_file_line_and_field(tiny_site, case):
    text, expected = BAD_SERIES[case]
    bad = tiny_site("lectures/bad.yaml", text)
    log = failed_build(tiny_site.content, tiny_site.output)
    assert expected in log
    assert str(bad) in log
    assert not (tiny_site.output / "en" / "lectures").exists()


def test_one_run_reports_every_problem_of_every_series(tiny_site):
    tiny_site("lectures/a.yaml", SERIES_YAML + "    timezone: Mars/Olympus\n")
    tiny_site("lectures/b.yaml", SERIES_YAML.replace("2026-12-03T14:30", "tomorrow"))
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First\ndate: 2024-03-05\nlectures: [test-serie]\n---\nx\n",
    )
    tiny_site("lectures/test-series.yaml", SERIES_YAML)
    log = failed_build(tiny_site.content, tiny_site.output)
    assert "a.yaml:6:5: error: `talks[1].timezone`" in log
    assert "b.yaml:5:5: error: `talks[1].start`" in log
    assert (
        'first-news.en.md:4:1: error: `lectures` names "test-serie", but content/lectures/ has '
        "no test-serie.yaml (did you mean `test-series`?)"
    ) in log


def test_a_talk_that_says_neither_where_nor_how_to_attend_is_warned_of(tiny_site):
    tiny_site("lectures/s.yaml", SERIES_YAML)
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0
    assert "s.yaml:3:5: warning: talk 1 has neither `venue` nor `online`" in result.stdout
    tiny_site("lectures/s.yaml", SERIES_YAML + "    venue: Room 1\n")
    assert "neither `venue`" not in build(tiny_site.content, tiny_site.output).stdout


def test_only_a_published_talks_own_link_to_a_draft_talk_is_an_error(tiny_site):
    """The series page links its draft talks in previews; a draft may link a draft."""
    talk = "  - title: {}\n    speaker: {{name: A}}\n    start: {}T10:00\n    venue: Room 1\n"
    series = (
        "title: {en: S, zh: 系列}\ntalks:\n"
        + talk.format("Published", "2027-01-10")
        + talk.format("Draft B", "2027-02-10")
        + "    status: draft\n"
        + talk.format("Draft C", "2027-03-10")
        + "    status: draft\n"
        + '    abstract: "After [B](/en/lectures/s/2027-02-10/)."\n'
    )
    tiny_site("lectures/s.yaml", series)
    assert build(tiny_site.content, tiny_site.output).returncode == 0
    linking = series.replace(
        "venue: Room 1\n",
        'venue: Room 1\n    abstract: "Next: [B](/en/lectures/s/2027-02-10/)."\n',
        1,
    )
    tiny_site("lectures/s.yaml", linking)
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode != 0
    assert "s.yaml:7:26: error: links to /en/lectures/s/2027-02-10/, a draft" in result.stdout
