"""Benchmark the edit loop: `make serve` running, a staff member saves a file.

On the synthetic corpus (bench/corpus.py), runs Pelican as `make serve`
does (autoreload, content cache, search index in the background), waits
for its first build, then several times: retitles the newest news article
and times, from the save, its page and the news list showing the new
title; then retitles a program and times its page and the catalog. Each
edit waits for the rebuild to finish before the next. Prints medians and
appends them to bench/RESULTS.md.

    python bench/edit_loop.py [--size large] [--runs 3]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from build import BUILD_TIME, SIZES, median_of_runs, split_front_matter
from corpus import generate

from tools.autoreload import BUILT, INDEXED, Autoreload
from tools.local_server import free_port

POLL = 0.02  # seconds between looks at the output files
TIMEOUT = 600  # seconds a rebuild may take before the benchmark gives up


def serve(content, output, cache):
    """Pelican as `make serve` runs it (see the Makefile)."""
    return Autoreload(
        content,
        output,
        cache,
        "--listen",
        "--bind",
        "127.0.0.1",
        "--port",
        str(free_port()),
        BUILD_TIME=BUILD_TIME,
        SEARCH_INDEX="background",
    )


def wait_until_shown(files, text, saved):
    """Seconds from ``saved`` until each file contains ``text``."""
    seconds = {}
    deadline = saved + TIMEOUT
    while len(seconds) < len(files) and time.perf_counter() < deadline:
        for name, path in files.items():
            if name not in seconds and text in _read(path):
                seconds[name] = time.perf_counter() - saved
        time.sleep(POLL)
    if len(seconds) < len(files):
        raise RuntimeError(f"{sorted(set(files) - set(seconds))} never showed {text!r}")
    return seconds


def _read(path):
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # not written yet, or being written
        return ""


def newest_news(content):
    """The slug and file of the newest English news article."""
    dated = []
    for path in (content / "news").glob("*.en.md"):
        meta, _body = split_front_matter(path)
        dated.append((meta["date"], path.name.split(".")[0], path))
    _date, slug, path = max(dated)
    return slug, path


def retitle_news(path, marker):
    meta, body = split_front_matter(path)
    meta["title"] = f"{meta['title']} {marker}"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def retitle_program(path, marker):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"]["en"] = f"{data['title']['en']} {marker}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(size, runs, scratch):
    content, output = scratch / "content", scratch / "output"
    generate(content, *SIZES[size])
    slug, news_file = newest_news(content)
    program_file = sorted((content / "programs").glob("*.yaml"))[0]
    program_id = program_file.stem
    watched = {
        "news": (
            news_file,
            retitle_news,
            {
                "page": output / "en" / "news" / slug / "index.html",
                "list": output / "en" / "news" / "index.html",
            },
        ),
        "program": (
            program_file,
            retitle_program,
            {
                "page": output / "en" / "programs" / program_id / "index.html",
                "list": output / "en" / "programs" / "index.html",
            },
        ),
    }
    server = serve(content, output, scratch / "cache")
    results = {kind: [] for kind in watched}
    try:
        server.wait_for(INDEXED, 1, TIMEOUT)
        for run in range(runs):
            for kind, (path, retitle, files) in watched.items():
                time.sleep(1.5)  # the edit's file time must follow the previous build's
                built, indexed = len(server.times(BUILT)), len(server.times(INDEXED))
                marker = f"Edited{kind.title()}{run}"
                retitle(path, marker)
                saved = time.perf_counter()
                shown = wait_until_shown(files, marker, saved)
                shown["build"] = server.wait_for(BUILT, built + 1, TIMEOUT) - saved
                shown["search"] = server.wait_for(INDEXED, indexed + 1, TIMEOUT) - saved
                results[kind].append(shown)
    finally:
        server.stop()
    return {kind: median_of_runs(measured) for kind, measured in results.items()}


def report(size, runs, results):
    news, programs, talks = SIZES[size]
    lines = [
        "",
        f"Edit loop with `make serve` running: {size} ({news} news pairs, {programs} programs, "
        f"{talks} talks), seconds from saving the file, medians of {runs} edits.",
        "",
        "| edit | its page on disk | its list on disk | rebuild finished | search index updated |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, label in (("news", "news article retitled"), ("program", "program retitled")):
        measured = results[kind]
        lines.append(
            f"| {label} | {measured['page']:.1f} | {measured['list']:.1f} | "
            f"{measured['build']:.1f} | {measured['search']:.1f} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-edit-") as scratch:
        results = measure(args.size, args.runs, Path(scratch))
    table = report(args.size, args.runs, results)
    print(table)
    with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as out:
        out.write(table + "\n")


if __name__ == "__main__":
    main()
