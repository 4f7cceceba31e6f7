"""Content validation shared by every content type.

Adds: a YAML loader that remembers the line and column of every value
(`yamlsource`), one function that checks loaded data against a pydantic
model and reports every problem with file, line, column, field, what is
allowed and what was found (`schema`), and the rule that a build in which
any content file could not be read fails instead of publishing a site with a
page missing.

Generators record what they find with ``report(context, problems)``.

Signals: ``all_generators_finalized`` (fails the build when a generator
reported an error, recorded a content file it could not read, or a file in
the content folder was read by nobody); after writing (a step of the
``writing`` plugin), it fails the build when a written page links to a page
or anchor that does not exist. When the build stops for content errors,
Pelican's log shows the report without a Python traceback.
"""

import logging
import os
import re

from pelican import signals

from writing import after_writing
from writing.facts import PageFacts, find_when_written

from .links import addresses, broken_links, closest_page, find_links, where_written
from .problems import ContentError, Problem, display_path
from .report import ERRORS_KEY, SOURCES_KEY, log_problems, report
from .schema import check
from .yamlsource import Positions, load_yaml

__all__ = [
    "ContentError",
    "Positions",
    "Problem",
    "check",
    "display_path",
    "load_yaml",
    "report",
]


def _hide_traceback(record):
    """Staff need the report, not the traceback Pelican logs with a stopped build."""
    if record.exc_info and isinstance(record.exc_info[1], ContentError):
        record.exc_info = record.exc_text = None
    return True


def fail_on_content_errors(generators):
    """Stop the build on any reported error or any file Pelican could not read.

    Pelican logs an unreadable file and goes on without it; the page would
    then silently vanish from the site. The reader has already logged the
    detailed problems, so this names the files and stops.
    """
    failed = sorted(
        {
            display_path(os.path.join(generator.path, path))
            for generator in generators
            for path, content in generator.context.get("generated_content", {}).items()
            if content is None
        }
    )
    errors = [
        Problem(path, 0, 0, "error", "this file could not be read (see above)") for path in failed
    ]
    if generators:
        unread = _unread_files(generators[0])
        log_problems(unread)
        errors += generators[0].context.get(ERRORS_KEY, []) + unread
    if errors:
        raise ContentError(errors)


def _unread_files(generator):
    """Files in the content folder that nothing read: they would vanish silently."""
    context, settings = generator.context, generator.settings
    read = {
        *context.get("generated_content", {}),
        *context.get("static_content", {}),
        *context.get(SOURCES_KEY, ()),
    }
    markdown = (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"])
    unread = []
    for path in sorted(generator.get_files([""], extensions=False)):
        path = path.replace(os.sep, "/")
        if path in read or os.path.basename(path).startswith("."):
            continue  # read, or hidden (.gitkeep, editor files)
        if path.split("/", 1)[0] in markdown:
            message = "is not a content file: news and pages are <slug>.en.md or <slug>.zh.md"
        else:
            message = (
                "is read by nothing, so it is not on the site: the site reads news/, pages/, "
                "programs/, lectures/, images/ and data/figures.yaml"
            )
        shown = display_path(os.path.join(generator.path, path))
        unread.append(Problem(shown, 0, 0, "error", message))
    return unread


def fail_on_broken_links(pelican):
    """Stop the build when a written page links to nothing, or a published
    page to a draft (in previews, which show drafts: the published site
    leaves them out, so the link would lead nowhere there).

    Each problem names the content file and line where the link is written
    (or the built page, for a link no content file holds: a template's),
    and the closest address the site has.
    """
    output = pelican.output_path
    facts = PageFacts(pelican.settings, output, "links")
    broken, to_drafts = broken_links(output, pelican.settings.get("SITEURL", ""), facts)
    written = where_written(pelican.settings["PATH"], {link for _, link in broken + to_drafts})
    problems, site_addresses = set(), addresses(output) if broken else []
    for page, link in broken:
        near = closest_page(site_addresses, output, page, link)
        message = f"broken link {link}" + (f" (did you mean {near}?)" if near else "")
        problems |= _where(written.get(link), output, page, message)
    for page, link in to_drafts:
        # Only where staff wrote the link on a published item: the preview's
        # lists link its drafts too, and a draft may link another.
        published = [where for where in written.get(link, ()) if not _draft_file(where[0])]
        if published:
            message = (
                f"links to {link}, a draft: the published site leaves drafts out, so the "
                "link would lead nowhere there (publish it, or make this page a draft too)"
            )
            problems |= _where(published, output, page, message)
    if problems:
        log_problems(problems)
        raise ContentError(problems)
    facts.save()  # only a site without broken links: the next check starts from it


_DRAFT = re.compile(r"^status:\s*draft\s*$", re.MULTILINE)


def _draft_file(path):
    """Whether a content file is a draft as a whole (an article's or page's
    front matter, a program's file; not a series with one draft talk)."""
    with open(path, encoding="utf-8", errors="replace") as source:
        return _DRAFT.search(source.read()) is not None


def _where(locations, output, page, message):
    """The problems of a link written at ``locations``, or on the built ``page``."""
    if not locations:
        return {
            Problem(
                "/" + os.path.relpath(page, output).replace(os.sep, "/"), 0, 0, "error", message
            )
        }
    return {
        Problem(display_path(path), line, column, "error", message)
        for path, line, column in locations
    }


def register():
    logging.getLogger("pelican").addFilter(_hide_traceback)
    signals.all_generators_finalized.connect(fail_on_content_errors)
    after_writing(fail_on_broken_links, order=10)
    find_when_written(find_links)
