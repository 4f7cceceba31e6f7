"""A rebuild that reuses Pelican's content cache, or that `make serve` runs
in the same process into the same folder, writes exactly the site a build
from scratch writes, after edits, additions and deletions."""

import re
import shutil
import time

from conftest import (
    BUILD_TIME,
    CONTENT,
    ROOT,
    build,
    cached,
    differences,
    failed_build,
    stand_in_pagefind,
)

from tools.autoreload import BUILT, Autoreload
from tools.serve import FAILED

EDITED = "news/bit-postgraduate-exchanges-record-2019.en.md"


def edit_text(content):
    """Add a sentence to a news article and to a program's summary: no page
    gains or loses either. The editor leaves a swap file and a lock beside them."""
    edited = content / EDITED
    (content / "news" / f".{edited.name}.swp").write_bytes(b"vim swap")
    (content / "news" / f".#{edited.name}").symlink_to("user@host.1234")  # dangling, as Emacs does
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAn edited sentence.\n", encoding="utf-8"
    )
    program = content / "programs" / "bjut-toronto-summer.yaml"
    program.write_text(
        program.read_text(encoding="utf-8").replace(
            "short period of English-taught study in Canada.",
            "short period of English-taught study in Canada. An edited summary.",
        ),
        encoding="utf-8",
    )


def change_structure(content):
    """Add and delete news, and change a program's deadline."""
    news = content / "news"
    for lang, title in (("en", "A new article"), ("zh", "一篇新文章")):
        (news / f"brand-new.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-20\nsummary: s\nprograms: [bjut-toronto-summer]\n---\nText.\n",
            encoding="utf-8",
        )
    for lang in ("en", "zh"):
        (news / f"bjtu-partnerships-overview-2013.{lang}.md").unlink()
    program = content / "programs" / "bjut-toronto-summer.yaml"
    program.write_text(
        program.read_text(encoding="utf-8").replace("deadline: 2027-03-15", "deadline: 2027-04-01"),
        encoding="utf-8",
    )


def assert_changes_shown(site):
    program = site / "en" / "programs" / "bjut-toronto-summer" / "index.html"
    assert "An edited summary." in program.read_text(encoding="utf-8")
    assert not (site / "en" / "news" / "bjtu-partnerships-overview-2013").exists()
    assert (site / "zh" / "news" / "brand-new" / "index.html").exists()
    edited = site / "en" / "news" / "bit-postgraduate-exchanges-record-2019" / "index.html"
    assert "An edited sentence." in edited.read_text(encoding="utf-8")


def retitle_what_other_pages_show(content):
    """Retitle a program and a lecture series that news articles name, and
    give an article a new tag: pages besides their own show each of them."""
    for path, old, new in (
        ("programs/bjut-toronto-summer.yaml", "Summer Program,", "Summer School,"),
        ("lectures/international-alumni.yaml", "International Alumni Lectures", "Alumni Talks"),
        ("news/bjut-graduate-education-goes-global.zh.md", "学术讲座]", "学术讲座, 新标签]"),
    ):
        file = content / path
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new), encoding="utf-8")


def assert_retitles_shown(site):
    news = site / "en" / "news" / "bjut-2016-student-exchange-boost" / "index.html"
    assert "BJUT–University of Toronto Summer School" in news.read_text(encoding="utf-8")
    news = site / "en" / "news" / "bjut-international-education-week-2020" / "index.html"
    assert "Alumni Talks" in news.read_text(encoding="utf-8")


def built_with_a_cache(tmp_path):
    """The sample content copied, and built into a folder with Pelican's cache,
    as `make html` builds; returns the content, the site and the cache settings."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = tmp_path / "site"
    cache = cached(tmp_path / "cache")
    assert build(content, site, **cache).returncode == 0
    return content, site, cache


def test_cached_rebuilds_into_the_same_folder_equal_builds_from_scratch(tmp_path):
    """Pages kept from the last build (not rendered again) are the pages a
    build from scratch writes, after each of a series of changes."""
    content, site, cache = built_with_a_cache(tmp_path)
    for change in (edit_text, change_structure, retitle_what_other_pages_show):
        change(content)
        rebuilt = build(content, site, **cache)
        assert rebuilt.returncode == 0
        assert re.search(r"Pages: \d+ rendered, [1-9]\d* unchanged", rebuilt.stdout)
        scratch = tmp_path / f"scratch-{change.__name__}"
        assert build(content, scratch).returncode == 0
        assert differences(site, scratch) == []
    assert_changes_shown(site)
    assert_retitles_shown(site)


def test_cached_rebuild_renders_only_the_pages_an_edit_touches(tmp_path):
    content, site, cache = built_with_a_cache(tmp_path)
    pages = {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}
    edit_text(content)

    rebuilt = build(content, site, **cache)

    assert rebuilt.returncode == 0
    changed = {
        str(path.relative_to(site))
        for path, mtime in pages.items()
        if path.stat().st_mtime_ns != mtime
    }
    rendered = int(re.search(r"Pages: (\d+) rendered", rebuilt.stdout)[1])
    assert len(changed) == rendered
    # The edited article and program, and lists that show them, are new ...
    for page in (
        "en/news/bit-postgraduate-exchanges-record-2019/index.html",
        "en/programs/bjut-toronto-summer/index.html",
        "zh/programs/bjut-toronto-summer/index.html",
        "en/programs/index.html",
    ):
        assert page in changed, sorted(changed)
    # ... and most pages are as the last build wrote them.
    assert "en/news/bjut-2016-student-exchange-boost/index.html" not in changed, sorted(changed)
    assert "zh/lectures/international-alumni/index.html" not in changed
    assert len(changed) < len(pages) / 4


def test_make_serve_rebuild_after_changes_equals_a_build_from_scratch(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    served = tmp_path / "served"
    serve = Autoreload(content, served, tmp_path / "cache", "--verbose", BUILD_TIME=BUILD_TIME)
    try:
        serve.wait_for(BUILT, 1)
        for change in (edit_text, change_structure):
            time.sleep(1)  # file times must tell the changes from the build before
            builds = len(serve.times(BUILT))
            change(content)
            serve.wait_for(BUILT, builds + 1)
            serve.settle()
    finally:
        serve.stop()
    log = serve.log
    assert "Traceback" not in log
    # The text edit had its quick pass, before the rebuild: the article's
    # page, and the lists that hold it.
    assert "Quick pass: " in log
    assert "showing bit-postgraduate-exchanges-record-2019.en.md, bjut-toronto-summer.yaml" in log
    quick = re.search(r"Quick pass wrote (.*)", log)[1].split(", ")
    for page in (
        "en/news/bit-postgraduate-exchanges-record-2019/index.html",
        "en/news/index.html",
        "en/programs/bjut-toronto-summer/index.html",
        "zh/programs/bjut-toronto-summer/index.html",
        "en/programs/index.html",
    ):
        assert page in quick

    assert build(content, tmp_path / "scratch").returncode == 0
    assert differences(served, tmp_path / "scratch") == []
    assert_changes_shown(served)


def test_make_serve_waits_for_a_change_after_a_failed_build(tiny_site, tmp_path):
    """Pelican's own loop builds again at once after a failed build, over
    and over, until the error is fixed; `make serve` says it failed, waits
    for the fix, and builds it."""
    article = "---\ntitle: First news\ndate: 2024-03-05\n---\nSee [the list]({}).\n"
    tiny_site("news/first-news.en.md", article.format("/en/no-such-page/"))
    serve = Autoreload(
        tiny_site.content, tiny_site.output, tmp_path / "cache", BUILD_TIME=BUILD_TIME
    )
    try:
        serve.wait_for(FAILED, 1, timeout=60)
        time.sleep(2)
        assert len(serve.times(FAILED)) == 1, "no build again without a change"
        tiny_site("news/first-news.en.md", article.format("/en/news/"))
        serve.wait_for(BUILT, 1)
    finally:
        serve.stop()
    assert "broken link /en/no-such-page/" in serve.log
    assert "Traceback" not in serve.log


def test_make_serve_builds_at_once_what_was_saved_while_a_failed_build_ran(tiny_site, tmp_path):
    # A Pagefind that fails after 3 s, and says when it starts.
    pagefind = stand_in_pagefind(
        tmp_path, f"#!/bin/sh\ntouch {tmp_path}/started\nsleep 3\nexit 1\n"
    )
    serve = Autoreload(
        tiny_site.content,
        tiny_site.output,
        tmp_path / "cache",
        BUILD_TIME=BUILD_TIME,
        SEARCH_PAGEFIND_BINARY=str(pagefind),
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "started").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        tiny_site("pages/about.en.md", "---\ntitle: About us\n---\nText.\n")  # while it runs
        serve.wait_for(FAILED, 2, timeout=60)  # built again at once, and failed again
        time.sleep(2)
        assert len(serve.times(FAILED)) == 2, "then it waits"
    finally:
        serve.stop()


def test_a_template_edited_between_cached_builds_changes_every_page_it_makes(tiny_site, tmp_path):
    """Templates are kept compiled, and pages kept, between cached builds:
    neither may outlive an edit of the theme."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"THEME": str(theme), **cached(tmp_path / "cache")}
    assert build(tiny_site.content, tiny_site.output, **settings).returncode == 0
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("</footer>", "<p>Edited footer</p></footer>"),
        encoding="utf-8",
    )
    assert build(tiny_site.content, tiny_site.output, **settings).returncode == 0
    pages = list(tiny_site.output.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        if "<footer" in page.read_text(encoding="utf-8"):
            assert "Edited footer" in page.read_text(encoding="utf-8"), page


def test_a_setting_changed_between_cached_builds_changes_what_the_readers_made(tiny_site, tmp_path):
    """Pelican's readers' cache knows files by their time only: a preview's
    draft must not outlive SHOW_DRAFTS turned off, nor Markdown options."""
    draft = "---\ntitle: Later\ndate: 2024-03-06\nsummary: s\nstatus: draft\n---\nSoon.\n"
    tiny_site("news/later.en.md", draft)
    tiny_site("news/later.zh.md", draft.replace("Later", "稍后"))
    cache = cached(tmp_path / "c")
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    assert (tiny_site.output / "en" / "news" / "later" / "index.html").exists()
    assert build(tiny_site.content, tiny_site.output, SHOW_DRAFTS=False, **cache).returncode == 0
    assert not (tiny_site.output / "en" / "news" / "later").exists()
    assert "/en/news/later/" not in (tiny_site.output / "en" / "news" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_cached_build_reports_what_the_readers_cache_skips(tiny_site, tmp_path):
    """Pelican's readers' cache does not read an unchanged file again: its
    warnings must still show, and its image must still be a file."""
    tiny_site("images/pic.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    tiny_site(
        "news/pictured.en.md",
        "---\ntitle: Pictured\ndate: 2024-03-06\nimage: images/pic.svg\n"
        "image_alt: A picture\n---\nText.\n",
    )
    cache = cached(tmp_path / "c")
    for _ in range(2):
        result = build(tiny_site.content, tiny_site.output, **cache)
        assert result.returncode == 0
        assert "pictured.en.md:1:1: warning: there is no `summary`" in result.stdout + result.stderr
    (tiny_site.content / "images" / "pic.svg").unlink()
    log = failed_build(tiny_site.content, tiny_site.output / "again", **cache)
    assert 'pictured.en.md:4:1: error: `image` names "images/pic.svg", which is not a file' in log


def test_a_deleted_image_leaves_the_site_and_its_links_break(tiny_site, tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    tiny_site("images/old.svg", svg)
    tiny_site("images/shown.svg", svg)
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First\ndate: 2024-03-05\nsummary: s\n---\n![A chart](/images/shown.svg)\n",
    )
    cache = cached(tmp_path / "c")
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    assert (tiny_site.output / "images" / "old.svg").exists()
    (tiny_site.content / "images" / "old.svg").unlink()
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    assert not (tiny_site.output / "images" / "old.svg").exists()
    (tiny_site.content / "images" / "shown.svg").unlink()
    result = build(tiny_site.content, tiny_site.output, **cache)
    assert result.returncode != 0
    assert "first-news.en.md:6:12: error: broken link /images/shown.svg" in result.stdout


def test_a_cached_build_fails_a_link_to_a_page_that_became_a_draft(tiny_site, tmp_path):
    """The linking page is not written again: the check must still look at it."""
    later = "---\ntitle: Later\ndate: 2024-03-06\nsummary: s\n{}---\nSoon.\n"
    tiny_site("news/later.en.md", later.format(""))
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First\ndate: 2024-03-05\nsummary: s\n---\nSee [later](/en/news/later/).\n",
    )
    cache = cached(tmp_path / "c")
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    tiny_site("news/later.en.md", later.format("status: draft\n"))
    result = build(tiny_site.content, tiny_site.output, **cache)
    assert result.returncode != 0
    assert "first-news.en.md:6:13: error: links to /en/news/later/, a draft" in result.stdout
