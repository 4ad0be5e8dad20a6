"""Generated PDFs fetch nothing: a URL that slipped into a document can reach neither the network nor a file."""

import pytest
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from emulation.documents import inline_only_fetcher


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://169.254.169.254/latest/", "https://example.org/x.png"])
def test_documents_refuse_files_and_network(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        inline_only_fetcher().fetch(url)


def test_documents_keep_inline_images():
    response = inline_only_fetcher().fetch("data:text/plain;base64,eGlu")
    assert response.read() == b"xin"


class Spy(URLFetcher):
    """The portal's fetcher's rule, recording what a document asked for and what it got."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self.asked, self.served = [], []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        response = super().fetch(url, headers)
        self.served.append(url)
        return response


def test_a_file_url_in_a_document_is_not_read(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    spy = Spy()
    html = f'<p>x</p><img src="file://{secret}"><link rel="stylesheet" href="file://{secret}">'
    assert HTML(string=html, url_fetcher=spy).write_pdf().startswith(b"%PDF")
    assert spy.asked and not spy.served


def test_every_document_goes_through_the_fetcher():
    import inspect

    from emulation import documents

    assert "url_fetcher=inline_only_fetcher()" in inspect.getsource(documents.render_pdf)
