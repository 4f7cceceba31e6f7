"""Writing the site on both cores, edited pages first, without stale pages:
the `writing` and `incremental` plugins."""

import shutil
from types import SimpleNamespace

import jinja2
import pytest
from conftest import CONTENT, build, differences

from writing import facts, owner, rank, remove_stale, shows
from writing.workers import SharedWriter, WorkerFailedError, Workers


def item(path):
    return SimpleNamespace(source_path=path)


def test_every_output_file_has_one_writer_and_both_have_work():
    names = [f"en/news/article-{number}/index.html" for number in range(200)]
    owners = [owner(name, 2) for name in names]
    assert set(owners) == {0, 1}
    assert min(owners.count(0), owners.count(1)) > 60, "the split is roughly even"
    assert owners == [owner(name, 2) for name in names], "and the same on every build"


def test_edited_pages_come_first_then_lists_then_the_rest():
    edited = {"/c/news/a.en.md"}
    assert rank({"article": item("/c/news/a.en.md")}, edited) == 0
    assert rank({"paginated": {"articles": [item("/c/news/a.en.md")]}}, edited) == 1
    assert rank({"article": item("/c/news/b.en.md")}, edited) == 2


def test_a_page_shows_an_item_held_in_its_variables_lists_and_maps():
    edited = {"/c/programs/p.yaml"}
    assert shows({"program": item("/c/programs/p.yaml")}, edited)
    assert shows({"shown": [item("/c/programs/q.yaml"), item("/c/programs/p.yaml")]}, edited)
    assert shows({"paginated": {"articles": [item("/c/programs/p.yaml")]}}, edited)
    assert not shows({"shown": [item("/c/programs/q.yaml")], "lang": "en"}, edited)


def test_files_the_previous_build_wrote_and_this_one_did_not_are_removed(tmp_path):
    for name in ("en/news/gone/index.html", "en/news/index.html", "google1234.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    previous = {"en/news/gone/index.html", "en/news/index.html"}
    current = {"en/news/index.html"}

    assert remove_stale(str(tmp_path), previous, current) == ["en/news/gone/index.html"]
    assert not (tmp_path / "en" / "news" / "gone").exists(), "with the folder it emptied"
    assert (tmp_path / "en" / "news" / "index.html").exists()
    assert (tmp_path / "google1234.html").exists(), "a file no build wrote is left alone"


def test_a_cached_rebuild_into_the_same_folder_removes_deleted_content_only(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(CONTENT, content)
    # Two writing processes, whatever the machine: each writes part of what is removed.
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache"), "WRITING_WORKERS": 2}
    assert build(content, output, **settings).returncode == 0
    (output / "google1234.html").write_text("site verification")
    talks = sorted((output / "lectures" / "international-alumni").glob("*.ics"))
    assert len(talks) > 1
    (content / "lectures" / "international-alumni.yaml").unlink()
    for slug in ("bjtu-partnerships-overview-2013", "bjut-international-education-week-2020"):
        for path in (content / "news").glob(f"{slug}.*.md"):  # the second names the series
            path.unlink()

    assert build(content, output, **settings).returncode == 0
    for gone in (
        "en/news/bjtu-partnerships-overview-2013",
        "zh/news/bjtu-partnerships-overview-2013",
        "en/lectures/international-alumni",
        "lectures/international-alumni.ics",
        "lectures/international-alumni",  # the talks' calendars, and their folder
    ):
        assert not (output / gone).exists(), gone
    assert (output / "google1234.html").exists(), "no build wrote it"
    assert (output / "sitemap.xml").exists()
    assert build(content, tmp_path / "scratch", WRITING_WORKERS=1).returncode == 0
    assert differences(output, tmp_path / "scratch") == ["google1234.html"]


def test_two_writing_processes_write_the_site_one_process_writes(tiny_site, tmp_path):
    assert build(tiny_site.content, tmp_path / "one", WRITING_WORKERS=1).returncode == 0
    assert build(tiny_site.content, tmp_path / "two", WRITING_WORKERS=2).returncode == 0
    assert differences(tmp_path / "one", tmp_path / "two") == []
    assert len(list((tmp_path / "two").rglob("*.html"))) > 20


class _Pages:
    """A generator of four pages; the worker fails on its first."""

    def generate_output(self, writer):
        for name in ("a.html", "b.html", "c.html", "d.html"):
            if writer.owns(name):
                if writer.index == 1:
                    raise RuntimeError("a template error")
                writer.by_hand.add(f"{writer.output_path}/{name}")


def test_a_writing_process_that_fails_fails_the_build_and_reports_what_others_wrote(tmp_path):
    writer = SharedWriter(str(tmp_path), settings={"OUTPUT_PATH": str(tmp_path)})
    writer.workers = 2
    workers = Workers()
    workers.start(writer, [_Pages()], lambda _writer: None)
    _Pages().generate_output(writer)  # the main process's share
    with pytest.raises(WorkerFailedError, match="1 writing process"):
        workers.wait()
    assert workers.running == []
    assert writer.written() == {
        name for name in ("a.html", "b.html", "c.html", "d.html") if writer.owns(name)
    }


def test_steps_after_writing_take_what_the_writers_found_and_read_pages_changed_since(
    tmp_path, monkeypatch
):
    found_in = []

    def find_title(html):
        found_in.append(html)
        return html.removeprefix("<title>").removesuffix("</title>")

    monkeypatch.setattr(facts, "_finders", {})
    facts.find_when_written(find_title)
    output = str(tmp_path)
    for name in ("a", "b"):
        path = tmp_path / name / "index.html"
        path.parent.mkdir()
        with facts.noting(open(path, "w", encoding="utf-8"), output, str(path)) as page:
            page.write(f"<title>{name}</title>")
    (tmp_path / "b" / "index.html").write_text("<title>b, edited</title>", encoding="utf-8")
    try:
        found = facts.PageFacts({}, output, "titles").read(find_title)
    finally:
        facts.forget_pages(output)
    assert found == {"a/index.html": "a", "b/index.html": "b, edited"}
    assert found_in == ["<title>a</title>", "<title>b</title>", "<title>b, edited</title>"], (
        "each page found once as written; the one changed since, read again"
    )


class _TitledPages:
    """A generator of eight pages, each titled with its file name."""

    def generate_output(self, writer):
        template = jinja2.Template("<title>{{ output_file }}</title>")
        for number in range(8):
            writer.write_file(f"p{number}/index.html", template, {})


def test_what_both_writing_processes_found_reaches_the_steps_after_writing(tmp_path, monkeypatch):
    found_in = []

    def find_title(html):
        found_in.append(html)
        return html

    monkeypatch.setattr(facts, "_finders", {})
    facts.find_when_written(find_title)
    output = str(tmp_path)
    writer = SharedWriter(output, settings={"OUTPUT_PATH": output})
    writer.workers = 2
    workers = Workers()
    workers.start(writer, [_TitledPages()], lambda _writer: None)
    _TitledPages().generate_output(writer)  # the main process's share
    workers.wait()
    found_in.clear()  # what this process found as it wrote
    try:
        found = facts.PageFacts({}, output, "titles").read(find_title)
    finally:
        facts.forget_pages(output)
    assert found == {f"p{n}/index.html": f"<title>p{n}/index.html</title>" for n in range(8)}
    assert found_in == [], "no page read again: each found as written, in either process"
