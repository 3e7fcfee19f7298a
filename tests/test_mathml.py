"""Formulas as compact MathML: no namespace, plain characters, and a prime beside its letter."""

import re

from activation_tutorial.content.math import compact_math, compact_mathml, mathml


def test_compact_math_keeps_the_formula():
    raw = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow>'
        '<mi>f</mi><mo>&#x02061;</mo><mo stretchy="false">&#x00028;</mo><mi>x</mi>'
        "<mo>&#x0003C;</mo><mn>0</mn><mo>&#x02264;</mo><mi>&#x003C3;</mi></mrow></math>"
    )
    assert compact_math(raw) == (
        '<math><mrow><mi>f</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>x</mi>'
        "<mo>&#x3C;</mo><mn>0</mn><mo>≤</mo><mi>σ</mi></mrow></math>"
    )
    block = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi></math>'
    assert compact_math(block) == '<math display="block"><mi>x</mi></math>'


def test_compact_mathml_touches_only_math():
    page = '<p title="&#x00028;">a</p><math display="inline"><mo>&#x0002B;</mo></math>'
    assert compact_mathml(page) == '<p title="&#x00028;">a</p><math><mo>+</mo></math>'


def test_a_prime_follows_its_base_at_text_size():
    prime = '<mo lspace="0" rspace="0">{}</mo>'
    assert mathml("f'(x)").startswith("<math><mrow><mi>f</mi>" + prime.format("′") + "<mo")
    assert "<mi>f</mi>" + prime.format("″") in mathml("f''(x)")
    relu = mathml(r"\mathrm{ReLU}'(x)")
    assert "</mi></mrow>" + prime.format("′") in relu and "<msup>" not in relu
    assert "<msup>" not in mathml(r"\tanh^{\prime}(x)")
    # Other superscripts stay superscripts, a prime among them included.
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in mathml("x^2")
    assert "<msup>" in mathml("x'^2")


def test_built_formulas_are_compact_and_keep_primes_at_text_size(page_html):
    """Pages' own formulas (l2m4m) and the generated ones alike."""
    problems = []
    for page, html in page_html.items():
        if 'xmlns="http://www.w3.org/1998/Math/MathML"' in html:
            problems.append(f"{page or '(home)'}: MathML namespace")
        if re.search(r"<math\b(?:(?!</math>).)*?&#x000", html, re.S):
            problems.append(f"{page or '(home)'}: zero-padded character references in MathML")
        if re.search(r"<mi>(?:[′″‴]|&#x0*203[234];)</mi></msup>", html):
            problems.append(f"{page or '(home)'}: a raised prime")
    assert problems == [], "\n".join(problems)
