"""A rebuild that reuses Pelican's content cache writes exactly the site a
build from scratch writes, after edits, additions and deletions."""

import filecmp
import shutil

from conftest import CONTENT, build


def differences(left, right):
    """Files that differ, or exist on one side only, between two folders."""
    comparison = filecmp.dircmp(left, right)
    found = []

    def walk(node, prefix):
        found.extend(prefix + name for name in node.left_only + node.right_only)
        _match, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    return found


def test_cached_rebuild_after_changes_equals_a_build_from_scratch(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    assert build(content, tmp_path / "first", **cache).returncode == 0

    news = content / "news"
    edited = news / "bit-postgraduate-exchanges-record-2019.en.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAn edited sentence.\n", encoding="utf-8"
    )
    for lang, title in (("en", "A new article"), ("zh", "一篇新文章")):
        (news / f"brand-new.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-20\nsummary: s\nprograms: [bjut-toronto-summer]\n---\nText.\n",
            encoding="utf-8",
        )
    for lang in ("en", "zh"):
        (news / f"bjtu-partnerships-overview-2013.{lang}.md").unlink()
    program = content / "programs" / "bjut-toronto-summer.yaml"
    program.write_text(
        program.read_text(encoding="utf-8").replace("deadline: 2027-03-15", "deadline: 2027-04-01"),
        encoding="utf-8",
    )

    assert build(content, tmp_path / "rebuilt", **cache).returncode == 0
    assert build(content, tmp_path / "scratch").returncode == 0
    assert differences(tmp_path / "rebuilt", tmp_path / "scratch") == []
    assert not (tmp_path / "rebuilt" / "en" / "news" / "bjtu-partnerships-overview-2013").exists()
    assert (tmp_path / "rebuilt" / "zh" / "news" / "brand-new" / "index.html").exists()
    assert "An edited sentence." in (
        tmp_path
        / "rebuilt"
        / "en"
        / "news"
        / "bit-postgraduate-exchanges-record-2019"
        / "index.html"
    ).read_text(encoding="utf-8")
