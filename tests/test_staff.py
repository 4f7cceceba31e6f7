"""The staff workflow: `make check`, scaffolding, translation status,
drafts, edit links, and that no content file vanishes from the site."""

import json
import re
import shutil
import subprocess
import sys

from conftest import CONTENT, ROOT, SERIES_YAML, build, parse

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): .+$"
)

PROGRAM = """
title: {en: Leeds exchange, zh: 利兹交换}
summary: {en: A term in Leeds., zh: 在利兹学习一学期。}
partner: {name: University of Leeds, country: GB}
type: exchange
levels: [undergraduate]
"""


def run_tool(*args):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def check(content):
    result = run_tool("tools/check.py", str(content))
    return result.returncode, result.stdout.splitlines()


def test_check_passes_the_sample_site():
    status, lines = check(CONTENT)
    assert status == 0, lines
    assert re.fullmatch(r"0 errors, \d+ warnings? in \d+ files?", lines[-1])


def test_check_reports_every_kind_of_problem_in_one_run_sorted_by_file(tiny_site):
    tiny_site("news/bad-date.en.md", "---\ntitle: A\ndate: 2024-02-30\nsummary: x\n---\n")
    tiny_site("news/fr-news.fr.md", "---\ntitle: A\ndate: 2024-02-03\n---\n")
    tiny_site("news/notes.txt", "stray notes\n")
    tiny_site(
        "news/link.en.md",
        "---\ntitle: L\ndate: 2024-02-04\nsummary: s\nprograms: [leeds-exchang]\n---\n"
        "[gone](/en/news/gone/)\n",
    )
    tiny_site("news/no-summary.en.md", "---\ntitle: N\ndate: 2024-02-05\n---\nText.\n")
    tiny_site("images/a.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    tiny_site(
        "news/no-alt.zh.md",
        "---\ntitle: 图\ndate: 2024-02-06\nsummary: s\nimage: images/a.svg\n---\n",
    )
    tiny_site("programs/leeds-exchange.yaml", PROGRAM + "deadline: 2026-01-01\nstatus: open\n")
    tiny_site("programs/one-language.yaml", PROGRAM.replace(", zh: 在利兹学习一学期。", ""))
    tiny_site("programs/bad.yaml", PROGRAM.replace("type: exchange", "type: exchnage"))
    tiny_site("lectures/bad-series.yaml", SERIES_YAML + "    timezone: Mars/Base\n")
    status, lines = check(tiny_site.content)
    assert status == 1
    *problems, summary = lines
    assert all(LINE.match(line) for line in problems), problems
    paths = [LINE.match(line)["path"] for line in problems]
    assert paths == sorted(paths)
    report = "\n".join(problems)
    expected = [
        "bad-date.en.md:3:1: error: `date` is not a real date",
        'fr-news.fr.md:1:1: error: unknown language "fr"',
        "notes.txt:1:1: error: is not a content file",
        'link.en.md:5:1: error: `programs` names "leeds-exchang", but content/programs/ has no '
        "leeds-exchang.yaml (did you mean `leeds-exchange`?)",
        "no-summary.en.md:1:1: warning: there is no `summary`",
        "no-summary.en.md:1:1: warning: has no Chinese version yet: add",
        "no-alt.zh.md:5:1: warning: `image` has no `image_alt`",
        "leeds-exchange.yaml:6:1: warning: the deadline 2026-01-01 has passed but `status` is "
        "still open",
        "one-language.yaml:2:1: warning: `summary` has no `zh` text",
        'bad.yaml:4:1: error: unknown value "exchnage" for `type`',
        "bad-series.yaml:6:5: error: `talks[1].timezone` is not an IANA time zone name",
    ]
    for fragment in expected:
        assert fragment in report
    errors = sum(": error: " in line for line in problems)
    warnings = len(problems) - errors
    files = len(set(paths))
    assert summary == f"{errors} errors, {warnings} warnings in {files} files"


def test_check_names_the_file_and_line_of_a_broken_link_and_the_page_it_may_mean(tiny_site):
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First\ndate: 2024-03-05\nsummary: s\n---\n"
        "[gone](/en/news/gone/)\n\nSee [the about page](/en/abuot/).\n",
    )
    status, lines = check(tiny_site.content)
    assert status == 1
    errors = [line.split("/content/")[-1] for line in lines if ": error: " in line]
    assert errors == [
        "news/first-news.en.md:6:8: error: broken link /en/news/gone/",
        "news/first-news.en.md:8:22: error: broken link /en/abuot/ (did you mean /en/about/?)",
    ]


def test_check_fails_a_published_page_that_links_to_a_draft(tiny_site):
    """Previews show drafts; the published site leaves them out, so the link would break."""
    draft = "---\ntitle: Later\ndate: 2024-03-06\nsummary: s\nstatus: draft\n---\nSoon.\n"
    tiny_site("news/later.en.md", draft)
    tiny_site("news/later.zh.md", draft.replace("Later", "稍后"))
    linking = (
        "---\ntitle: First\ndate: 2024-03-05\nsummary: s\n{}---\nSee [later](/en/news/later/).\n"
    )
    tiny_site("news/first-news.en.md", linking.format(""))
    status, lines = check(tiny_site.content)
    assert status == 1
    assert [line.split("/content/")[-1] for line in lines if ": error: " in line] == [
        "news/first-news.en.md:6:13: error: links to /en/news/later/, a draft: the published "
        "site leaves drafts out, so the link would lead nowhere there (publish it, or make "
        "this page a draft too)"
    ]
    # The news list links the draft too, in previews: not an error. Nor is a draft's link.
    tiny_site("news/first-news.en.md", linking.format("status: draft  # until June\n"))
    status, lines = check(tiny_site.content)
    assert status == 0, lines


def test_new_files_fail_check_until_their_placeholders_are_filled(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for kind, name in (("news", "open-day"), ("program", "leeds-exchange"), ("talk", "new-series")):
        result = run_tool("-c", _NEW, kind, name, str(content))
        assert result.returncode == 0, result.stderr
    status, lines = check(content)
    assert status == 1
    report = "\n".join(lines)
    for fragment in (
        "open-day.en.md:5:1: error: `title` is empty",
        "open-day.zh.md:4:1: error: `title` is empty",
        "leeds-exchange.yaml:4:1: error: `title` has no text for `en`",
        "leeds-exchange.yaml:13:5: error: `partner[1].country` is empty",
        "new-series.yaml:3:1: error: `title` has no text for `en`",
        "new-series.yaml:9:7: error: `talks[1].speaker.name` is empty",
    ):
        assert fragment in report
    fill(content / "news" / "open-day.en.md", {"title:": "title: Open day"})
    fill(content / "news" / "open-day.zh.md", {"title:": "title: 开放日"})
    fill(
        content / "programs" / "leeds-exchange.yaml",
        {
            "{en: , zh: }": "{en: Leeds, zh: 利兹}",
            "country:": "country: GB",
            "type:": "type: exchange",
            "levels: []": "levels: [master]",
        },
    )
    fill(
        content / "lectures" / "new-series.yaml",
        {"{en: , zh: }": "{en: Talks, zh: 讲座}", "name:": "name: Ann Lee"},
    )
    # The example texts are not published either.
    status, lines = check(content)
    assert status == 1
    example = "error: is still the example text `make new-*` wrote"
    errors = [line.split("/content/")[-1] for line in lines if ": error: " in line]
    assert errors == [
        f"news/open-day.en.md:18:1: {example}: write your own, or remove it",
        f"news/open-day.zh.md:17:1: {example}: write your own, or remove it",
        f"programs/leeds-exchange.yaml:8:5: {example}: write your own, or remove it",
        f"programs/leeds-exchange.yaml:10:5: {example}: write your own, or remove it",
    ]
    for path in (content / "news").glob("open-day.*.md"):
        path.write_text(path.read_text(encoding="utf-8").rsplit("\n\n", 1)[0] + "\n\nText.\n")
    leeds = content / "programs" / "leeds-exchange.yaml"
    leeds.write_text(
        leeds.read_text(encoding="utf-8")
        .replace("What students do, who can apply, what it costs.", "A term in Leeds.")
        .replace("项目内容、申请条件与费用。", "在利兹学习一学期。"),
        encoding="utf-8",
    )
    status, lines = check(content)
    assert status == 0, lines


_NEW = """
import sys
from pathlib import Path
sys.path.insert(0, ".")
from tools.new import new
kind, name, content = sys.argv[1:]
new(kind, name, Path(content))
"""


def fill(path, replacements):
    """Fill a template's placeholders: each first ``placeholder:`` with its value."""
    text = path.read_text(encoding="utf-8")
    for placeholder, value in replacements.items():
        text = re.sub(rf"{re.escape(placeholder)}(?=\s|$)", value, text)
    path.write_text(text, encoding="utf-8")


def test_new_file_refuses_to_overwrite_and_explains_names():
    result = run_tool("tools/new.py", "news", "Open Day")
    assert result.returncode == 1
    assert "lowercase letters, digits and hyphens" in result.stderr
    result = run_tool("tools/new.py", "program", "bjut-toronto-summer")
    assert result.returncode == 1
    assert "exists already; nothing was changed" in result.stderr


def test_translation_status_lists_what_lacks_a_language(tiny_site, tmp_path):
    tiny_site("news/english-only.en.md", "---\ntitle: E\ndate: 2024-02-05\nsummary: s\n---\n")
    tiny_site(
        "programs/half.yaml",
        PROGRAM.replace("{en: A term in Leeds., zh: 在利兹学习一学期。}", "{en: A term.}"),
    )
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    po = theme / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "编辑本页"', 'msgstr ""'), encoding="utf-8"
    )
    assert build(tiny_site.content, tiny_site.output, THEME=str(theme)).returncode == 0
    page = parse(tiny_site.output / "translations" / "index.html").get_text(" ", strip=True)
    assert "english-only.en.md : missing zh" in page
    assert "half.yaml summary : missing zh" in page
    assert "Edit this page" in page
    assert not parse(tiny_site.output / "en" / "index.html").find("a", href="/translations/")
    printed = run_tool("tools/translations.py", str(tiny_site.content)).stdout
    assert "english-only.en.md: missing zh" in printed
    assert "half.yaml `summary`: missing zh" in printed


DRAFT_NEWS = "---\ntitle: {}\ndate: 2024-05-01\nsummary: s\nstatus: draft\n---\nx\n"
DRAFTS = {
    "news/draft-news.en.md": DRAFT_NEWS.format("Draft news"),
    "news/draft-news.zh.md": DRAFT_NEWS.format("草稿新闻"),
    "programs/draft-program.yaml": PROGRAM + "status: draft\n",
    "lectures/series.yaml": SERIES_YAML + "    status: draft\n",
}


def test_drafts_show_with_a_banner_in_previews_and_not_in_the_published_site(tiny_site, tmp_path):
    for path, text in DRAFTS.items():
        tiny_site(path, text)
    preview, published = tmp_path / "preview", tmp_path / "published"
    assert build(tiny_site.content, preview, SHOW_DRAFTS=True).returncode == 0
    assert build(tiny_site.content, published, SHOW_DRAFTS=False).returncode == 0
    for page in (
        "en/news/draft-news",
        "en/programs/draft-program",
        "en/lectures/series/2026-12-03",
    ):
        banner = parse(preview / page / "index.html").select_one(".draft-banner")
        assert banner is not None, page
        assert not (published / page).exists(), page
    for listing in ("en/news/index.html", "en/programs/index.html", "en/lectures/index.html"):
        assert "draft" not in (published / listing).read_text(encoding="utf-8").lower()
    assert "Draft news" not in (published / "en" / "feed.atom").read_text(encoding="utf-8")
    entry = json.loads((published / "pagefind" / "pagefind-entry.json").read_text())
    preview_entry = json.loads((preview / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] < preview_entry["languages"]["en"]["page_count"]


def test_edit_links_follow_the_setting(tiny_site, tmp_path):
    tiny_site("programs/leeds-exchange.yaml", PROGRAM)
    with_link, without = tmp_path / "with", tmp_path / "without"
    editor = "https://github.com/example/site/edit/main/"
    assert build(tiny_site.content, with_link, REPO_EDIT_URL=editor).returncode == 0
    assert build(tiny_site.content, without, REPO_EDIT_URL="").returncode == 0
    for page, source in (
        ("en/news/first-news", "content/news/first-news.en.md"),
        ("zh/programs/leeds-exchange", "content/programs/leeds-exchange.yaml"),
    ):
        link = parse(with_link / page / "index.html").select_one(".edit-link a")
        assert link["href"] == editor + source
        assert not parse(without / page / "index.html").select(".edit-link")


def test_every_content_file_yields_its_pages(tiny_site):
    """Nothing lost: one file of every kind, and each shows up where it should."""
    tiny_site("programs/leeds-exchange.yaml", PROGRAM)
    tiny_site("lectures/test-series.yaml", SERIES_YAML)
    tiny_site("images/photo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    tiny_site(
        "news/with-photo.en.md",
        "---\ntitle: Photo\ndate: 2024-06-01\nimage: images/photo.svg\nimage_alt: A photo\n---\n",
    )
    tiny_site("news/with-photo.zh.md", "---\ntitle: 照片\ndate: 2024-06-01\n---\n")
    tiny_site(
        "data/figures.yaml",
        "figures:\n  - year: 2016\n    institution: BJUT\n    students_abroad: 872\n",
    )
    result = build(tiny_site.content, tiny_site.output)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tiny_site.output
    expected = [
        "en/news/first-news/index.html",
        "zh/news/first-news/index.html",
        "en/news/with-photo/index.html",
        "zh/news/with-photo/index.html",
        "en/about/index.html",
        "zh/about/index.html",
        "en/programs/leeds-exchange/index.html",
        "zh/programs/leeds-exchange/index.html",
        "en/lectures/test-series/index.html",
        "zh/lectures/test-series/2026-12-03/index.html",
        "images/photo.svg",
        "lectures/test-series/2026-12-03.ics",
    ]
    for path in expected:
        assert (out / path).is_file(), path
    assert "872" in (out / "en" / "facts" / "index.html").read_text(encoding="utf-8")


def test_a_file_nothing_reads_is_an_error_not_a_silent_loss(tiny_site):
    tiny_site("data/figures.yml", "figures: []\n")
    tiny_site("program/leeds.yaml", PROGRAM)
    status, lines = check(tiny_site.content)
    assert status == 1
    report = "\n".join(lines)
    assert "data/figures.yml:1:1: error: is read by nothing, so it is not on the site" in report
    assert "program/leeds.yaml:1:1: error: is read by nothing" in report


def test_an_image_in_the_text_without_a_description_is_a_warning(tiny_site):
    tiny_site("images/a.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    tiny_site(
        "news/first-news.en.md",
        "---\ntitle: First\ndate: 2024-03-05\nsummary: s\n---\n![](/images/a.svg)\n",
    )
    status, lines = check(tiny_site.content)
    assert status == 0
    assert any(
        'first-news.en.md:1:1: warning: the image "/images/a.svg" in the text has no description'
        in line
        for line in lines
    )


def test_program_and_series_file_names_are_checked(tiny_site):
    tiny_site("programs/Leeds Exchange.yaml", PROGRAM)
    tiny_site("programs/leeds.yml", PROGRAM)
    tiny_site("lectures/Talks.yaml", SERIES_YAML)
    status, lines = check(tiny_site.content)
    report = "\n".join(lines)
    assert status == 1
    assert (
        "Leeds Exchange.yaml:1:1: error: the file name is the id used in URLs: lowercase letters, digits and hyphens"
        in report
    )
    assert "leeds.yml:1:1: error: the file name must end in .yaml" in report
    assert "Talks.yaml:1:1: error: the file name is the id used in URLs" in report
