"""`make publish`: the production build, in place only when all of it worked.

Builds CONTENT with publishconf.py (absolute SITEURL, no drafts, optimized
files) into a new folder beside OUTPUT (the build itself stops on any
content error or broken internal link), and only then swaps it in for
OUTPUT. A failed build or check leaves OUTPUT exactly
as it was, so nothing broken can be deployed.

    python tools/publish.py [--content content] [--output output]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def publish(content, output, settings_file):
    """Returns 0 when OUTPUT holds the new site, 1 when it was left alone."""
    output = os.path.abspath(output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    new = tempfile.mkdtemp(prefix=".publishing-", dir=parent)
    try:
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                os.path.abspath(content),
                "-s",
                settings_file,
                "-o",
                new,
            ],
            cwd=ROOT,
        )
        if built.returncode != 0:
            print("publish: the build failed; output/ is unchanged", file=sys.stderr)
            return 1
        _swap(new, output)
        print(f"publish: {output} holds the new site")
        return 0
    finally:
        shutil.rmtree(new, ignore_errors=True)


def _swap(new, output):
    """Put ``new`` where ``output`` was, then remove the old site."""
    old = None
    if os.path.exists(output):
        old = tempfile.mkdtemp(prefix=".replaced-", dir=os.path.dirname(output))
        os.rmdir(old)
        os.replace(output, old)
    os.replace(new, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=os.path.join(ROOT, "content"))
    parser.add_argument("--output", default=os.path.join(ROOT, "output"))
    parser.add_argument("--settings", default=os.path.join(ROOT, "publishconf.py"))
    args = parser.parse_args(argv)
    return publish(args.content, args.output, args.settings)


if __name__ == "__main__":
    sys.exit(main())
