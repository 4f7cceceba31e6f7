"""The built HTML is valid (Nu Html Checker) and has no broken internal links."""

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

from validation.links import broken_links

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
    assert broken_links(sample_site) == []


def test_link_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<p id="here"><a href="/en/gone/">x</a><a href="#here">ok</a><a href="#nowhere">y</a>'
        '<a href="https://elsewhere.example/">z</a><img src="../missing.png" alt=""></p>',
        encoding="utf-8",
    )
    page = str(tmp_path / "en" / "index.html")
    assert broken_links(tmp_path) == [
        (page, "/en/gone/"),
        (page, "#nowhere"),
        (page, "../missing.png"),
    ]


def test_link_checker_treats_absolute_links_to_the_site_as_internal(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="https://intl.example.edu.cn/en/">x</a>', encoding="utf-8"
    )
    assert broken_links(tmp_path, "https://intl.example.edu.cn") == [
        (str(tmp_path / "index.html"), "https://intl.example.edu.cn/en/")
    ]
