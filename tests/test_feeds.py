"""Each language's Atom feed parses and lists that language only."""

import feedparser
import pytest
from conftest import news_pairs

PAIRS = news_pairs()


@pytest.mark.parametrize(("lang", "xml_lang"), [("en", "en"), ("zh", "zh-CN")])
def test_feed_parses_as_atom_and_lists_only_its_language(sample_site, lang, xml_lang):
    feed = feedparser.parse((sample_site / lang / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == xml_lang
    links = [entry.link for entry in feed.entries]
    assert sorted(links) == sorted(
        f"https://intl.example.edu.cn/{lang}/news/{slug}/" for slug in PAIRS
    )
    assert feed.feed.link == f"https://intl.example.edu.cn/{lang}/"


def test_feed_titles_are_in_the_feed_language(sample_site):
    en = feedparser.parse((sample_site / "en" / "feed.atom").read_bytes())
    zh = feedparser.parse((sample_site / "zh" / "feed.atom").read_bytes())
    assert en.feed.title == "Beijing International Education Gateway"
    assert zh.feed.title == "北京高校国际教育门户"
    assert any("北京理工大学" in entry.title for entry in zh.entries)
    assert not any("北京" in entry.title for entry in en.entries)


def test_every_page_links_its_language_feed(sample_site):
    from conftest import parse

    for lang in ("en", "zh"):
        soup = parse(sample_site / lang / "index.html")
        link = soup.find("link", type="application/atom+xml")
        assert link["href"] == f"/{lang}/feed.atom"
