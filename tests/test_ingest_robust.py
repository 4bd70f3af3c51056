"""Any bytes under any supported suffix give a Document or an InputError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actornet.errors import InputError
from actornet.ingest import SUPPORTED_SUFFIXES, infer_period, parse_period, read_document
from actornet.model import Document

_PDF_LIKE = st.builds(lambda body: b"%PDF-1.4\n" + body, st.binary(max_size=400))


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(str.encode), _PDF_LIKE))
def test_arbitrary_bytes_never_crash(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert exc.reason and "\n" not in exc.reason
        else:
            assert isinstance(doc, Document)
            assert doc.text.strip()
            assert doc.sha256 == Document.hash_text(doc.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_period_functions_return_valid_iso_pairs(text: str) -> None:
    for start, end in (parse_period(text), infer_period(text)):
        assert (start is None) == (end is None)
        if start and end:
            assert len(start) == len(end) == 10
            assert start <= end
