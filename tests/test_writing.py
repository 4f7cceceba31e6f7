"""Writing the site on both cores, edited pages first, without stale pages:
the `writing` and `incremental` plugins."""

import os
import time
from types import SimpleNamespace

from conftest import build
from test_rebuilds import differences

from incremental import shows
from writing import owner, rank, remove_stale


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


def test_generated_files_not_written_again_are_removed_with_their_folders(tmp_path):
    old = tmp_path / "en" / "news" / "gone" / "index.html"
    image = tmp_path / "images" / "old.jpg"
    for path in (old, image):
        path.parent.mkdir(parents=True)
        path.write_text("x")
    past = time.time() - 60
    os.utime(old, (past, past))
    os.utime(image, (past, past))
    since = time.time_ns() - 1_000_000_000
    fresh = tmp_path / "en" / "news" / "index.html"
    fresh.write_text("x")

    assert remove_stale(str(tmp_path), since) == [str(old)]
    assert not (tmp_path / "en" / "news" / "gone").exists()
    assert fresh.exists()
    assert image.exists(), "static files are not the generators' to delete"


def test_two_writing_processes_write_the_site_one_process_writes(tiny_site, tmp_path):
    assert build(tiny_site.content, tmp_path / "one", WRITING_WORKERS=1).returncode == 0
    assert build(tiny_site.content, tmp_path / "two", WRITING_WORKERS=2).returncode == 0
    assert differences(tmp_path / "one", tmp_path / "two") == []
    assert len(list((tmp_path / "two").rglob("*.html"))) > 20
