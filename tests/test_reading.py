"""Reading the news in several processes: the `reading` plugin."""

from conftest import build, differences, failed_build
from reading import split

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
    lines = (result.stdout + result.stderr).splitlines()
    return sorted(
        line[line.index("news/item-") :].split("  ")[0]  # less the console's time and source
        for line in lines
        if "there is no `summary`" in line and "news/item-" in line
    )


def test_news_read_in_two_processes_build_the_site_one_process_builds_and_log_alike(
    tiny_site, tmp_path
):
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
