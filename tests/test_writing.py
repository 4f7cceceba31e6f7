"""Writing the site on both cores, edited pages first, without stale pages:
the `writing` and `incremental` plugins."""

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


def test_a_cached_rebuild_into_the_same_folder_removes_deleted_content_only(tiny_site, tmp_path):
    for lang, title in (("en", "Gone soon"), ("zh", "即将删除")):
        tiny_site(
            f"news/gone-soon.{lang}.md", f"---\ntitle: {title}\ndate: 2020-01-01\n---\nText.\n"
        )
    cache = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache")}
    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    (tiny_site.output / "google1234.html").write_text("site verification")
    gone = "gone-soon"
    assert (tiny_site.output / "en" / "news" / gone / "index.html").exists()
    for path in (tiny_site.content / "news").glob(f"{gone}.*.md"):
        path.unlink()

    assert build(tiny_site.content, tiny_site.output, **cache).returncode == 0
    assert not (tiny_site.output / "en" / "news" / gone).exists()
    assert not (tiny_site.output / "zh" / "news" / gone).exists()
    assert (tiny_site.output / "google1234.html").exists()
    assert (tiny_site.output / "sitemap.xml").exists()
    assert build(tiny_site.content, tmp_path / "scratch").returncode == 0
    assert differences(tiny_site.output, tmp_path / "scratch") == ["google1234.html"]


def test_two_writing_processes_write_the_site_one_process_writes(tiny_site, tmp_path):
    assert build(tiny_site.content, tmp_path / "one", WRITING_WORKERS=1).returncode == 0
    assert build(tiny_site.content, tmp_path / "two", WRITING_WORKERS=2).returncode == 0
    assert differences(tmp_path / "one", tmp_path / "two") == []
    assert len(list((tmp_path / "two").rglob("*.html"))) > 20
