"""A static file server for benchmarks: 127.0.0.1 only, gzip as hosts serve it."""

import gzip
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import local_server

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".atom", ".ics")


class _Handler(local_server.QuietHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not path.endswith(COMPRESSIBLE):
            return super().send_head()
        try:
            with open(path, "rb") as source:
                body = gzip.compress(source.read(), compresslevel=6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serving(folder):
    """Serve ``folder`` on 127.0.0.1, gzipped, for the ``with`` block; yields the base URL."""
    return local_server.serving(folder, handler=_Handler)
