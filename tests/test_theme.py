"""The theme corrections applied at build time (activation_tutorial.theme)."""

from __future__ import annotations

from activation_tutorial.theme import (
    absolute_hreflang,
    fix_theme_html,
    home_alternates,
    lazy_images,
    preferred_palette_early,
    preferred_palette_script,
)

SITE = "https://example.org/activation-functions/"
CHROME = """
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<div class="md-search" data-md-component="search" role="dialog">
<input type="text" class="md-search__input" name="query" aria-label="検索" placeholder="検索"
 autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false">
"""


def test_checkbox_toggles_lose_autocomplete_and_the_search_field_keeps_it():
    html = fix_theme_html(CHROME)
    assert 'id="__drawer">' in html and 'id="__search">' in html
    assert html.count('autocomplete="off"') == 1  # the text field, where it is valid


def test_nav_section_headings_lose_their_empty_tabindex():
    section = '<label class="md-nav__link" for="__nav_4" id="__nav_4_label" tabindex="">'
    indexed = '<label class="md-nav__link " for="__nav_6" id="__nav_6_label" tabindex="">'
    other = '<label class="md-nav__link" for="__nav_5" id="__nav_5_label" tabindex="0">'
    html = fix_theme_html(section + other + indexed)
    assert html == (
        '<label class="md-nav__link" for="__nav_4" id="__nav_4_label">'
        + other
        + '<label class="md-nav__link " for="__nav_6" id="__nav_6_label">'
    )


def test_search_dialog_is_named_after_the_search_field():
    html = fix_theme_html(CHROME)
    assert (
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="検索">' in html
    )
    assert fix_theme_html(html) == html  # applying it twice changes nothing


def test_hreflang_links_become_absolute_and_the_switcher_stays_relative():
    page = (
        '<link rel="alternate" href="./" hreflang="ja">\n'
        '<link rel="alternate" href="../en/xor/" hreflang="en">\n'
        '<a href="../en/xor/" hreflang="en" class="md-select__link">'
    )
    assert absolute_hreflang(page, SITE + "xor/") == (
        f'<link rel="alternate" href="{SITE}xor/" hreflang="ja">\n'
        f'<link rel="alternate" href="{SITE}en/xor/" hreflang="en">\n'
        '<a href="../en/xor/" hreflang="en" class="md-select__link">'
    )


def test_home_alternates_lead_to_each_language_home():
    got = home_alternates([("ja", "日本語", "/"), ("en", "English", "/en/")], SITE)
    assert got == [
        {"name": "日本語", "lang": "ja", "link": SITE},
        {"name": "English", "lang": "en", "link": SITE + "en/"},
    ]


def test_images_load_lazily_unless_they_say_otherwise():
    html = '<p><img alt="a" src="a.svg#only-light" /><img loading="eager" src="b.svg" /></p>'
    assert lazy_images(html) == (
        '<p><img loading="lazy" decoding="async" alt="a" src="a.svg#only-light" />'
        '<img loading="eager" src="b.svg" /></p>'
    )


PALETTES = [  # as in mkdocs.yml
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo",
     "accent": "deep orange", "toggle": {"icon": "material/weather-night", "name": "dark"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
     "accent": "deep orange", "toggle": {"icon": "material/weather-sunny", "name": "light"}},
]  # fmt: skip


def test_the_preferred_palette_is_chosen_first_thing_in_the_body():
    page = '<head></head><body dir="ltr" data-md-color-scheme="default"><header>x</header>'
    html = preferred_palette_early(page, PALETTES)
    script = preferred_palette_script(PALETTES)
    assert html == page.replace('"default">', '"default">' + script)
    assert preferred_palette_early(html, PALETTES) == html  # once, however often it runs
    # The same attributes Material's bundle sets, in its spelling ("deep-orange"), in order.
    assert (
        '{"media":"(prefers-color-scheme: light)","scheme":"default","primary":"indigo",'
        '"accent":"deep-orange"},{"media":"(prefers-color-scheme: dark)","scheme":"slate"' in script
    )
    assert "toggle" not in script
    assert '__md_get("__palette")' in script  # a palette chosen on an earlier visit wins
