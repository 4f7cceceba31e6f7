"""The built HTML is valid (Nu Html Checker) and has no broken internal links."""

import json
import shutil
import subprocess
from functools import partial

import pytest
from conftest import ROOT

from validation.links import broken_links, closest_pages, where_written
from writing.facts import PageFacts

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_finds_no_errors(sample_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run `make install` (see README)")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(sample_site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    assert result.returncode == 0


def test_sample_site_has_no_broken_internal_links(sample_site):
    assert broken_links(sample_site) == ([], [])


def test_link_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<p id="here"><a href="/en/gone/">x</a><a href="#here">ok</a><a href="#nowhere">y</a>'
        '<a href="https://elsewhere.example/">z</a><img src="../missing.png" alt=""></p>',
        encoding="utf-8",
    )
    page = str(tmp_path / "en" / "index.html")
    assert broken_links(tmp_path) == (
        [(page, "/en/gone/"), (page, "#nowhere"), (page, "../missing.png")],
        [],
    )


def test_link_checker_treats_absolute_links_to_the_site_as_internal(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="https://intl.example.edu.cn/en/">x</a>', encoding="utf-8"
    )
    broken, _ = broken_links(tmp_path, "https://intl.example.edu.cn")
    assert broken == [(str(tmp_path / "index.html"), "https://intl.example.edu.cn/en/")]


def _checked_again(site, cache):
    """A link check that starts from the last one's findings, as a cached build's does."""
    facts = PageFacts({"CACHE_CONTENT": True, "CACHE_PATH": str(cache)}, str(site), "links")
    broken, _ = broken_links(site, "", facts)
    if not broken:
        facts.save()
    return broken


def test_cached_link_check_still_finds_links_that_pages_kept_as_they_were_lost(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    kept = site / "kept.html"
    kept.write_text(
        '<a href="/other.html#part">x</a><img src="/photo.png" alt="">', encoding="utf-8"
    )
    (site / "other.html").write_text('<h2 id="part">Part</h2>', encoding="utf-8")
    (site / "photo.png").write_bytes(b"png")
    assert _checked_again(site, cache) == []
    assert _checked_again(site, cache) == []

    # kept.html is not rewritten; what it links to changes.
    (site / "other.html").write_text("<h2>Part</h2>", encoding="utf-8")
    assert _checked_again(site, cache) == [(str(kept), "/other.html#part")]
    (site / "other.html").write_text('<h2 id="part">Part</h2>', encoding="utf-8")
    assert _checked_again(site, cache) == []
    (site / "photo.png").unlink()
    assert _checked_again(site, cache) == [(str(kept), "/photo.png")]


def test_a_link_is_found_where_it_is_written_as_a_link_not_as_a_word(tmp_path):
    source = tmp_path / "a.en.md"
    source.write_text(
        "See [how to apply](apply). Students apply online.\n[form]:   apply\n"
        '<a href="/en/a/">a</a> and [b](/en/a/b/ "B")\n',
        encoding="utf-8",
    )
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="/en/footer/">f</a><div class="prose"><a href="apply">x</a>'
        '<a href="/en/a/">a</a></div>',
        encoding="utf-8",
    )
    found = partial(where_written, str(page), str(source))
    assert found("apply") == [(str(source), 1, 20), (str(source), 2, 11)]
    assert found("/en/a/") == [(str(source), 3, 10)]
    assert found("/en/footer/") == []  # the template's link, not the text's


def test_the_address_meant_is_suggested_for_a_missing_page_only(tmp_path):
    for page in ("en/about/index.html", "en/news/first/index.html"):
        (tmp_path / page).parent.mkdir(parents=True)
        (tmp_path / page).write_text('<p id="top">x</p>', encoding="utf-8")
    near = closest_pages(tmp_path)
    first = str(tmp_path / "en/news/first/index.html")
    assert near(first, "/en/abuot/") == "/en/about/"
    assert near(first, "/en/about/#contact") is None  # the page is there, its anchor is not
    assert near(first, "apply") is None  # not the page the link is on
