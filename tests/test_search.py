"""Search over the built sample site: the Pagefind index the build writes,
and the search page in a real browser."""

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import (
    BUILD_TIME,
    CONTENT,
    ROOT,
    build,
    cached,
    differences,
    parse,
    stand_in_pagefind,
)
from pagefind.service import get_executable
from playwright.sync_api import expect

from bilingual import site_languages
from search import use_pagefind_binary
from search.bundle import (
    PageOutsideLanguagesError,
    find_marked,
    index_folder,
    mirror_pages,
    pages_by_language,
    run_pagefind,
    write_bundle,
)
from tools.local_server import serving

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))


def top_three(page, query):
    """The first three results' paths for ``query``, searched from the search page's form."""
    page.locator(".search-form input").fill(query)
    page.locator(".search-form button").click()
    page.wait_for_function(
        "q => document.querySelector('.search-ui').dataset.searched === q", arg=query
    )
    return page.locator(".search-result h2 a").evaluate_all(
        "links => links.slice(0, 3).map(a => a.pathname)"
    )


@pytest.fixture(scope="module")
def site_in_parts(tmp_path_factory):
    """The sample site with each language's index in two parts, as a large
    site's are, served over HTTP; yields its base URL."""
    output = tmp_path_factory.mktemp("site-in-parts")
    result = build(CONTENT, output, SEARCH_PART_PAGES=20)
    assert result.returncode == 0, result.stdout + result.stderr
    parts = json.loads((output / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert parts == {"en": ["en-1/"], "zh": ["zh-1/"]}
    with serving(output) as url:
        yield url


def item_count():
    """Pages per language that are items (and so indexed): news, pages, programs, talks, series."""
    news = len(list((CONTENT / "news").glob("*.en.md")))
    pages = len(list((CONTENT / "pages").glob("*.en.md")))
    programs = len(list((CONTENT / "programs").glob("*.yaml")))
    series = list((CONTENT / "lectures").glob("*.yaml"))
    talks = sum(len(yaml.safe_load(path.read_text("utf-8"))["talks"]) for path in series)
    return news + pages + programs + len(series) + talks


def test_build_writes_one_index_per_language_of_item_pages_only(sample_site):
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: index["page_count"] for lang, index in entry["languages"].items()}
    assert counts == {"en": item_count(), "zh-cn": item_count()}


def off_the_main_thread(function, *args, **kwargs):
    """Run ``function`` (which runs an asyncio loop) in a thread of its own,
    as the build does: Playwright's sync API holds the main thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def test_the_bundle_made_language_by_language_is_the_one_pagefind_makes_in_one_run(
    sample_site, tmp_path
):
    """Each language is indexed by a Pagefind run of its own (less memory,
    and a language that did not change keeps its part), from Pagefind's
    command line: merged, the parts are the bundle one run of Pagefind's
    Python API over the whole site writes, byte for byte, and no language
    has further parts at this size."""
    use_pagefind_binary({})
    off_the_main_thread(asyncio.run, index_folder(str(sample_site), str(tmp_path / "one-run")))
    assert differences(sample_site / "pagefind", tmp_path / "one-run") == ["parts.json"]
    parts = json.loads((sample_site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert parts == {"en": [], "zh": []}


def test_a_failed_pagefind_run_stops_the_build_with_its_message(tiny_site, tmp_path):
    pagefind = stand_in_pagefind(
        tmp_path, "#!/bin/sh\necho 'Error: no space left on device' >&2\nexit 1\n"
    )
    result = build(tiny_site.content, tiny_site.output, SEARCH_PAGEFIND_BINARY=str(pagefind))
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "Pagefind could not index" in log
    assert "Error: no space left on device" in log


def test_a_searchable_page_outside_the_language_folders_is_an_error(tmp_path):
    for path in ("en/news/a/index.html", "zh/news/a/index.html", "404.html", "stray/index.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<main data-pagefind-body>Text</main>")
    (tmp_path / "404.html").write_text("<main>Not found</main>")  # not for search: fine
    with pytest.raises(PageOutsideLanguagesError, match=r"stray/index\.html is marked for search"):
        pages_by_language(tmp_path, site_languages({}))
    (tmp_path / "stray/index.html").unlink()
    assert pages_by_language(tmp_path, site_languages({})) == {
        "en": ["en/news/a/index.html"],
        "zh": ["zh/news/a/index.html"],
    }


def _files(folder):
    return {path: path.read_bytes() for path in sorted(Path(folder).rglob("*")) if path.is_file()}


@pytest.mark.parametrize("link", [False, True], ids=["copies", "links"])
def test_parts_are_kept_while_their_pages_stay_the_same(sample_site, tmp_path, link):
    site, kept_in = tmp_path / "site", tmp_path / "kept"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))
    use_pagefind_binary({})

    bundle, fresh = tmp_path / "bundle", tmp_path / "fresh"

    def index(part_pages):
        """Update ``bundle`` in place, as builds do; compare it with a new one."""
        pages, kept = off_the_main_thread(
            write_bundle, site, bundle, site_languages({}), kept_in, part_pages, link=link
        )
        shutil.rmtree(fresh, ignore_errors=True)
        off_the_main_thread(
            write_bundle, site, fresh, site_languages({}), kept_in, part_pages, link=link
        )
        assert differences(bundle, fresh) == [], "in place: a new bundle's files, and no others"
        parts = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return pages, sorted(kept), parts, sorted(entry["languages"])

    pages, kept, parts, entry = index(20)
    assert pages == {"en": item_count(), "zh": item_count()}
    assert (kept, parts, entry) == ([], {"en": ["en-1/"], "zh": ["zh-1/"]}, ["en", "zh-cn"])
    made = _files(kept_in)
    assert index(20)[1] == ["en", "en-1", "zh", "zh-1"]
    assert _files(kept_in) == made, "making the bundle changed none of the kept parts"

    # Fewer, larger parts: made again, and the parts no longer needed dropped.
    assert index(1000)[1:3] == ([], {"en": [], "zh": []})
    assert sorted(os.listdir(kept_in)) == [
        *("en", "en.fingerprint", "en.made-with", "en.pages"),
        *("zh", "zh.fingerprint", "zh.made-with", "zh.pages"),
    ]

    # A page gone from the site is gone from the copies Pagefind reads, and
    # its part, made again in its folder, is what Pagefind makes from scratch.
    gone = pages_by_language(site, site_languages({}))["en"][0]
    (site / gone).unlink()
    # A content name that came back for other content (Pagefind's are 7 hex
    # digits): the file kept from before must not be trusted.
    fragments = sorted((kept_in / "en" / "fragment").iterdir())
    fragments[-1].write_bytes(fragments[-2].read_bytes())
    edited = site / pages_by_language(site, site_languages({}))["en"][0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("</h1>", " edited</h1>", 1))
    assert index(1000)[:2] == ({"en": item_count() - 1, "zh": item_count()}, ["zh"])
    assert not (kept_in / "en.pages" / gone).parent.exists()
    off_the_main_thread(run_pagefind, kept_in / "en.pages", tmp_path / "from-scratch")
    assert differences(kept_in / "en", tmp_path / "from-scratch") == []

    # A language with nothing left to search leaves the index.
    shutil.rmtree(site / "zh")
    assert index(1000) == ({"en": item_count() - 1}, ["en"], {"en": []}, ["en"])

    # Nothing at all to search: Pagefind's scripts, and an index of nothing.
    shutil.rmtree(site / "en")
    assert index(1000) == ({}, [], {}, [])
    assert (bundle / "pagefind.js").is_file()


def test_pagefind_reads_links_where_the_build_waits_and_copies_where_it_does_not(tmp_path):
    site, held = tmp_path / "site", tmp_path / "held"
    page = site / "en/news/a/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<main data-pagefind-body>First</main>", encoding="utf-8")
    digests = {"en/news/a/index.html": find_marked(page.read_text(encoding="utf-8"))[1]}

    # A build that waits for its index rewrites no page meanwhile: links, not copies.
    assert mirror_pages(site, digests, held, link=True) == digests
    assert os.path.samefile(held / "en/news/a/index.html", page)

    # Where the index follows in the background, the next build rewrites
    # pages in place (as Pelican's writer does) while Pagefind may read: it
    # must read the page as it was, also where an earlier build linked it.
    assert mirror_pages(site, digests, held, link=False) == digests
    page.write_text("<main data-pagefind-body>Second</main>", encoding="utf-8")
    copy = held / "en/news/a/index.html"
    assert copy.read_text(encoding="utf-8") == "<main data-pagefind-body>First</main>"


# Pagefind, three seconds late; it notes a page of the part it reads written meanwhile.
SLOW_PAGEFIND = """#!/bin/sh
started=$(mktemp)
sleep 3
if [ -n "$(find "$2" -name '*.html' -newer "$started")" ]; then touch "$0.rewritten"; fi
echo run >> "$0.runs"
exec {real} "$@"
"""

# Builds one after the other in one process, as `pelican --autoreload` runs
# them: a failed build is followed by the next at once; the article's text
# is saved before each.
AUTORELOADED = """
import json, sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings

settings = read_settings("pelicanconf.py", override=json.loads(sys.argv[1]))
pelican = Pelican(settings)
for text in sys.argv[2:]:
    Path(settings["PATH"], "news", "first-news.en.md").write_text(text, encoding="utf-8")
    try:
        pelican.run()
    except Exception as error:
        print("Build failed:", error)
"""


def test_a_failed_build_s_index_ends_before_the_next_build_writes(tiny_site, tmp_path):
    use_pagefind_binary({})
    pagefind = stand_in_pagefind(tmp_path, SLOW_PAGEFIND.format(real=get_executable()))
    settings = {
        "PATH": str(tiny_site.content),
        "OUTPUT_PATH": str(tiny_site.output),
        **cached(tmp_path / "cache"),
        "SEARCH_PAGEFIND_BINARY": str(pagefind),
        "BUILD_TIME": BUILD_TIME,
    }
    article = "---\ntitle: {}\ndate: 2024-03-05\n---\nSee [the list](/en/no-such-page/).\n"
    result = subprocess.run(
        [sys.executable, "-c", AUTORELOADED, json.dumps(settings)]
        + [article.format(title) for title in ("First news", "First news, retitled")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.count("Build failed: ") == 2, result.stdout + result.stderr
    assert "broken link /en/no-such-page/" in result.stdout + result.stderr
    # Both builds indexed the English part (the second, the retitled article) ...
    assert (tmp_path / "pagefind.runs").read_text().count("run") >= 3
    # ... and the second wrote the retitled page only once the first's index had read it.
    assert not (tmp_path / "pagefind.rewritten").exists()
    page = parse(tiny_site.output / "en/news/first-news/index.html")
    assert page.h1.get_text(strip=True) == "First news, retitled"
    # A build that waits for its index has Pagefind read the pages themselves, linked.
    copy = next((tmp_path / "cache").glob("search-index-*/en.pages/en/news/first-news/index.html"))
    assert os.path.samefile(copy, tiny_site.output / "en/news/first-news/index.html")


def test_under_make_serve_pagefind_reads_copies_of_the_pages(tiny_site, tmp_path):
    """The index follows in the background, while the next build may rewrite pages."""
    cache = tmp_path / "cache"
    result = build(
        tiny_site.content,
        tiny_site.output,
        SEARCH_INDEX="background",
        CACHE_CONTENT=True,
        CACHE_PATH=str(cache),
    )
    assert result.returncode == 0, result.stderr
    copies = list(cache.glob("search-index-*/*.pages/**/*.html"))
    assert copies
    assert all(copy.stat().st_nlink == 1 for copy in copies)


def _top_three(page, url, lang, query):
    page.goto(f"{url}/{lang}/search/")
    return top_three(page, query)


def test_a_rebuild_keeps_the_index_of_a_language_whose_pages_did_not_change(
    page, tiny_site, tmp_path
):
    cache = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache")}
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First news\ndate: 2024-03-05\n---\nA visit by zebrafish researchers.\n",
    )
    result = build(tiny_site.content, tiny_site.output, LOAD_CONTENT_CACHE=True, **cache)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Search index: .* \(zh unchanged, kept\)", result.stdout), result.stdout
    with serving(tiny_site.output) as url:
        assert _top_three(page, url, "en", "zebrafish") == ["/en/news/first-news/"]
        assert _top_three(page, url, "zh", "新闻") == ["/zh/news/first-news/"]

    tiny_site("news/first-news.zh.md", "---\ntitle: 第一条新闻\ndate: 2024-03-05\n---\n斑马鱼。\n")
    result = build(tiny_site.content, tiny_site.output, LOAD_CONTENT_CACHE=True, **cache)
    assert re.search(r"Search index: .* \(en unchanged, kept\)", result.stdout), result.stdout
    with serving(tiny_site.output) as url:
        assert _top_three(page, url, "zh", "斑马鱼") == ["/zh/news/first-news/"]
        assert _top_three(page, url, "en", "zebrafish") == ["/en/news/first-news/"]


def test_item_pages_weigh_titles_and_declare_filters(sample_site):
    program = parse(sample_site / "zh/programs/bjut-toronto-summer/index.html")
    body = program.select_one("[data-pagefind-body]")
    assert body.h1["data-pagefind-weight"] == "10"
    filters = {span["data-pagefind-filter"] for span in body.select("[data-pagefind-filter]")}
    assert {
        "kind:项目",
        "type:暑期学校",
        "country:加拿大",
        "level:本科",
        "status:开放申请",
    } <= filters
    for listing in ("zh/programs/index.html", "zh/news/index.html", "zh/index.html"):
        assert not parse(sample_site / listing).select("[data-pagefind-body]"), listing


@pytest.mark.parametrize("site", ["served_site", "site_in_parts"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_query_in_the_relevance_file_finds_its_page_in_the_top_three(
    page, request, site, lang
):
    """Also where each language's index is in parts, which the page merges."""
    assert len(QUERIES[lang]) >= 15
    page.goto(f"{request.getfixturevalue(site)}/{lang}/search/")
    misses = []
    for case in QUERIES[lang]:
        top = top_three(page, case["query"])
        if case["expect"] not in top:
            misses.append((case["query"], case["expect"], top))
    assert misses == []


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "Toronto", "/en/programs/bjut-toronto-summer/"),
        ("zh", "多伦多", "/zh/programs/bjut-toronto-summer/"),
    ],
)
def test_query_in_the_address_runs_when_the_page_opens(page, served_site, lang, query, expected):
    page.goto(f"{served_site}/{lang}/search/?q={query}")
    results = page.locator(".search-result h2 a")
    expect(results.first).to_be_visible()
    assert expected in results.evaluate_all("links => links.map(a => a.pathname)")
    assert page.locator(".search-form input").input_value() == query
    kinds = page.locator(".search-result .meta").all_inner_texts()
    assert any(kind.startswith({"en": "Program", "zh": "项目"}[lang]) for kind in kinds)
    assert page.locator(".search-excerpt mark").count() > 0, "excerpts highlight the words"


def test_words_typed_while_the_index_loads_are_searched_when_it_has(page, served_site):
    held = []  # the request for Pagefind's script, answered once the words are typed
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    with page.expect_request("**/pagefind/pagefind.js"):
        page.goto(f"{served_site}/en/search/", wait_until="commit")
    page.locator(".search-form input").fill("Toronto")
    held[0].continue_()
    expect(page.locator(".search-result h2 a").first).to_contain_text("Toronto")
    expect(page.locator(".search-form input")).to_have_value("Toronto")


def test_searches_that_overlap_show_the_results_of_the_last_once(page, served_site):
    page.goto(f"{served_site}/en/search/")
    top_three(page, "EPITECH")  # the index has loaded
    page.locator(".search-form input").fill("Toronto")
    # Two searches at once: as when the words typed while the index loaded
    # are searched, and the form is submitted meanwhile.
    page.evaluate(
        "() => { const form = document.querySelector('.search-form');"
        " form.requestSubmit(); form.requestSubmit(); }"
    )
    page.wait_for_function(
        "q => document.querySelector('.search-ui').dataset.searched === q", arg="Toronto"
    )
    page.wait_for_timeout(500)  # time for the other search's results, were they shown
    paths = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.pathname)")
    assert paths
    assert len(paths) == len(set(paths)), paths


def test_header_search_box_is_a_plain_form_to_the_search_page(page, served_site):
    page.goto(f"{served_site}/en/news/")
    page.locator(".header-search input").fill("EPITECH")
    page.locator(".header-search button").click()
    page.wait_for_url(re.compile(r"/en/search/\?q=EPITECH$"))
    expect(page.locator(".search-result h2 a").first).to_have_text(re.compile("EPITECH"))


@pytest.mark.parametrize("site", ["served_site", "site_in_parts"])
def test_a_filter_narrows_the_results(page, request, site):
    page.goto(f"{request.getfixturevalue(site)}/en/search/?q=Toronto")
    status = page.locator(".search-status")
    expect(status).to_have_text(re.compile(r"^\d+ results$"))
    before = int(status.inner_text().split()[0])
    page.locator(".search-filter", has_text="Kind").get_by_label(re.compile(r"^ ?Program")).check()
    expect(status).not_to_have_text(f"{before} results")
    after = int(status.inner_text().split()[0])
    assert 0 < after < before
    kinds = page.locator(".search-result .meta").all_inner_texts()
    assert kinds
    assert all(kind.startswith("Program") for kind in kinds)


def test_chinese_page_searches_chinese_pages_only(page, served_site):
    page.goto(f"{served_site}/zh/search/?q=Toronto")
    links = page.locator(".search-result h2 a")
    expect(links.first).to_be_visible()
    paths = links.evaluate_all("links => links.map(a => a.pathname)")
    assert all(path.startswith("/zh/") for path in paths)
    page.goto(f"{served_site}/en/search/?q=多伦多")
    expect(page.locator(".search-status")).to_have_text(re.compile("Nothing found"))


def test_search_page_without_javascript_points_to_the_lists(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/zh/search/?q=多伦多")
    note = page.locator(".search-needs-script")
    expect(note).to_contain_text("搜索需要启用JavaScript")
    hrefs = note.locator("a").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs == ["/zh/programs/", "/zh/news/", "/zh/lectures/"]
    context.close()


def test_results_come_ten_at_a_time_with_a_button_for_more(page, served_site):
    page.goto(f"{served_site}/en/search/?q=BJUT")
    status = page.locator(".search-status")
    expect(status).to_have_text(re.compile(r"^\d+ results$"))
    total = int(status.inner_text().split()[0])
    assert total > 10
    results = page.locator(".search-result")
    expect(results).to_have_count(10)
    page.get_by_role("button", name="More results").click()
    expect(results).to_have_count(min(total, 20))


def test_search_page_says_when_the_index_follows_the_pages(page, tiny_site):
    """Under `make serve` (SEARCH_INDEX "background") the build ends before
    the index does; while Pagefind runs, the status file says the index is
    stale, and the search page says so until it is current again."""
    assert build(tiny_site.content, tiny_site.output, SEARCH_INDEX="background").returncode == 0
    status = tiny_site.output / "pagefind-status.json"
    # The build ended, and the index it left in the background is whole.
    assert json.loads(status.read_text(encoding="utf-8")) == {"stale": False}
    assert (tiny_site.output / "pagefind" / "pagefind-entry.json").exists()
    with serving(tiny_site.output) as url:
        page.goto(f"{url}/en/search/")
        notice = page.locator(".search-stale")
        expect(page.locator(".search-ui")).to_be_visible()
        expect(notice).to_be_hidden()

        status.write_text('{"stale": true}', encoding="utf-8")  # as a new index starts
        page.goto(f"{url}/zh/search/")
        expect(notice).to_contain_text("搜索索引正在更新")
        status.write_text('{"stale": false}', encoding="utf-8")  # as it ends
        expect(notice).to_contain_text("搜索索引已更新", timeout=5000)


def test_a_production_build_waits_for_its_index_and_has_no_status(sample_site):
    assert (sample_site / "pagefind" / "pagefind-entry.json").exists()
    assert not (sample_site / "pagefind-status.json").exists()
    assert parse(sample_site / "en" / "search" / "index.html").select(".search-stale") == []
