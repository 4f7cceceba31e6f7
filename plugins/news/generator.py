"""Per-language news lists, tag pages and Atom feeds.

Pelican lists only the default language; here every language gets its own
paginated list, tag pages and feed, holding only that language's articles.
"""

import os
from collections import defaultdict
from functools import partial

from pelican.contents import Page
from pelican.generators import Generator

from bilingual import i18n, item_versions, site_languages, versions, with_translations
from sharing import public_url
from validation import ContentError, Problem, display_path, report

from . import settings as plugin_settings


def by_language(items, languages):
    """``{lang: [item, ...]}``, newest first, from Pelican's items and their translations."""
    grouped = {code: [] for code in languages}
    for item in with_translations(items):
        grouped[item.lang].append(item)
    for group in grouped.values():
        group.sort(key=lambda item: item.date, reverse=True)
    return grouped


def tags_of(articles):
    """``{tag: [article, ...]}`` in the order of ``articles``; tags sorted by name."""
    tags = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", ()):
            tags[tag].append(article)
    return dict(sorted(tags.items(), key=lambda pair: pair[0].name.casefold()))


def shared_tag_pages(articles):
    """A warning for each article whose tag shares its page (its slug) with
    another tag: homophones (公式, 公事) spell the same without tones."""
    first = {}  # (lang, slug) -> the first name given to it, in date order
    problems = []
    for article in sorted(articles, key=lambda article: (article.date, article.source_path)):
        for tag in getattr(article, "tags", ()):
            name = first.setdefault((article.lang, tag.slug), tag.name)
            if name != tag.name:
                message = (
                    f"the tag {tag.name} shares its page /{tag.url} with the tag {name}, "
                    "which spells the same in Latin letters; reword one of them"
                )
                shown = display_path(article.source_path)
                line, column = article.metadata["field_positions"].get("tags", (1, 1))
                problems.append(Problem(shown, line, column, "warning", message))
    return problems


def url_problems(items, urls):
    """Two files that would be written to the same URL, or a page on a reserved one.

    ``urls``: each item's URL, in the same order (Pelican works one out on every read).
    """
    problems, owners = [], {}
    # In the order of their files, so every build blames the same one.
    for item, url in sorted(zip(items, urls, strict=True), key=lambda pair: pair[0].source_path):
        if url in owners:
            owner = display_path(owners[url].source_path)
            message = f"has the same URL /{url} as {owner}; rename one of them"
            problems.append(Problem(display_path(item.source_path), 0, 0, "error", message))
        owners.setdefault(url, item)
        if isinstance(item, Page) and item.slug in plugin_settings.RESERVED_PAGE_SLUGS:
            message = f"the site uses /{item.lang}/{item.slug}/ for its own pages; rename the file"
            problems.append(Problem(display_path(item.source_path), 0, 0, "error", message))
    return problems


def missing_translations(items, languages):
    """A warning for each item that lacks a language: which file to add (not
    where the file is there, and could not be read: its errors say why)."""
    problems = []
    for item in items:
        folder = os.path.dirname(item.source_path)
        for version in item.versions:
            missing = f"{item.slug}.{version.language.code}.md"
            if not version.exists and not os.path.exists(os.path.join(folder, missing)):
                message = (
                    f"has no {version.language.name_in(languages['en'])} version yet: "
                    f"add {os.path.join(display_path(folder), missing)}"
                )
                problems.append(Problem(display_path(item.source_path), 0, 0, "warning", message))
    return problems


# What the build adds to an article or page after reading it.
DERIVED = ("translations", "versions")


def update_in_place(old, fresh):
    """Make ``old``, a Pelican article or page, what ``fresh`` (the same file
    read again) is, keeping what the build derived from the other items."""
    state = dict(fresh.__dict__)
    state.update((name, old.__dict__[name]) for name in DERIVED if name in old.__dict__)
    old.__dict__.clear()
    old.__dict__.update(state)
    old.get_content.cache.clear()  # Pelican memoizes both per object and site URL
    old.get_summary.cache.clear()


class NewsListsGenerator(Generator):
    def refresh_source(self, path):
        """Read the edited article or page ``path`` again into the object
        the build made of it (`incremental`); False for a file the build did
        not read, one with errors, or one whose slug, language or status changed.
        """
        relative = os.path.relpath(path, self.path).replace(os.sep, "/")
        old = self.context["generated_content"].get(relative)
        if old is None or not os.path.isfile(path):
            return False
        try:
            fresh = self.readers.read_file(
                base_path=self.path, path=relative, content_class=type(old), context=self.context
            )
        except ContentError:
            return False  # the rebuild reports it
        if (fresh.slug, fresh.lang, fresh.status) != (old.slug, old.lang, old.status):
            return False
        update_in_place(old, fresh)
        return True

    def generate_context(self):
        languages = site_languages(self.settings)
        articles = list(with_translations(self.context.get("articles", [])))
        pages = list(with_translations(self.context.get("pages", [])))
        # Every item and every translation, once: two files with one slug
        # and language are each other's translations too.
        contents = list(dict.fromkeys(articles + pages))
        urls = [item.url for item in contents]  # worked out once: Pelican does it on every read
        report(self.context, url_problems(contents, urls))
        url_of = dict(zip(map(id, contents), urls, strict=True))
        for item in contents:
            item.versions = item_versions(languages, item, lambda other: url_of[id(other)])
        report(self.context, missing_translations(contents, languages))
        self.news = by_language(self.context.get("articles", []), languages)
        self.tags = {code: tags_of(items) for code, items in self.news.items()}
        report(self.context, shared_tag_pages(articles))
        by_slug = {(page.lang, page.slug): page for page in pages}
        menu = plugin_settings.get(self.settings, "NEWS_MENU_PAGES")
        self.context.update(
            news=self.news,
            news_on_home=plugin_settings.get(self.settings, "NEWS_ON_HOME"),
            menu_pages={
                code: [by_slug[code, slug] for slug in menu if (code, slug) in by_slug]
                for code in languages
            },
        )

    def generate_output(self, writer):
        languages = site_languages(self.settings)
        lists = {code: f"{code}/news/" for code in languages}
        for code, items in self.news.items():
            write = partial(self._write_list, writer, lang=code)
            write(lists[code], "news_list", items, versions(languages, code, lists))
            for tag, tagged in self.tags[code].items():
                tag_versions = versions(languages, code, {code: tag.url})
                write(tag.url, "tag", tagged, tag_versions, tag=tag)
            self._write_feed(writer, code, items)

    def _write_list(self, writer, url, template, items, page_versions, **variables):
        """A paginated list of articles at a directory-style ``url``."""
        writer.write_file(
            url + "index.html",
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"articles": items},
            template_name=template,
            url=url,
            page_versions=page_versions,
            **variables,
        )

    def _write_feed(self, writer, code, items):
        # Feeds are read by other programs: absolute links to the public site.
        public = public_url(self.settings, "").rstrip("/")
        context = dict(
            self.context,
            lang=code,
            SITEURL=public,
            FEED_DOMAIN=public,
            SITENAME=i18n.localize(self.settings["SITENAME"], code),
            SITESUBTITLE=i18n.localize(self.settings.get("SITE_TAGLINE", ""), code),
        )
        writer.write_feed(items, context, f"{code}/feed.atom", f"{code}/feed.atom")
