"""What a YAML generator works out from its files, kept between builds.

Parsing and checking a file, and rendering the Markdown of its texts, give
the same result for the same text, settings and code: about half a second
of every build of a large site (600 files). With Pelican's content cache
on, each generator keeps its results in ``CACHE_PATH``, keyed by a digest
of their inputs; a build takes a result from there where the inputs are the
same (where ``LOAD_CONTENT_CACHE`` is on, as for Pelican's own cache), and
keeps only the results it used.
"""

import hashlib
import os
import pickle

from writing import pickles
from writing.reuse import Digests, code_digest

RESULTS = "{name}-results.pickle"  # in CACHE_PATH


class KeptResults:
    """One generator's results: those of the last build, and this build's.

    Results are kept pickled, each on its own: a caller that changes the
    object it got cannot change what a later build gets.
    """

    def __init__(self, settings, name, *depends_on):
        """``depends_on``: what every result depends on besides its own
        inputs (the languages, the Markdown settings, digested as pages'
        values are); the plugins' code and the installed packages count too."""
        self.path = None
        self.previous, self.results = {}, {}
        self.base = Digests().of(depends_on) + code_digest(settings, theme=False)
        if settings.get("CACHE_CONTENT"):
            self.path = os.path.join(settings["CACHE_PATH"], RESULTS.format(name=name))
        if self.path and settings.get("LOAD_CONTENT_CACHE", False):
            self._load()

    def get(self, kind, make, *inputs):
        """``make(*inputs)``, or what it gave a build before for the same
        ``kind`` and inputs (whose ``repr`` tells them apart)."""
        key = hashlib.blake2b(self.base + repr((kind, inputs)).encode(), digest_size=16).digest()
        kept = self.previous.get(key)
        if kept is None:
            result = make(*inputs)
            self.results[key] = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
            return result
        self.results[key] = kept
        return pickle.loads(kept)

    def _load(self):
        # None yet, or written by code that has changed since: worked out again.
        self.previous = pickles.load(self.path) or {}

    def save(self):
        if self.path is None:
            return
        pickles.save(self.path, self.results)
