"""The sample site, built for real, read back as HTML: URLs, languages,
hreflang, the switcher, dates, lists, tag pages and the language chooser."""

import re

import pytest
from conftest import build, news_pairs, parse

LANG_ATTRIBUTE = {"en": "en", "zh": "zh-CN"}
PAIRS = news_pairs()


def article_path(site, lang, slug):
    return site / lang / "news" / slug / "index.html"


def hreflang(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def test_sample_has_a_translated_pair_for_every_seed():
    assert len(PAIRS) >= 5
    assert all(set(langs) == {"en", "zh"} for langs in PAIRS.values())


@pytest.mark.parametrize("slug", sorted(PAIRS))
def test_every_news_pair_yields_both_pages_linked_to_each_other(sample_site, slug):
    for lang, other in (("en", "zh"), ("zh", "en")):
        soup = parse(article_path(sample_site, lang, slug))
        assert soup.html["lang"] == LANG_ATTRIBUTE[lang]
        assert hreflang(soup) == {
            "en": f"/en/news/{slug}/",
            "zh-CN": f"/zh/news/{slug}/",
            "x-default": f"/en/news/{slug}/",
        }
        switch = soup.select(".lang-switch a")
        assert [a["href"] for a in switch] == [f"/{other}/news/{slug}/"]
        assert switch[0]["lang"] == LANG_ATTRIBUTE[other]
        assert not soup.select(".notice"), "a translated page must not say it lacks one"


def test_dates_are_written_the_way_each_language_writes_them(sample_site):
    slug = "bit-postgraduate-exchanges-record-2019"
    en = parse(article_path(sample_site, "en", slug)).select_one(".meta time")
    zh = parse(article_path(sample_site, "zh", slug)).select_one(".meta time")
    assert en.get_text() == "February 9, 2020"
    assert zh.get_text() == "2020年2月9日"
    assert en["datetime"] == zh["datetime"] == "2020-02-09"


def test_article_credits_author_and_translator(sample_site):
    soup = parse(article_path(sample_site, "en", "bit-postgraduate-exchanges-record-2019"))
    meta = soup.select_one(".meta").get_text(" ", strip=True)
    assert "By News Agency of BIT" in meta
    assert "Translated by News Agency of BIT" in meta


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_news_list_holds_every_article_of_its_language_only(sample_site, lang):
    soup = parse(sample_site / lang / "news" / "index.html")
    links = {a["href"] for a in soup.select(".cards a")}
    assert links == {f"/{lang}/news/{slug}/" for slug in PAIRS}
    assert soup.html["lang"] == LANG_ATTRIBUTE[lang]


def test_news_list_is_newest_first(sample_site):
    soup = parse(sample_site / "en" / "news" / "index.html")
    dates = [t["datetime"] for t in soup.select(".cards time")]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_interface_strings_are_in_the_page_language(sample_site, lang):
    soup = parse(sample_site / lang / "news" / "index.html")
    nav = [a.get_text() for a in soup.select(".site-nav a")]
    assert (
        nav
        == {
            "en": ["News", "Programs", "Lectures", "About us"],
            "zh": ["新闻", "合作项目", "学术讲座", "关于我们"],
        }[lang]
    )
    assert (
        soup.select_one(".skip-link").get_text()
        == {"en": "Skip to main content", "zh": "跳到正文"}[lang]
    )


def test_tag_pages_are_per_language(sample_site):
    en = parse(sample_site / "en" / "tags" / "student-exchange" / "index.html")
    en_links = [a["href"] for a in en.select(".cards a")]
    assert en_links
    assert all(link.startswith("/en/news/") for link in en_links)
    tagged_zh = [
        a["href"]
        for a in parse(article_path(sample_site, "zh", "bjut-2016-student-exchange-boost")).select(
            ".tags a"
        )
    ]
    assert tagged_zh
    assert all(href.startswith("/zh/tags/") for href in tagged_zh)
    for href in tagged_zh:
        zh = parse(sample_site / href.strip("/") / "index.html")
        assert zh.html["lang"] == "zh-CN"
        assert "/zh/news/bjut-2016-student-exchange-boost/" in {
            a["href"] for a in zh.select(".cards a")
        }


def test_language_homes_show_their_latest_news(sample_site):
    for lang in ("en", "zh"):
        soup = parse(sample_site / lang / "index.html")
        assert soup.html["lang"] == LANG_ATTRIBUTE[lang]
        links = [a["href"] for a in soup.select(".cards a")]
        assert links[0] == f"/{lang}/news/bjut-international-education-week-2020/"
        assert [a["href"] for a in soup.select(".lang-switch a")] == [
            "/zh/" if lang == "en" else "/en/"
        ]


def test_root_is_a_language_chooser_that_needs_no_script(sample_site):
    soup = parse(sample_site / "index.html")
    choices = {a["hreflang"]: a["href"] for a in soup.select(".choices a")}
    assert choices == {"en": "/en/", "zh-CN": "/zh/"}
    assert hreflang(soup)["x-default"] == "/"
    assert "北京高校国际教育门户" in soup.h1.get_text()


def test_about_page_exists_in_both_languages(sample_site):
    for lang in ("en", "zh"):
        soup = parse(sample_site / lang / "about" / "index.html")
        assert soup.html["lang"] == LANG_ATTRIBUTE[lang]
        other = "zh" if lang == "en" else "en"
        assert [a["href"] for a in soup.select(".lang-switch a")] == [f"/{other}/about/"]


def test_share_block_offers_copy_weibo_and_a_wechat_qr_code(sample_site):
    soup = parse(article_path(sample_site, "zh", "bjut-2016-student-exchange-boost"))
    public = "https://intl.example.edu.cn/zh/news/bjut-2016-student-exchange-boost/"
    assert soup.select_one(".copy-link")["data-url"] == public
    weibo = soup.select_one('.share a[href^="https://service.weibo.com/"]')["href"]
    assert "intl.example.edu.cn/zh/news/bjut-2016-student-exchange-boost/" in weibo.replace(
        "%3A", ":"
    ).replace("%2F", "/")
    svg = soup.select_one(".qr-code svg")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "本页二维码"
    assert re.fullmatch(r"[Mmhv0-9. -]+", svg.path["d"]), "the QR code is drawn as one SVG path"
    assert not soup.find("script", src=re.compile(r"^https?://")), "no third-party scripts"


def test_untranslated_article_points_to_the_other_home_and_says_so(tiny_site):
    tiny_site(
        "news/only-english.en.md",
        """
        ---
        title: Only in English
        date: 2024-04-01
        ---
        Body.
        """,
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = parse(tiny_site.output / "en" / "news" / "only-english" / "index.html")
    assert [a["href"] for a in soup.select(".lang-switch a")] == ["/zh/"]
    assert "not available in Chinese" in soup.select_one(".notice").get_text()
    assert set(hreflang(soup)) == {"en", "x-default"}
    assert not (tiny_site.output / "zh" / "news" / "only-english").exists()
    zh_list = parse(tiny_site.output / "zh" / "news" / "index.html")
    assert "/en/news/only-english/" not in {a["href"] for a in zh_list.select(".cards a")}


def test_chinese_only_article_says_so_in_chinese(tiny_site):
    tiny_site(
        "news/zhi-you-zhong-wen.zh.md", "---\ntitle: 只有中文\ndate: 2024-04-02\n---\n正文。\n"
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = parse(tiny_site.output / "zh" / "news" / "zhi-you-zhong-wen" / "index.html")
    assert soup.select_one(".notice").get_text(" ", strip=True).startswith("本页暂无英语版本")
    assert [a["href"] for a in soup.select(".lang-switch a")] == ["/en/"]
    assert hreflang(soup)["x-default"] == "/zh/news/zhi-you-zhong-wen/"


def test_news_list_paginates_with_directory_urls(tiny_site):
    for day in range(1, 6):
        tiny_site(
            f"news/item-{day}.en.md", f"---\ntitle: Item {day}\ndate: 2024-05-0{day}\n---\nx\n"
        )
    result = build(tiny_site.content, tiny_site.output, DEFAULT_PAGINATION=2)
    assert result.returncode == 0, result.stdout + result.stderr
    first = parse(tiny_site.output / "en" / "news" / "index.html")
    assert first.select_one('a[rel="next"]')["href"] == "/en/news/page/2/"
    third = parse(tiny_site.output / "en" / "news" / "page" / "3" / "index.html")
    assert third.select_one('a[rel="prev"]')["href"] == "/en/news/page/2/"
    assert not third.select_one('a[rel="next"]')
    titles = [
        a.get_text()
        for n in ("", "page/2/", "page/3/")
        for a in parse(tiny_site.output / "en" / "news" / n / "index.html").select(".cards a")
    ]
    assert titles == ["Item 5", "Item 4", "Item 3", "Item 2", "Item 1", "First news"]


def test_yaml_values_are_shown_as_text_never_as_html(tiny_site):
    tiny_site(
        "news/first-news.en.md",
        """
        ---
        title: "<script>alert(1)</script> & Co"
        date: 2024-03-05
        summary: "<b>bold</b>"
        ---
        Body.
        """,
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = parse(tiny_site.output / "en" / "news" / "first-news" / "index.html")
    assert soup.h1.get_text() == "<script>alert(1)</script> & Co"
    assert not soup.select("main script")
    card = parse(tiny_site.output / "en" / "news" / "index.html").select_one(".card")
    assert "<b>bold</b>" in card.get_text()
    assert not card.find("b")


def test_image_is_shown_with_its_alt_text(tiny_site):
    tiny_site(
        "news/first-news.en.md",
        """
        ---
        title: With a picture
        date: 2024-03-05
        image: images/campus.svg
        image_alt: The main gate of the campus
        ---
        Body.
        """,
    )
    tiny_site(
        "images/campus.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"></svg>\n',
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    img = parse(tiny_site.output / "en" / "news" / "first-news" / "index.html").select_one(
        ".item-image img"
    )
    assert img["src"] == "/images/campus.svg"
    assert img["alt"] == "The main gate of the campus"
    assert (tiny_site.output / "images" / "campus.svg").exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("en/index.html", {"en": "/en/", "zh-CN": "/zh/", "x-default": "/"}),
        ("zh/news/index.html", {"en": "/en/news/", "zh-CN": "/zh/news/", "x-default": "/en/news/"}),
        (
            "zh/programs/index.html",
            {"en": "/en/programs/", "zh-CN": "/zh/programs/", "x-default": "/en/programs/"},
        ),
    ],
)
def test_list_pages_link_their_other_language_version(sample_site, path, expected):
    assert hreflang(parse(sample_site / path)) == expected


def test_tag_page_names_only_itself_and_leads_to_the_other_home(sample_site):
    soup = parse(sample_site / "en" / "tags" / "student-exchange" / "index.html")
    assert hreflang(soup) == {
        "en": "/en/tags/student-exchange/",
        "x-default": "/en/tags/student-exchange/",
    }
    assert [a["href"] for a in soup.select(".lang-switch a")] == ["/zh/"]


def test_later_list_pages_name_only_themselves(tiny_site):
    for day in range(1, 4):
        tiny_site(
            f"news/item-{day}.en.md", f"---\ntitle: Item {day}\ndate: 2024-05-0{day}\n---\nx\n"
        )
    assert build(tiny_site.content, tiny_site.output, DEFAULT_PAGINATION=2).returncode == 0
    soup = parse(tiny_site.output / "en" / "news" / "page" / "2" / "index.html")
    assert hreflang(soup) == {"en": "/en/news/page/2/"}


def test_untranslated_page_is_published_in_its_language_only(tiny_site):
    tiny_site("pages/visit.zh.md", "---\ntitle: 来访指南\n---\n正文。\n")
    assert build(tiny_site.content, tiny_site.output).returncode == 0
    soup = parse(tiny_site.output / "zh" / "visit" / "index.html")
    assert [a["href"] for a in soup.select(".lang-switch a")] == ["/en/"]
    assert "本页暂无英语版本" in soup.select_one(".notice").get_text()
    assert not (tiny_site.output / "en" / "visit").exists()


def test_header_links_only_the_menu_pages_that_exist(tiny_site):
    (tiny_site.content / "pages" / "about.zh.md").unlink()
    assert build(tiny_site.content, tiny_site.output).returncode == 0
    en = [a["href"] for a in parse(tiny_site.output / "en" / "index.html").select(".site-nav a")]
    zh = [a["href"] for a in parse(tiny_site.output / "zh" / "index.html").select(".site-nav a")]
    assert "/en/about/" in en
    assert not any("about" in href for href in zh)


def test_two_tags_that_share_a_page_are_warned_of(tiny_site):
    """Homophones spell the same in pinyin without tones: one page, one title."""
    tiny_site(
        "news/first-news.zh.md", "---\ntitle: 一\ndate: 2024-03-05\ntags: [公式]\n---\n文。\n"
    )
    tiny_site("news/second.zh.md", "---\ntitle: 二\ndate: 2024-03-06\ntags: [公事]\n---\n文。\n")
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0
    assert (
        "second.zh.md:4:1: warning: the tag 公事 shares its page /zh/tags/gong-shi/ with the "
        "tag 公式, which spells the same in Latin letters; reword one of them"
    ) in result.stdout
