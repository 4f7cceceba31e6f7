"""The example texts `make new-*` writes (tools/templates/): a file that
still holds one is not ready to publish."""

from .problems import Problem

PLACEHOLDERS = (
    "The article, in Markdown. Start a section with `## A subheading`.",
    "正文，使用 Markdown。用 `## 小标题` 开始一节。",
    "What students do, who can apply, what it costs.",
    "项目内容、申请条件与费用。",
)


def placeholder_problems(text, path, first_line=1, comment=None):
    """An error at each example text left in ``text`` (which starts at line
    ``first_line``), but in lines that start with ``comment`` (YAML's ``#``)."""
    return [
        Problem(
            path,
            number,
            line.find(placeholder) + 1,
            "error",
            "is still the example text `make new-*` wrote: write your own, or remove it",
        )
        for number, line in enumerate(text.splitlines(), first_line)
        if not (comment and line.lstrip().startswith(comment))
        for placeholder in PLACEHOLDERS
        if placeholder in line
    ]
