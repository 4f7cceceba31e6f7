"""`make check`: every problem in the content, in one report.

Reads and builds the site as `make html` does (same readers, schemas,
cross-references and internal link check), without the search index, into
a scratch folder. Prints each problem as
``path:line:column: error|warning: message``, sorted by file, then
``N errors, M warnings in K files``; exits with 1 when there is an error.

    python tools/check.py [CONTENT_DIR] [--settings pelicanconf.py]
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "plugins")]

from tools.scratch import CONTENT, SETTINGS, scratch_build


def check(content=CONTENT, settings_file=SETTINGS):
    """Every problem of the site in ``content``, sorted by file."""
    with scratch_build(content, settings_file) as build:
        return sorted(build.problems)


def summary(problems):
    errors = sum(problem.severity == "error" for problem in problems)

    def count(number, word):
        return f"{number} {word}{'' if number == 1 else 's'}"

    return (
        f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')} "
        f"in {count(len({problem.path for problem in problems}), 'file')}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default=CONTENT)
    parser.add_argument("--settings", default=SETTINGS)
    args = parser.parse_args(argv)
    problems = check(args.content, args.settings)
    for problem in problems:
        print(problem)
    print(summary(problems))
    return 1 if any(problem.severity == "error" for problem in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
