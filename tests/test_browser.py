"""What only a browser shows: navigation across languages, the phone
layout, the copy-link button, and axe-core's accessibility audit."""

import pytest
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ARTICLE = "bit-postgraduate-exchanges-record-2019"


def test_reader_follows_news_and_switches_to_the_chinese_translation(
    browser, served_site, tmp_path
):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{served_site}/en/")
    page.get_by_role("link", name="BIT Postgraduate Exchanges").first.click()
    page.wait_for_url(f"{served_site}/en/news/{ARTICLE}/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Language").get_by_role("link", name="中文").click()
    page.wait_for_url(f"{served_site}/zh/news/{ARTICLE}/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "首破千人" in page.locator("h1").inner_text()

    screenshot = tmp_path / "article-zh-375px.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    # Nothing is wider than a 375 px phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_copy_link_button_copies_the_public_address(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_site}/en/news/{ARTICLE}/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    assert page.get_by_role("status").inner_text() == "Link copied"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"https://intl.example.edu.cn/en/news/{ARTICLE}/"
    context.close()


def test_pages_work_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/")
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{served_site}/zh/")
    page.get_by_role("link", name="新闻", exact=True).first.click()
    page.wait_for_url(f"{served_site}/zh/news/")
    # The copy button needs a script, so without one it stays hidden.
    page.goto(f"{served_site}/zh/news/{ARTICLE}/")
    assert page.locator(".copy-link").is_hidden()
    assert page.locator(".qr-code svg").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/",
        "/zh/",
        "/en/news/",
        "/zh/news/",
        f"/en/news/{ARTICLE}/",
        f"/zh/news/{ARTICLE}/",
        "/zh/about/",
    ],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_accessibility_violations(page, served_site, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served_site + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]
    assert violations == []
    assert result["passes"], "axe ran its rules"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, served_site):
    page.goto(f"{served_site}/en/news/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
