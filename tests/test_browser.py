"""What only a browser shows: navigation across languages, the phone
layout, the copy-link button, and axe-core's accessibility audit."""

import re

import pytest
import zxingcpp
from conftest import ROOT
from playwright.sync_api import expect

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


# The page's QR code drawn on a canvas as Chromium renders it: its width,
# height and grey levels (the red channel of each pixel, row by row).
DRAW_QR = """async (svg) => {
  const image = new Image();
  image.src = "data:image/svg+xml," + encodeURIComponent(
    svg.outerHTML.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" '));
  await image.decode();
  const canvas = Object.assign(document.createElement("canvas"),
    { width: image.width, height: image.height });
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  return [canvas.width, canvas.height, Array.from(pixels.filter((_, i) => i % 4 === 0))];
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_wechat_qr_code_reads_as_the_pages_public_address(page, served_site, lang):
    page.goto(f"{served_site}/{lang}/news/{ARTICLE}/")
    width, height, grey = page.locator(".qr-code svg").evaluate(DRAW_QR)
    pixels = bytes(grey)  # kept alive: an ImageView does not hold on to its buffer
    image = zxingcpp.ImageView(pixels, width, height, zxingcpp.ImageFormat.Lum)
    code = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert code is not None, "no QR code found in the drawing"
    assert code.text == f"https://intl.example.edu.cn/{lang}/news/{ARTICLE}/"


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/zh/news/", f"/zh/news/{ARTICLE}/", "/en/programs/", "/zh/partners/"]
)
def test_nothing_scrolls_sideways_on_the_narrowest_phone(page, served_site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(served_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_copy_link_button_copies_the_public_address(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_site}/en/news/{ARTICLE}/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    expect(page.get_by_role("status")).to_have_text("Link copied")
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
        "/en/programs/",
        "/zh/programs/bjut-toronto-summer/",
        "/en/programs/compare/",
        "/en/partners/",
        "/zh/facts/",
        "/en/lectures/",
        "/zh/lectures/overseas-scholars/",
        "/en/lectures/overseas-scholars/2026-12-21/",
        "/en/search/?q=Toronto",
        "/zh/search/?q=多伦多",
    ],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_accessibility_violations(page, served_site, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served_site + path)
    page.wait_for_load_state("networkidle")  # search results are drawn by a script
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
    assert page.evaluate("location.hash") == "#page-main"


def visible_programs(page):
    return page.locator(".program-card:visible").evaluate_all(
        "cards => cards.map(card => card.dataset.program)"
    )


@pytest.mark.parametrize(
    ("lang", "first", "second", "heading"),
    [
        ("en", "Joint training", "Undergraduate", "2 programs"),
        ("zh", "联合培养", "本科", "2个项目"),
    ],
)
def test_catalog_facets_combine_keep_their_state_in_the_url_and_survive_reload(
    page, served_site, lang, first, second, heading
):
    page.goto(f"{served_site}/{lang}/programs/")
    facets = page.locator(".facets")
    facets.get_by_role("button", name=re.compile(rf"^{first} \(")).click()
    facets.get_by_role("button", name=re.compile(rf"^{second} \(")).click()
    expected = ["bjtu-waterloo-nanomaterials", "bjtu-wollongong-mechatronics"]
    assert sorted(visible_programs(page)) == expected
    assert page.locator(".results-count").inner_text() == heading
    assert page.url.endswith("?type=joint-training&level=undergraduate")
    pressed = facets.get_by_role("button", name=re.compile(rf"^{second} \("))
    assert pressed.get_attribute("aria-pressed") == "true"
    # Counts say what each further choice would give.
    assert pressed.locator(".count").inner_text() == "(2)"

    page.reload()
    assert sorted(visible_programs(page)) == expected
    assert page.locator(".results-count").inner_text() == heading
    page.go_back()
    assert len(visible_programs(page)) > 2, "back undoes the last choice"


def test_catalog_facets_are_plain_links_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/en/programs/")
    page.locator(".facets").get_by_role("link", name="Canada").click()
    page.wait_for_url(f"{served_site}/en/programs/country/ca/")
    ids = page.locator(".program-card").evaluate_all("cards => cards.map(c => c.dataset.program)")
    assert "bjut-toronto-summer" in ids
    assert all(
        "ca" in country.split()
        for country in page.locator(".program-card").evaluate_all(
            "cards => cards.map(c => c.dataset.country)"
        )
    )
    context.close()


def test_shortlist_is_kept_in_the_browser_and_compared_side_by_side(page, served_site):
    page.goto(f"{served_site}/en/programs/")
    for program_id in ("bjut-toronto-summer", "bjtu-epitech-software-master"):
        page.locator(f'.program-card[data-program="{program_id}"] .star').click()
    page.goto(f"{served_site}/en/programs/compare/")
    table = page.locator(".compare-table")
    assert table.is_visible()
    headers = table.locator("thead th").all_inner_texts()
    assert len(headers) == 3
    assert "Toronto" in " ".join(headers)
    assert "EPITECH" in " ".join(headers)
    country = table.locator('tr[data-row="country"] td').all_inner_texts()
    assert country == ["Canada", "France"]
    assert page.locator(".compare-needs-script").is_hidden()


def test_a_deadline_passed_since_the_build_closes_the_program_in_the_browser(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    # The visitor's clock is a year after the build: the deadline has passed.
    page.clock.set_fixed_time("2027-12-01T10:00:00Z")
    page.goto(f"{served_site}/en/programs/bjut-toronto-summer/")
    assert page.locator(".item-header .badge").inner_text() == "Closed"
    assert page.locator(".closed-note").is_visible()
    assert page.locator(".apply-actions").count() == 0
    context.close()


def test_talk_page_also_shows_the_time_in_the_visitors_time_zone(browser, served_site):
    context = browser.new_context(timezone_id="Europe/London", locale="en-GB")
    page = context.new_page()
    page.goto(f"{served_site}/en/lectures/overseas-scholars/2026-12-21/")
    local = page.locator(".local-time")
    expect(local).to_be_visible()
    text = local.inner_text().replace("\u202f", " ")
    # 9:00 in Beijing is 1:00 in London in December.
    assert "Tuesday, December 22, 2026 1:00 AM–2:00 AM (Europe/London)" in text
    assert (
        page.locator(".listed-time")
        .inner_text()
        .replace("\u202f", " ")
        .startswith("Tuesday, December 22, 2026 9:00 AM")
    )
    context.close()
