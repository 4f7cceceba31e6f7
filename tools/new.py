"""Start a news article, a program or a talk from a commented template.

    python tools/new.py news SLUG        content/news/SLUG.en.md and SLUG.zh.md
    python tools/new.py program ID       content/programs/ID.yaml
    python tools/new.py talk SERIES      a talk at the end of content/lectures/SERIES.yaml
                                         (a new series file if there is none)

The templates (tools/templates/) leave the required fields empty: `make
check` names each until it is filled, and passes once they all are.
"""

import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
NAME = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class NewFileError(Exception):
    """The name is not allowed, or the file exists."""


def _fill(template, **values):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in {"today": date.today().isoformat(), **values}.items():
        text = text.replace("{" + key + "}", value)
    return text


def _create(path, text):
    if path.exists():
        raise NewFileError(f"{path.relative_to(ROOT)} exists already; nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new(kind, name, content=ROOT / "content"):
    """Create the files (add a talk); returns ``[(what was done, path)]``."""
    if not NAME.match(name or ""):
        raise NewFileError(
            f'"{name}" cannot be a file name: use lowercase letters, digits and hyphens, '
            "such as summer-school-2027"
        )
    if kind == "news":
        paths = [content / "news" / f"{name}.{lang}.md" for lang in ("en", "zh")]
        for path in paths:
            if path.exists():
                raise NewFileError(f"{path} exists already; nothing was changed")
        return [
            ("created", _create(path, _fill(f"news.{path.suffixes[0][1:]}.md"))) for path in paths
        ]
    if kind == "program":
        return [("created", _create(content / "programs" / f"{name}.yaml", _fill("program.yaml")))]
    if kind == "talk":
        path = content / "lectures" / f"{name}.yaml"
        added = path.exists()
        if not added:
            _create(path, _fill("series.yaml", series=name))
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^talks:", text, re.M) or re.search(
            r"^talks:.*\n(?:.*\n)*?^[A-Za-z_]", text, re.M
        ):
            raise NewFileError(
                f"{path}: `talks:` is not the last field, so the new talk cannot be added at the "
                "end; copy tools/templates/talk.yaml under `talks:` by hand"
            )
        path.write_text(text.rstrip("\n") + "\n" + _fill("talk.yaml"), encoding="utf-8")
        return [("added a talk at the end of" if added else "created", path)]
    raise NewFileError(f"unknown kind {kind!r}: news, program or talk")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        made = new(*argv)
    except NewFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for done, path in made:
        print(f"{done} {path}")
    print("Fill in the empty fields, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
