"""Settings for the development build (`make html`, `make serve`).

Staff normally change only the "Site" block. Everything under "Build" wires
Pelican to this project's content layout and plugins; the plugins' own
settings are namespaced (BILINGUAL_*, NEWS_*, PROGRAMS_*, LECTURES_*) and documented
with their defaults in each plugin's `settings.py`.
"""

import os
import sys

from markdown.extensions.toc import slugify_unicode

# Plugins import each other's modules by package name (`from validation
# import ...`), whichever Pelican happens to load first.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

# --- Site -----------------------------------------------------------------
# A "text" is either one string (the same in both languages) or a map
# {en: ..., zh: ...}, as in the content files.
SITENAME = {
    "en": "Beijing International Education Gateway",
    "zh": "北京高校国际教育门户",
}
SITE_TAGLINE = {
    "en": "Partner programs, visiting scholars and news from Beijing's universities",
    "zh": "北京高校的合作项目、海外学者讲座与国际交流新闻",
}
CONTACT = {
    "office": {"en": "International Office", "zh": "国际合作交流处"},
    "address": {
        "en": "100 Pingleyuan, Chaoyang District, Beijing, China",
        "zh": "中国北京市朝阳区平乐园100号",
    },
    "email": "intl@example.edu.cn",
    "phone": "+86 10 0000 0000",
    "tel": "+861000000000",  # the phone number as dialled, for tel: links
}
# The public address of the site: share links and the WeChat QR code point
# here even in a local build. `publishconf.py` also uses it as SITEURL.
PUBLIC_SITEURL = os.environ.get("PUBLIC_SITEURL", "https://intl.example.edu.cn")
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "en"
# Items with `status: draft` are built with a "draft" banner here (make html,
# make serve); publishconf.py leaves them out.
SHOW_DRAFTS = True
# "Edit this page" links: the web editor's URL of the repository's files,
# ending in "/" (such as https://github.com/ORG/REPO/edit/main/); empty: none.
REPO_EDIT_URL = os.environ.get("REPO_EDIT_URL", "")
DEFAULT_PAGINATION = 10  # news per list page

# --- Build ----------------------------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Pelican runs signal receivers in no fixed order: work on the written site
# is ordered by the `writing` plugin (links, then search, then publish).
PLUGINS = [
    "writing",
    "reading",
    "incremental",
    "validation",
    "bilingual",
    "sharing",
    "news",
    "programs",
    "lectures",
    "search",
    "staff",
    "publish",
]
SITEURL = ""
RELATIVE_URLS = False

ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Pelican matches these against whole paths when `make serve` watches files
# and against base names when it reads them: both patterns keep hidden files
# (editors' locks such as Emacs's .#name.en.md) out of the site.
IGNORE_FILES = ["**/.*", ".*"]
# Where the content cache is on (`make html`, `make serve`), Pelican writes
# it again after every build: compressing it took two thirds of that time
# (0.2 s of a warm build of 5,000 articles); uncompressed, it is twice as
# large (10 MB for 5,000 articles).
GZIP_CACHE = False
USE_FOLDER_AS_CATEGORY = False

# Directory-style, language-prefixed URLs (a contract: see README).
ARTICLE_URL = ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"
PAGE_URL = PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
TAG_URL = "{lang}/tags/{slug}/"
# Drafts are never written at URLs of their own.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# Pelican's own lists and feeds hold one language only; the `news` plugin
# writes per-language homes, lists, tag pages and feeds instead.
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {"news_list": None, "tag": None}
CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = TAG_SAVE_AS = ""
ARCHIVES_SAVE_AS = TAGS_SAVE_AS = CATEGORIES_SAVE_AS = AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Heading ids from the heading's own words, Chinese included.
        "markdown.extensions.toc": {"slugify": slugify_unicode},
    },
    "output_format": "html5",
}
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,  # values from YAML are text, never HTML
    # Each build makes a new environment: no need to stat every template
    # again at every include (thousands of times on a large site).
    "auto_reload": False,
}
