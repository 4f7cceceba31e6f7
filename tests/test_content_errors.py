"""Bad news files stop the build with the file, the line and the problem.

Pelican's own habit is to log a bad file and build the site without it;
these tests make sure no page can vanish that way.
"""

import re

import pytest
from conftest import SERIES_YAML, build, cached, failed_build

BAD_FILES = {
    "unknown language suffix": (
        "news/exchange-fair.fr.md",
        "---\ntitle: Salon\ndate: 2024-03-05\n---\nTexte.\n",
        'exchange-fair.fr.md:1:1: error: unknown language "fr" in the file name; '
        "it must end in .en.md or .zh.md",
    ),
    "no language suffix": (
        "news/exchange-fair.md",
        "---\ntitle: Fair\ndate: 2024-03-05\n---\nText.\n",
        "exchange-fair.md:1:1: error: the file name must be <slug>.en.md or <slug>.zh.md",
    ),
    "broken YAML": (
        "news/exchange-fair.en.md",
        '---\ntitle: "Exchange fair\ndate: 2024-03-05\n---\nText.\n',
        "exchange-fair.en.md:4:1: error: broken YAML: found unexpected end of stream",
    ),
    "YAML with a bad indent": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\n  date: 2024-03-05\n---\nText.\n",
        "exchange-fair.en.md:3:7: error: broken YAML: mapping values are not allowed",
    ),
    "missing title": (
        "news/exchange-fair.en.md",
        "---\ndate: 2024-03-05\nsummary: A fair.\n---\nText.\n",
        "exchange-fair.en.md:2:1: error: `title` is required but missing; "
        "expected the title, as text",
    ),
    "empty title": (
        "news/exchange-fair.en.md",
        "---\ntitle:\ndate: 2024-03-05\n---\nText.\n",
        "exchange-fair.en.md:2:1: error: `title` is empty; expected the title, as text",
    ),
    "impossible date": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 2020-02-30\n---\nText.\n",
        "exchange-fair.en.md:3:1: error: `date` is not a real date; write YYYY-MM-DD (2020-02-09) "
        'or an ISO 8601 date-time (2020-02-09T14:30), found "2020-02-30"',
    ),
    "date in another format": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 5 March 2024\n---\nText.\n",
        "`date` is not a real date; write YYYY-MM-DD (2020-02-09) or an ISO 8601 date-time "
        '(2020-02-09T14:30), found "5 March 2024"',
    ),
    "missing date": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\n---\nText.\n",
        "exchange-fair.en.md:2:1: error: `date` is required but missing; expected a date such as "
        "2020-02-09",
    ),
    "misspelt field": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 2024-03-05\nsumary: A fair.\n---\nText.\n",
        "exchange-fair.en.md:4:1: error: unknown field `sumary`; allowed: title, summary, "
        "image, image_alt, status, date, tags, author, translator, programs, lectures "
        "(did you mean `summary`?)",
    ),
    "field given twice": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 2024-03-05\ntitle: Fair\n---\nText.\n",
        "exchange-fair.en.md:4:1: error: `title` is given twice; keep only one",
    ),
    "tags not a list": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 2024-03-05\ntags: Exchange, Fair\n---\nText.\n",
        'exchange-fair.en.md:4:1: error: `tags` must be a list, found "Exchange, Fair"; expected a '
        "list such as [Student exchange, Partnerships]",
    ),
    "no front matter": (
        "news/exchange-fair.en.md",
        "# Exchange fair\n\nText.\n",
        "exchange-fair.en.md:1:1: error: the file must start with front matter",
    ),
    "slug given in front matter": (
        "news/exchange-fair.en.md",
        "---\ntitle: Exchange fair\ndate: 2024-03-05\nlang: en\n---\nText.\n",
        "exchange-fair.en.md:4:1: error: unknown field `lang`",
    ),
    "title that is a number": (
        "news/exchange-fair.en.md",
        "---\ntitle: 2024\ndate: 2024-03-05\n---\nText.\n",
        "exchange-fair.en.md:2:1: error: `title` must be text, found 2024 (put it in quotes to "
        "keep it as text)",
    ),
    "tab in YAML": (
        "news/exchange-fair.en.md",
        "---\ntitle: Fair\n\tdate: 2024-03-05\n---\nText.\n",
        "indent with spaces, not tabs",
    ),
    "front matter never closed": (
        "news/exchange-fair.en.md",
        "---\ntitle: Fair\ndate: 2024-03-05\nText.\n",
        "exchange-fair.en.md:1:1: error: the front matter is never closed",
    ),
    "not UTF-8": (
        "news/exchange-fair.en.md",
        None,
        "exchange-fair.en.md:1:1: error: is not UTF-8 text; save it as UTF-8",
    ),
    "image that is not there": (
        "news/exchange-fair.en.md",
        "---\ntitle: Fair\ndate: 2024-03-05\nimage: images/gone.jpg\nimage_alt: A fair\n---\n",
        'exchange-fair.en.md:4:1: error: `image` names "images/gone.jpg", which is not a file',
    ),
    "reStructuredText file": (
        "news/exchange-fair.en.rst",
        "Fair\n####\n\n:date: 2024-03-05\n",
        "exchange-fair.en.rst:1:1: error: the file name must end in .en.md or .zh.md",
    ),
    "text file in the news folder": (
        "news/notes.txt",
        "remember the fair\n",
        "notes.txt:1:1: error: is not a content file",
    ),
    "page on a URL the site uses": (
        "pages/news.en.md",
        "---\ntitle: News\n---\nText.\n",
        "news.en.md:1:1: error: the site uses /en/news/ for its own pages; rename the file",
    ),
    "two files with one URL": (
        "news/2024/first-news.en.md",
        "---\ntitle: Again\ndate: 2024-03-05\n---\nText.\n",
        "has the same URL /en/news/first-news/ as",
    ),
    "page without title": (
        "pages/contact.en.md",
        "---\nsummary: How to reach us\n---\nText.\n",
        "contact.en.md:2:1: error: `title` is required but missing",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_stops_the_build_naming_file_line_and_problem(tiny_site, case):
    relative, text, expected = BAD_FILES[case]
    if text is None:  # bytes that are not UTF-8
        bad = tiny_site(relative, "")
        bad.write_bytes(b"---\ntitle: Caf\xe9\ndate: 2024-03-05\n---\n")
        text = bad.read_text(encoding="latin-1")
    else:
        bad = tiny_site(relative, text)
    log = failed_build(tiny_site.content, tiny_site.output)
    assert expected in log
    assert str(bad) in log, "the message names the file by a path staff can open"
    assert bad.read_text(encoding="latin-1") == text, "the source is left untouched"
    assert not (tiny_site.output / "en" / "news" / "index.html").exists(), "nothing published"


def test_one_run_reports_every_bad_file(tiny_site):
    tiny_site("news/a.fr.md", "---\ntitle: A\ndate: 2024-03-05\n---\n")
    tiny_site("news/b.en.md", "---\ntitle: B\ndate: 2024-13-01\n---\n")
    tiny_site("news/c.en.md", "---\ndate: 2024-03-05\ntagz: [x]\n---\n")
    log = failed_build(tiny_site.content, tiny_site.output)
    assert 'a.fr.md:1:1: error: unknown language "fr"' in log
    assert "b.en.md:3:1: error: `date` is not a real date" in log
    assert "c.en.md:2:1: error: `title` is required" in log
    assert "c.en.md:3:1: error: unknown field `tagz`" in log
    assert "(did you mean `tags`?)" in log


def test_other_markdown_extensions_are_refused_not_skipped(tiny_site):
    tiny_site("news/fair.en.markdown", "---\ntitle: Fair\ndate: 2024-03-05\n---\nText.\n")
    log = failed_build(tiny_site.content, tiny_site.output)
    assert "fair.en.markdown:1:1: error: the file name must end in .en.md or .zh.md" in log


def test_a_cached_rebuild_reports_the_problems_of_unchanged_files_again(tiny_site, tmp_path):
    """Parsed and checked YAML files are kept between builds (with Pelican's
    cache): their problems must still be reported by every build."""
    cache = cached(tmp_path / "cache")
    warned = SERIES_YAML.replace("{en: Test series, zh: 测试系列}", "{en: Test series}")
    tiny_site("lectures/warned.yaml", warned)
    tiny_site("lectures/broken.yaml", SERIES_YAML + "    timezone: Mars/Base\n")
    error = "broken.yaml:6:5: error: `talks[1].timezone` is not an IANA time zone name"
    warning = "warned.yaml:1:1: warning: `title` has no `zh` text"
    for _build in range(2):
        log = failed_build(tiny_site.content, tiny_site.output, **cache)
        assert error in log
        assert warning in log
    tiny_site("lectures/broken.yaml", SERIES_YAML)
    fixed = build(tiny_site.content, tiny_site.output, **cache)
    assert fixed.returncode == 0
    assert warning in fixed.stdout + fixed.stderr


def test_a_version_that_could_not_be_read_is_not_called_missing(tiny_site):
    tiny_site("news/first-news.en.md", "---\ntitle: First\ndate: 2024-13-05\n---\nHello.\n")
    log = failed_build(tiny_site.content, tiny_site.output)
    assert "first-news.en.md:3:1: error: `date` is not a real date" in log
    assert "version yet" not in log


def test_two_files_with_one_url_are_one_error_naming_both(tiny_site):
    tiny_site("news/2024/first-news.en.md", "---\ntitle: Again\ndate: 2024-03-05\n---\nText.\n")
    log = failed_build(tiny_site.content, tiny_site.output)
    blamed = set(re.findall(r"(\S+):1:1: error: has the same URL \S+ as (\S+);", log))
    first, second = (str(tiny_site.content / path) for path in ("news", "news/2024"))
    assert blamed == {(f"{first}/first-news.en.md", f"{second}/first-news.en.md")}
