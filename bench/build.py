"""Benchmark full builds: this project against vanilla Pelican and Hugo.

On a synthetic corpus in the project's own format (bench/corpus.py), at two
sizes, builds in turn and several times: the project cold (no cache), with
and without its search index, and warm (cache present, one news article
edited); vanilla Pelican 4.12 with
its default theme and no plugins on the same news articles (Pelican's own
Markdown metadata, `lang` and `slug` set, so it builds both languages);
and Hugo on the same news articles with a minimal multilingual layout
(into the output folder its previous run left, as it runs day to day).
Reports medians of wall and CPU time, peak memory (of the largest process,
and of all processes together) and pages per second, and the ratios (each
the median of the runs' own ratios, the two builds of a run measured one
right after the other), and writes them to bench/RESULTS.md.

    python bench/build.py [--sizes small,large] [--runs 3]
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import generate

from tools.pelican_command import pelican_command

SIZES = {"small": (500, 60, 60), "large": (2500, 300, 300)}
BUILD_TIME = "2026-11-23T09:00"  # the corpus's dates are judged as of then
BIN = Path(sys.executable).parent

VANILLA_SETTINGS = """
SITENAME = "Vanilla"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "en"
PLUGINS = []
"""

HUGO_CONFIG = """
baseURL = "https://example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[pagination]
pagerSize = 10
[languages.en]
weight = 1
[languages.zh]
weight = 2
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">'
        '<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>'
        "{{ .Content }}{{ range .Translations }}"
        '<a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}{{ end }}'
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages).Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>'
        "{{ end }}"
    ),
}


def split_front_matter(path):
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def vanilla_site(content, folder):
    """The corpus's news as a plain Pelican site."""
    news = folder / "content"
    news.mkdir(parents=True)
    for path in sorted((content / "news").glob("*.md")):
        meta, body = split_front_matter(path)
        slug, lang, _ = path.name.split(".")
        header = [
            f"Title: {meta['title']}",
            f"Date: {meta['date']}",
            f"Lang: {lang}",
            f"Slug: {slug}",
            f"Tags: {', '.join(meta.get('tags', []))}",
            f"Summary: {meta.get('summary', '')}",
        ]
        (news / path.name).write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
    (folder / "settings.py").write_text(VANILLA_SETTINGS, encoding="utf-8")


def hugo_site(content, folder):
    """The corpus's news as a minimal multilingual Hugo site."""
    folder.mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = folder / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in sorted((content / "news").glob("*.md")):
        slug, lang, _ = path.name.split(".")
        target = folder / "content" / lang / "news" / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)


def timed(command, cwd=ROOT):
    """Wall seconds, CPU seconds and peak memory (MB) of a command.

    Times and the largest single process's peak by GNU time; the peak of all
    its processes together (writing processes, Pagefind runs side by side)
    by sampling their proportional set size, which counts the pages forked
    processes share once, every 0.1 s (so a lower bound).
    """
    process = subprocess.Popen(
        ["/usr/bin/time", "-f", "TIME %e %U %S %M", *command],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    together = []
    sampler = threading.Thread(target=_sample_memory, args=(process, together))
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{stdout[-2000:]}\n{stderr[-2000:]}")
    line = next(line for line in reversed(stderr.splitlines()) if line.startswith("TIME"))
    wall, user, system, peak = map(float, line.split()[1:])
    if not any(together):
        raise RuntimeError("could not read the memory of the build's processes in /proc")
    return {"wall": wall, "cpu": user + system, "peak_mb": peak / 1024, "all_mb": max(together)}


def _sample_memory(process, samples, every=0.1):
    while process.poll() is None:
        samples.append(_tree_pss(process.pid))
        time.sleep(every)
    samples.append(0)


def _tree_pss(root):
    """Proportional set size (MB) of ``root`` and all its descendants."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as source:
                parent = int(source.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        children.setdefault(parent, []).append(int(stat.split("/")[2]))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except OSError:
            continue
    return total / 1024


def pages(folder):
    return sum(1 for _ in Path(folder).rglob("*.html"))


def project(content, output, cache, load, **settings):
    command = pelican_command(
        content,
        output,
        "pelicanconf.py",
        "-q",
        BUILD_TIME=BUILD_TIME,
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=load,
        CACHE_PATH=str(cache),
        **settings,
    )
    return timed(command) | {"pages": pages(output)}


def run_size(name, runs, scratch):
    news, programs, talks = SIZES[name]
    content = scratch / name / "content"
    generate(content, news, programs, talks)
    vanilla, hugo = scratch / name / "vanilla", scratch / name / "hugo"
    vanilla_site(content, vanilla)
    hugo_site(content, hugo)
    # Hugo's full build as `hugo` runs day to day: it writes every page
    # again into the output folder it left. Into an empty folder, the same
    # build took from 2.5 to 10 s on one shared machine within an hour (its
    # parallel creation of 6,600 folders, in system time): a baseline of
    # the machine's other load, not of Hugo.
    subprocess.run([str(BIN / "hugo"), "--quiet"], cwd=hugo, check=True, capture_output=True)
    output, cache = scratch / name / "output", scratch / name / "cache"
    edited = content / "news" / "bench-news-00000.en.md"
    results = {key: [] for key in LABELS}
    for run in range(runs):
        # Each build next to the baselines it is compared with (RATIOS): the
        # cold build without its index, vanilla Pelican, the cold build,
        # Hugo, the warm build. The machine's load changes over minutes.
        clear(output, cache)
        results["unindexed"].append(project(content, output, cache, load=False, SEARCH_INDEX=False))
        clear(vanilla / "output")
        results["pelican"].append(
            timed(
                [str(BIN / "pelican"), "content", "-s", "settings.py", "-o", "output", "-q"],
                cwd=vanilla,
            )
            | {"pages": pages(vanilla / "output")}
        )
        clear(output, cache)
        results["cold"].append(project(content, output, cache, load=False, SEARCH_INDEX=True))
        results["hugo"].append(
            timed([str(BIN / "hugo"), "--quiet"], cwd=hugo) | {"pages": pages(hugo / "public")}
        )
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited for warm run {run}.\n")
        results["warm"].append(project(content, output, cache, load=True))
    medians = {key: median_of_runs(values) for key, values in results.items()}
    ratios = {
        label: statistics.median(
            build["wall"] / base["wall"]
            for build, base in zip(results[key], results[baseline], strict=True)
        )
        for label, (key, baseline) in RATIOS.items()
    }
    return medians, ratios


def clear(*folders):
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def median_of_runs(runs):
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


# The ratios reported: each run's two builds, measured one right after the
# other (the median of the runs' ratios, steadier than a ratio of medians).
RATIOS = {
    "cold / vanilla Pelican": ("cold", "pelican"),
    "cold without search index / vanilla Pelican": ("unindexed", "pelican"),
    "cold / Hugo": ("cold", "hugo"),
    "warm / Hugo": ("warm", "hugo"),
}


LABELS = {
    "unindexed": "this project, cold, without its search index",
    "cold": "this project, cold (search index included)",
    "warm": "this project, warm (cache, one article edited)",
    "pelican": "vanilla Pelican 4.12, news only",
    "hugo": "Hugo, news only",
}


def report(results, runs):
    lines = [
        f"Build benchmark: medians of {runs} runs, {os.cpu_count()} cores.",
        "",
        "| size | build | pages | wall s | CPU s | peak MB, largest process | "
        "peak MB, all processes | pages/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, (result, _ratios) in results.items():
        news, programs, talks = SIZES[size]
        label = f"{size} ({news} news pairs, {programs} programs, {talks} talks)"
        for key, measured in result.items():
            lines.append(
                f"| {label} | {LABELS[key]} | {measured['pages']:.0f} | {measured['wall']:.1f} | "
                f"{measured['cpu']:.1f} | {measured['peak_mb']:.0f} | {measured['all_mb']:.0f} | "
                f"{measured['pages'] / measured['wall']:.0f} |"
            )
    lines += [
        "",
        f"Ratios of wall time, each the median of the {runs} runs' ratios (the two builds "
        "of a run measured one after the other).",
        "",
        "| size | " + " | ".join(RATIOS) + " |",
        "| --- |" + " ---: |" * len(RATIOS),
    ]
    for size, (_result, ratios) in results.items():
        lines.append(f"| {size} | " + " | ".join(f"{ratios[label]:.2f}" for label in RATIOS) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        for size in args.sizes.split(","):
            results[size] = run_size(size, args.runs, Path(scratch))
    table = report(results, args.runs)
    print(table)
    (ROOT / "bench" / "RESULTS.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
