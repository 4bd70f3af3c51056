"""HTML reports: boilerplate dropped, blocks on their own lines, entities decoded."""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.errors import InputError
from actornet.ingest import read_document
from actornet.ingest.html import html_to_text

PAGE = """<!DOCTYPE html>
<html><head><title>  Spotlight &amp; Iran </title>
<style>p { color: red }</style><script>var secret = "script text";</script></head>
<body>
<header><h1>Site banner</h1></header>
<nav><a href="/">Home</a></nav>
<div role="navigation">Breadcrumbs</div>
<article>
  <h2>Overview</h2>
  <p>Iran&rsquo;s   envoy&nbsp;met
     <b>al-Kazimi</b> in   Baghdad &ndash; &ldquo;talks&rdquo;.<br>Second line</p>
  <!-- an HTML comment -->
  <ul><li>First item</li><li><p>Second item</p></li></ul>
  <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
  <blockquote>Quoted</blockquote>
  <noscript>Enable JS</noscript><template><p>Template</p></template>
  <form><input value="x"><button>Send</button></form>
  <svg><text>SVG text</text></svg><iframe src="x"></iframe>
</article>
<aside>Related links</aside>
<footer>Copyright</footer>
</body></html>"""

EXPECTED = (
    "Overview\n"
    "Iran’s envoy\u00a0met al-Kazimi in Baghdad – “talks”.\n"
    "Second line\n"
    "• First item\n"
    "• Second item\n"
    "Cell A Cell B\n"
    "Quoted"
)


def test_html_to_text() -> None:
    text, title = html_to_text(PAGE)
    assert text == EXPECTED
    assert title == "Spotlight & Iran"


@pytest.mark.parametrize(
    "dropped",
    [
        "script text",
        "color: red",
        "Site banner",
        "Home",
        "Breadcrumbs",
        "an HTML comment",
        "Enable JS",
        "Template",
        "Send",
        "SVG text",
        "Related links",
        "Copyright",
    ],
)
def test_boilerplate_is_dropped(dropped: str) -> None:
    assert dropped not in html_to_text(PAGE)[0]


@pytest.mark.parametrize(
    ("source", "title"),
    [
        (
            "<html><head><title>Head title</title></head><body><h1>H1</h1></body></html>",
            "Head title",
        ),
        (
            "<html><body><h1> First <em>heading</em> </h1><h1>Second</h1></body></html>",
            "First heading",
        ),
        ("<p>Only a paragraph</p><p>and another</p>", "Only a paragraph"),
    ],
)
def test_html_title(tmp_path: Path, source: str, title: str) -> None:
    path = tmp_path / "page.htm"
    path.write_text(source, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == title
    assert doc.format == "html"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>a</p><p>b</p>", "a\nb"),
        ("<div>a<div>b</div>c</div>", "a\nb\nc"),
        ("<p>one<br/>two<br>three</p>", "one\ntwo\nthree"),
        ("<h3>Head</h3>text", "Head\ntext"),
        ("<section>s</section><article>a</article>", "s\na"),
        ("<pre>line 1\nline 2</pre>", "line 1\nline 2"),
        ("<p>a &lt;b&gt; &amp; c&#8217;s &#x2013; d</p>", "a <b> & c’s – d"),
        ("<p>x</p><div hidden>invisible</div>", "x"),
        ('<?xml version="1.0" encoding="utf-8"?><html><body><p>xhtml</p></body></html>', "xhtml"),
        ("<ol><li>one<ul><li>nested</li></ul></li></ol>", "• one\n• nested"),
    ],
)
def test_blocks_and_entities(source: str, expected: str) -> None:
    assert html_to_text(source)[0] == expected


def test_windows_1252_page_and_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "cp.html"
    path.write_bytes(b'<meta charset="windows-1252"><p>Iran\x92s \x93envoy\x94</p>')
    assert read_document(path).text == "Iran’s “envoy”"
    arabic = tmp_path / "ar.html"
    arabic.write_bytes(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        + "<p>طهران</p>".encode("cp1256")
    )
    assert read_document(arabic).text == "طهران"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>menu</nav></body></html>")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == "no text content in this HTML file"


def test_html_document_period(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        "<h1>Spotlight on Iran</h1><p>15 November 2020 - 29 November 2020</p><p>Body.</p>",
        encoding="utf-16",
    )
    doc = read_document(path)
    assert doc.text == "Spotlight on Iran\n15 November 2020 - 29 November 2020\nBody."
    assert (doc.period_start, doc.period_end, doc.period_stated) == (
        "2020-11-15",
        "2020-11-29",
        True,
    )
