"""A printed title never ends with one word alone on its last line, and binding it never lets markup through."""

from django.template import Context, Template


def _render(text):
    return Template("{% load documents %}{{ text|no_widow }}").render(Context({"text": text}))


def test_the_last_word_is_bound_to_the_one_before_it():
    assert _render("Về việc khen thưởng năm 2025") == "Về việc khen thưởng năm\u00a02025"
    assert _render("TỈNH") == "TỈNH"


def test_what_a_user_typed_stays_escaped():
    assert _render('<script>alert("x")</script> năm 2025') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; năm\u00a02025"
    )


def test_a_subject_with_a_line_break_binds_the_words_of_its_last_line():
    rendered = Template(
        "{% load documents %}{% filter no_widow %}Kiểm phiếu<br>Khen thưởng năm 2026{% endfilter %}"
    ).render(Context())
    assert rendered == "Kiểm phiếu<br>Khen thưởng năm\u00a02026"
