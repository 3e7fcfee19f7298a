"""MkDocs hook: every page, the 404 page included, gets its Content-Security-Policy last, when
its inline scripts are as published (activation_tutorial.csp says why)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from activation_tutorial.csp import with_content_security_policy


@event_priority(-1000)
def on_post_page(output: str, page, config) -> str:  # noqa: ANN001 - MkDocs hook signature
    return with_content_security_policy(output, f"docs/{page.file.src_uri}")


@event_priority(-1000)
def on_post_template(output_content: str, template_name: str, config) -> str:  # noqa: ANN001
    if not template_name.endswith(".html"):  # sitemap.xml
        return output_content
    return with_content_security_policy(output_content, f"the theme's {template_name}")
