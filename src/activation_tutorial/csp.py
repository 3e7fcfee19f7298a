"""A strict Content-Security-Policy for one built page, written into the page itself. GitHub
Pages sends no headers of the site's choosing, so the policy is a ``<meta>`` first in ``<head>``
(it governs only what the parser meets after it). Scripts run only from the site's own files and,
inline, only those whose sha256 it lists, computed from this page's own inline scripts. What no
hash can allow (``onclick=``, ``javascript:`` URLs) and scripts from another host stop the build."""

from __future__ import annotations

import base64
import hashlib
import re

SELF = "'self'"
BASE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),  # anything not named below (frames, media, objects)
    "script-src": (SELF,),  # inline scripts by hash, added per page
    "style-src": (SELF,),
    "img-src": (SELF, "data:"),  # the theme's icons are data: URIs in its CSS
    "font-src": (SELF,),
    "connect-src": (SELF,),  # search's index, the language selector's sitemap.xml
    "worker-src": (SELF,),  # Material's search worker
    "manifest-src": (SELF,),
    "base-uri": (SELF,),
    "form-action": (SELF,),
    "object-src": ("'none'",),
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*["']?([^"'\s>]*)""", re.I)
_DATA = re.compile(r"""\stype\s*=\s*["']?application/json""", re.I)  # a data block never runs
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
_JS_URL = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
_FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script: sha256 of its UTF-8 text, after
    the newline normalisation an HTML parser applies before the browser hashes it."""
    source = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return f"'sha256-{base64.b64encode(hashlib.sha256(source).digest()).decode('ascii')}'"


def unallowable_scripts(html: str) -> list[str]:
    """Each script in the page that the policy cannot allow, as the tag that carries it."""
    found = [
        f"<script{attributes}>"
        for attributes, _ in _SCRIPT.findall(html)
        if (src := _SRC.search(attributes)) and _FOREIGN.match(src[1])
    ]
    without_scripts = _SCRIPT.sub("<script></script>", html)
    for tag in _TAG.findall(without_scripts):
        bare = _QUOTED.sub('""', tag)
        if _HANDLER.search(bare) or _JS_URL.search(tag):
            found.append(tag if len(tag) <= 120 else tag[:117] + "...")
    return found


def policy(html: str) -> str:
    """The policy for this page: ``BASE_POLICY`` with the hash of each inline script it runs."""
    inline = [
        body
        for attributes, body in _SCRIPT.findall(html)
        if not _SRC.search(attributes) and not _DATA.search(attributes)
    ]
    hashes = tuple(dict.fromkeys(script_hash(s) for s in inline))
    directives = dict(BASE_POLICY, **{"script-src": BASE_POLICY["script-src"] + hashes})
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_content_security_policy(html: str, where: str = "the page") -> str:
    """The page with its policy as the first element of ``<head>`` (after ``<meta charset>``,
    which must come first); ValueError naming ``where`` if a script in it cannot be allowed."""
    unallowable = unallowable_scripts(html)
    if unallowable:
        raise ValueError(
            f"{where}: the Content-Security-Policy cannot allow "
            + "; ".join(unallowable)
            + " (inline event handlers, javascript: URLs and scripts from another host never run;"
            " move the code into a script of the site's own)"
        )
    head = _HEAD.search(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: head.end()] + meta + html[head.end() :]
