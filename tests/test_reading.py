"""Reading the news in several processes: the `reading` plugin."""

import logging
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import reading
from conftest import BUILD_TIME, ROOT, build, differences, failed_build
from reading import split

from tools.pelican_command import pelican_command

# Every process reads, however few the articles (the build's default waits for 200).
SHARED = {"READING_WORKERS": 2, "READING_MIN_FILES": 1}


def test_shares_cover_every_file_once_in_order_and_pelicans_own_is_the_smallest():
    paths = [f"news/article-{number}.en.md" for number in range(1000)]
    shares = split(paths, 3)
    assert [path for share in shares for path in share] == paths
    assert len(shares[0]) < min(len(shares[1]), len(shares[2]))
    assert split(paths[:1], 2) == [[], paths[:1]]


def _add_news(site, count):
    """``count`` news pairs without a summary: each file logs a warning."""
    for number in range(count):
        for lang in ("en", "zh"):
            site(
                f"news/item-{number}.{lang}.md",
                f"---\ntitle: Item {number} {lang}\ndate: 2024-03-{number + 1:02d}\n---\n"
                f"Text of item {number}, with *Markdown*.\n",
            )


def _warnings(result):
    """The warnings of the files without a summary, in the log's order."""
    lines = (result.stdout + result.stderr).splitlines()
    return [
        line[line.index("news/item-") :].split("  ")[0]  # less the console's time and source
        for line in lines
        if "there is no `summary`" in line and "news/item-" in line
    ]


def test_news_read_in_two_processes_build_the_site_one_process_builds_and_log_alike(
    tiny_site, tmp_path, monkeypatch
):
    # Pelican lists the files in a set: the same order in both builds.
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    _add_news(tiny_site, 6)
    one = build(tiny_site.content, tmp_path / "one", READING_WORKERS=1)
    two = build(tiny_site.content, tmp_path / "two", **SHARED)
    assert one.returncode == 0, one.stdout + one.stderr
    assert two.returncode == 0, two.stdout + two.stderr
    assert "Reading 14 articles in 2 processes" in two.stdout + two.stderr
    assert "Reading" not in one.stdout + one.stderr
    assert differences(tmp_path / "one", tmp_path / "two") == []
    # Each file's warning once, those the other process read included.
    assert len(_warnings(two)) == 12
    assert _warnings(two) == _warnings(one)


def test_a_debug_build_logs_what_both_processes_read_and_fails_no_file(tiny_site, tmp_path):
    # Both processes' Markdown logs the same debug lines: Pelican drops repeats.
    _add_news(tiny_site, 3)
    command = pelican_command(
        tiny_site.content,
        tmp_path / "output",
        "pelicanconf.py",
        "-D",
        BUILD_TIME=BUILD_TIME,
        **SHARED,
    )
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Reading 8 articles in 2 processes" in result.stdout + result.stderr


def test_bad_articles_another_process_read_are_reported_once_each_and_stop_the_build(
    tiny_site, tmp_path
):
    _add_news(tiny_site, 2)
    for number in range(4):  # Pelican's own share is two fifths: the other reads some
        tiny_site(f"news/broken-{number}.en.md", "---\ntitle: Broken\ndate: 2024-02-30\n---\n")
    log = failed_build(tiny_site.content, tmp_path / "output", **SHARED)
    assert "Reading 10 articles in 2 processes" in log
    for number in range(4):
        assert log.count(f"broken-{number}.en.md:3:1: error: `date` is not a real date") == 1, log


PELICANS = os.getpid()


class _Reader:
    """Reads a file as its text and the process that read it, and logs it;
    a reading process dies at ``stop.md``."""

    def read(self, path):
        name = os.path.basename(path)
        if name == "stop.md" and os.getpid() != PELICANS:
            os._exit(1)
        logging.getLogger("tests.reader").warning("read %s", name)
        return Path(path).read_text(encoding="utf-8"), {"read_by": os.getpid()}


def _share(tmp_path, names):
    """Files named ``names``, and a reading process forked to read them all."""
    paths = []
    for name in names:
        (tmp_path / name).write_text(f"text of {name}", encoding="utf-8")
        paths.append(str(tmp_path / name))
    readers = SimpleNamespace(readers={"md": _Reader()}, settings={})
    reading._running.append(reading._fork(readers, paths))
    return paths, readers.readers["md"].read


def _read_all(paths, read):
    try:
        return [reading.read_shared(read, path) for path in paths]
    finally:
        reading.stop()


def test_pelican_takes_what_another_process_read_and_logs_what_it_logged(tmp_path, caplog):
    paths, read = _share(tmp_path, ["a.md", "b.md"])
    results = _read_all(paths, read)
    assert [text for text, _ in results] == ["text of a.md", "text of b.md"]
    assert {meta["read_by"] for _, meta in results} != {PELICANS}
    logged = [record.getMessage() for record in caplog.records if record.name == "tests.reader"]
    assert logged == ["read a.md", "read b.md"]


def test_pelican_reads_itself_what_a_reading_process_never_sent(tmp_path):
    paths, read = _share(tmp_path, ["a.md", "stop.md", "c.md"])
    results = _read_all(paths, read)
    assert [text for text, _ in results] == ["text of a.md", "text of stop.md", "text of c.md"]
    assert {meta["read_by"] for _, meta in results} == {PELICANS}


def test_a_file_saved_again_after_another_process_read_it_is_read_again(tmp_path):
    paths, read = _share(tmp_path, ["a.md"])
    reading._running[0].taking.join(timeout=30)  # all it read is sent
    Path(paths[0]).write_text("text of a.md, saved again", encoding="utf-8")
    ((text, meta),) = _read_all(paths, read)
    assert text == "text of a.md, saved again"
    assert meta["read_by"] == PELICANS
