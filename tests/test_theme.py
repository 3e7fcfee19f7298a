"""The theme corrections applied at build time (activation_tutorial.theme).

What the built pages show is checked where the rule lives: valid HTML (the toggles'
autocomplete, empty tabindex) by the Nu validator, the search dialog's name by axe, absolute
hreflang by test_quality_static's SEO test, the language switcher by the browser pass."""

from __future__ import annotations

from activation_tutorial.theme import lazy_images, preferred_palette_early, preferred_palette_script


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
