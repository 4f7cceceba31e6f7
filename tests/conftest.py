"""Shared fixtures: real builds into temporary folders, a real HTTP server
on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import filecmp
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from tools import chromium
from tools.local_server import serving
from tools.pelican_command import pelican_command

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


# The moment the tests build the site "as of": deadlines and upcoming talks
# are decided against it, not against the wall clock.
BUILD_TIME = "2026-11-23T09:00"

# A lecture series file with one talk, as small as the schema allows.
SERIES_YAML = """
title: {en: Test series, zh: 测试系列}
talks:
  - title: {en: First talk, zh: 第一讲}
    speaker: {name: Ann Lee}
    start: 2026-12-03T14:30
"""


def cached(folder):
    """The settings of a build with Pelican's cache in ``folder``, as `make html`'s."""
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(folder)}


def build(content, output, **settings):
    """Run a real `pelican` build, as `make html` does, as of BUILD_TIME.

    ``settings`` override pelicanconf.py; returns the finished process.
    """
    env = dict(os.environ, COLUMNS="3000")  # keep log lines whole for assertions
    command = pelican_command(content, output, **{"BUILD_TIME": BUILD_TIME, **settings})
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def failed_build(content, output, **settings):
    """Build content that must be refused; returns the log staff would read.

    The build stops with an error and a report, not a Python traceback,
    and publishes nothing.
    """
    result = build(content, output, **settings)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "Traceback" not in log, log
    assert not (Path(output) / "index.html").exists(), "a refused build publishes nothing"
    return log


def differences(left, right):
    """Files that differ, or exist on one side only, between two folders."""
    comparison = filecmp.dircmp(left, right)
    found = []

    def walk(node, prefix):
        found.extend(prefix + name for name in node.left_only + node.right_only)
        _match, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    return found


def stand_in_pagefind(folder, script):
    """An executable shell ``script`` at ``folder/pagefind``, for ``SEARCH_PAGEFIND_BINARY``."""
    pagefind = Path(folder) / "pagefind"
    pagefind.write_text(script)
    pagefind.chmod(0o755)
    return pagefind


def parse(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample content in content/, built once for the whole session."""
    output = tmp_path_factory.mktemp("sample-site")
    result = build(CONTENT, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture
def tiny_site(tmp_path):
    """A content folder of the tests' own: one news pair and an About pair.

    Returns ``write(relative_path, text)`` to add or replace files, and
    ``content`` and ``output`` paths.
    """
    content = tmp_path / "content"

    def write(relative, text):
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    write(
        "news/first-news.en.md",
        """
        ---
        title: First news
        date: 2024-03-05
        tags: [Exchange]
        ---
        Hello.
        """,
    )
    write(
        "news/first-news.zh.md",
        """
        ---
        title: 第一条新闻
        date: 2024-03-05
        tags: [交流]
        ---
        你好。
        """,
    )
    for lang, title in (("en", "About"), ("zh", "关于")):
        write(f"pages/about.{lang}.md", f"---\ntitle: {title}\n---\nText.\n")
    write.content = content
    write.output = tmp_path / "output"
    return write


@pytest.fixture(scope="session")
def served_site(sample_site):
    """The sample site over real HTTP on 127.0.0.1; yields its base URL."""
    with serving(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(chromium.PATH):
        pytest.fail(f"{chromium.PATH} is missing: install Debian's chromium package (see README)")
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def news_pairs():
    """``{slug: {lang: path}}`` for the sample news."""
    pairs = {}
    for path in sorted((CONTENT / "news").glob("*.md")):
        slug, lang, _ = path.name.split(".")
        pairs.setdefault(slug, {})[lang] = path
    return pairs
