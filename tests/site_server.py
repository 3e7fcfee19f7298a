"""Serve a built site under BASE_PATH, as GitHub Pages serves a project site
(``python tests/site_server.py SITE PORT``, run by the ``server`` fixture)."""

import functools
import sys
from http.server import ThreadingHTTPServer

from activation_tutorial.serving import BASE_PATH, SiteHandler

__all__ = ["BASE_PATH", "main"]


def main(site: str, port: str) -> None:
    handler = functools.partial(SiteHandler, directory=site)
    with ThreadingHTTPServer(("127.0.0.1", int(port)), handler) as httpd:
        print("serving", flush=True)  # the fixture waits for this line
        httpd.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:])
