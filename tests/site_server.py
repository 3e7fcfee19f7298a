"""Serve a built site under BASE_PATH, as GitHub Pages serves a project site.

Run as its own process (``python tests/site_server.py SITE PORT``) by the ``server`` fixture, so
that page loads never wait for the test process, which is busy running other tests meanwhile.
"""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BASE_PATH = "/activation-functions/"


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        # Serve the site under BASE_PATH; anything else is a 404.
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / "__not_under_base_path__")
        return super().translate_path("/" + path[len(BASE_PATH) :])


def main(site: str, port: str) -> None:
    handler = functools.partial(Handler, directory=site)
    with ThreadingHTTPServer(("127.0.0.1", int(port)), handler) as httpd:
        print("serving", flush=True)  # the fixture waits for this line
        httpd.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:])
