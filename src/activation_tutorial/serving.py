"""The built site served locally as GitHub Pages serves a project site: under a sub-path (for
the test server and the Lighthouse benchmark alike)."""

from __future__ import annotations

from http.server import SimpleHTTPRequestHandler
from pathlib import Path

BASE_PATH = "/activation-functions/"


class SiteHandler(SimpleHTTPRequestHandler):
    """Python's plain file server with the site under BASE_PATH (anything else is a 404);
    no compression, no cache headers, no request log."""

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "__not_under_base_path__")
        return super().translate_path("/" + path[len(BASE_PATH) :])
