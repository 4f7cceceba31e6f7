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

from pelican import signals

from writing import after_writing, page_sources
from writing.facts import PageFacts, find_when_written

from .links import broken_links, closest_pages, find_links, where_written
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

    Each problem names where the link is written in the content file the
    page shows (or the built page, for a link a template makes, and a
    YAML field's), and for a missing page the closest address the site
    has. A link a template makes to a draft is no problem: the preview's
    lists link its drafts.
    """
    output = pelican.output_path
    facts = PageFacts(pelican.settings, output, "links")
    broken, to_drafts = broken_links(output, pelican.settings.get("SITEURL", ""), facts)
    sources = page_sources() if broken or to_drafts else {}

    def written(page, link):
        source = sources.get(os.path.relpath(page, output).replace(os.sep, "/"))
        return where_written(page, source, link) if source else []

    near = closest_pages(output)
    problems = set()
    for page, link in broken:
        meant = near(page, link)
        message = f"broken link {link}" + (f" (did you mean {meant}?)" if meant else "")
        problems |= _where(written(page, link), output, page, message)
    for page, link in to_drafts:
        if locations := written(page, link):
            message = (
                f"links to {link}, a draft: the published site leaves drafts out, so the "
                "link would lead nowhere there (publish it, or make this page a draft too)"
            )
            problems |= _where(locations, output, page, message)
    if problems:
        log_problems(problems)
        raise ContentError(problems)
    facts.save()  # only a site without broken links: the next check starts from it


def _where(locations, output, page, message):
    """The problems of a link written at ``locations``, or on the built ``page``."""
    if not locations:
        shown = "/" + os.path.relpath(page, output).replace(os.sep, "/")
        return {Problem(shown, 0, 0, "error", message)}
    return {
        Problem(display_path(path), line, column, "error", message)
        for path, line, column in locations
    }


def register():
    logging.getLogger("pelican").addFilter(_hide_traceback)
    signals.all_generators_finalized.connect(fail_on_content_errors)
    after_writing(fail_on_broken_links, order=10)
    find_when_written(find_links)
