"""Per-language news lists, tag pages and Atom feeds.

Pelican lists only the default language; here every language gets its own
paginated list, tag pages and feed, holding only that language's articles.
"""

from collections import defaultdict

from pelican.generators import Generator

from bilingual import i18n, site_languages, versions


def news_by_language(articles, languages):
    """``{lang: [article, ...]}``, newest first, from Pelican's articles and their translations."""
    grouped = {code: [] for code in languages}
    for article in articles:
        for item in (article, *article.translations):
            grouped[item.lang].append(item)
    for items in grouped.values():
        items.sort(key=lambda item: item.date, reverse=True)
    return grouped


def tags_of(articles):
    """``{tag: [article, ...]}`` in the order of ``articles``; tags sorted by name."""
    tags = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", ()):
            tags[tag].append(article)
    return dict(sorted(tags.items(), key=lambda pair: pair[0].name.casefold()))


class NewsListsGenerator(Generator):
    def generate_context(self):
        languages = site_languages(self.settings)
        self.news = news_by_language(self.context.get("articles", []), languages)
        self.tags = {code: tags_of(items) for code, items in self.news.items()}
        self.context["news"] = self.news
        self.context["news_tags"] = self.tags

    def generate_output(self, writer):
        languages = site_languages(self.settings)
        lists = {code: f"{code}/news/" for code in languages}
        for code, items in self.news.items():
            writer.write_file(
                f"{code}/news/index.html",
                self.get_template("news_list"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"articles": items},
                template_name="news_list",
                url=lists[code],
                lang=code,
                page_versions=versions(languages, code, lists),
            )
            for tag, tagged in self.tags[code].items():
                writer.write_file(
                    tag.url + "index.html",  # directory-style TAG_URL
                    self.get_template("tag"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    paginated={"articles": tagged},
                    template_name="tag",
                    url=tag.url,
                    lang=code,
                    tag=tag,
                    page_versions=versions(languages, code, {code: tag.url}),
                )
            self._write_feed(writer, code, items)

    def _write_feed(self, writer, code, items):
        # Feeds are read by other programs: absolute links to the public site.
        public = self.settings["SITEURL"] or self.settings.get("PUBLIC_SITEURL", "")
        context = dict(
            self.context,
            lang=code,
            SITEURL=public,
            SITENAME=i18n.localize(self.settings["SITENAME"], code),
            SITESUBTITLE=i18n.localize(self.settings.get("SITE_TAGLINE", ""), code),
            FEED_DOMAIN=public,
        )
        writer.write_feed(items, context, f"{code}/feed.atom", f"{code}/feed.atom")
