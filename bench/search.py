"""Benchmark the search: build time by phase, index size, and a cold first
query in headless Chromium over 127.0.0.1, on a large synthetic site.

    python bench/search.py [--news 2500] [--programs 300] [--talks 300]

Ratios are against the same run's own build, so a busy machine shifts both.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "bench")]

from build import BUILD_TIME, pages
from corpus import generate
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright
from serve import serving

import search
from tools import chromium
from tools.pelican_command import pelican_command

# The project's plugins, and the benchmark's own that marks the phases.
PLUGINS = [*read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"], "phases"]


def build(content, output):
    """A full build without the index, timed by phase (seconds)."""
    settings = {
        "PLUGINS": PLUGINS,
        "PLUGIN_PATHS": ["plugins", "bench"],
        "BUILD_TIME": BUILD_TIME,
        "SEARCH_INDEX": False,  # timed on its own below
    }
    started = time.perf_counter()
    result = subprocess.run(
        pelican_command(content, output, "pelicanconf.py", "-q", **settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    total = time.perf_counter() - started
    phases = dict(re.findall(r"^phase (\w+) ([\d.]+)$", result.stdout, re.M))
    read, written = float(phases["read"]), float(phases["written"])
    return {"total": total, "read": read, "write": written - read, "pages": pages(output)}


def index(output):
    bundle = Path(output) / "pagefind"
    started = time.perf_counter()
    pages, _ = search.index_site({}, str(output), str(bundle))
    seconds = time.perf_counter() - started
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    parts = json.loads((bundle / "parts.json").read_text())
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    return {
        "seconds": seconds,
        "bytes": size,
        "version": entry["version"],
        "indexed": {code: f"{n} in {1 + len(parts[code])} parts" for code, n in pages.items()},
    }


def first_queries(output, terms):
    """Per language: median KB transferred and ms to five results, cold, per query."""
    results = {}
    with serving(output) as base, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        for lang, queries in terms.items():
            kilobytes, millis, searching = [], [], []
            for query in queries:
                context = browser.new_context()  # a cold cache for every query
                page = context.new_page()
                finished = []
                context.on("requestfinished", lambda request, into=finished: into.append(request))
                page.goto(f"{base}/{lang}/search/?q={query}")
                page.wait_for_function(
                    "query => document.querySelector('.search-ui')?.dataset.searched === query",
                    arg=query,
                )
                millis.append(page.evaluate("performance.now()"))
                searching.append(
                    page.evaluate("performance.getEntriesByName('search')[0].duration")
                )
                page.wait_for_load_state("networkidle")
                search_bytes = sum(
                    sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    for request in finished
                    if "/pagefind/" in request.url and (sizes := request.sizes())
                )
                kilobytes.append(search_bytes / 1000)
                context.close()
            results[lang] = {
                "kb": statistics.median(kilobytes),
                "ms": statistics.median(millis),
                "search_ms": statistics.median(searching),
                "queries": len(queries),
            }
        browser.close()
    return results


def report(sizes, built, indexed, queried):
    ratio = indexed["seconds"] / (built["read"] + built["write"])
    lines = [
        f"Search benchmark: {sizes['news']} news pairs, {sizes['programs']} programs, "
        f"{sizes['talks']} talks; {built['pages']} HTML pages; "
        f"{os.cpu_count()} cores, Pagefind {indexed['version']}",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| build: read | {built['read']:.1f} s |",
        f"| build: write | {built['write']:.1f} s |",
        f"| build: search index | {indexed['seconds']:.1f} s ({ratio:.0%} of read + write) |",
        f"| pages indexed | {', '.join(f'{k} {v}' for k, v in indexed['indexed'].items())} |",
        f"| index size on disk | {indexed['bytes'] / 1e6:.1f} MB |",
    ]
    for lang, result in queried.items():
        lines.append(
            f"| cold first query, {lang} (median of {result['queries']}) | "
            f"{result['kb']:.0f} KB transferred (gzip); five results {result['ms']:.0f} ms after "
            f"the page opened, {result['search_ms']:.0f} ms after the search script started |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=2500)
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--talks", type=int, default=300)
    args = parser.parse_args()
    sizes = vars(args)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        content, output = Path(scratch) / "content", Path(scratch) / "output"
        terms = generate(content, args.news, args.programs, args.talks)
        built = build(content, output)
        indexed = index(output)
        queried = first_queries(output, terms)
    table = report(sizes, built, indexed, queried)
    print(table)
    (ROOT / "bench" / "RESULTS-search.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
