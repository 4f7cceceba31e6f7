"""What a content problem is, and how it is shown to staff."""

import os
from dataclasses import dataclass


def display_path(path):
    """``path`` as staff can open it: relative to the working folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, located as precisely as known.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole",
    which is shown as its first line so that every report line reads
    ``path:line:column: severity: message``.
    """

    path: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self):
        return f"{self.path}:{self.line or 1}:{self.column or 1}: {self.severity}: {self.message}"


class ContentError(Exception):
    """One or more content files are wrong; the build must not go on."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__(self._report())

    def _report(self):
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        files = len({p.path for p in self.problems})
        lines.append(
            f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        )
        return "\n".join(lines)
