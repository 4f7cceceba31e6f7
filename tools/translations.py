"""`make translations`: what lacks a language, for staff.

Lists news and pages in one language only, program and lecture texts
written in one language, and interface strings without a translation: the
same as the site's unlisted page /translations/.

    python tools/translations.py [CONTENT_DIR]
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "plugins")]

from bilingual import catalogs_folder, site_languages
from staff.status import translation_status
from tools.scratch import CONTENT, scratch_build


def report(content=CONTENT):
    with scratch_build(content) as build:
        languages = site_languages(build.settings)
        status = translation_status(build.context, languages, catalogs_folder(build.settings))
    lines = ["News and pages in one language only:"]
    lines += [f"  {path}: missing {', '.join(missing)}" for path, missing in status.items] or [
        "  none"
    ]
    lines.append("Program and lecture texts in one language only:")
    lines += [
        f"  {path} `{field}`: missing {', '.join(missing)}" for path, field, missing in status.texts
    ] or ["  none"]
    for code, strings in status.strings.items():
        lines.append(f"Interface strings without a {code} translation:")
        lines += [f"  {message}" for message in strings] or ["  none"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(sys.argv[1] if len(sys.argv) > 1 else CONTENT))
