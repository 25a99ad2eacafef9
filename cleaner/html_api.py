"""One HTML page through the whole tool: decode, extract, then the usual repair and stages.

Kept apart from `api.py` so the text path stays small; `Cleaner.clean_html` calls
`clean_html_document`. The extracted text becomes `Document.text`, so the report's
`text` is what the stages ran on and `replay(report)` still gives the output; the
extraction itself is recorded in `report["steps"]` and the page's title, author and
date in `report["metadata"]`.

An HTML page over `max_bytes`, or whose extraction runs out of time, is an error whatever
`Config.on_limit` says: passing the raw HTML through as "clean text" would help no one.
A timeout later, in the stages, follows `on_limit` like any text document.
"""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING

from .errors import DocumentTimeout, InputError
from .html import extract_article
from .htmldecode import decode_html
from .model import Document
from .report import error_report

if TYPE_CHECKING:
    from .api import Cleaner, Result


def clean_html_document(cleaner: Cleaner, data: bytes | str, source: str, url: str | None = None,
                        group: str | None = None) -> Result:
    """Decode, extract and clean one page; every failure becomes a `Result` with `error`."""
    from .api import Result

    config = cleaner.config
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = Document(source=source, text="", raw_sha256=hashlib.sha256(raw).hexdigest(), raw_bytes=len(raw),
                   corpus_group=group)
    started = time.monotonic()
    deadline = started + config.timeout_s if config.timeout_s else None
    try:
        if len(raw) > config.max_bytes:
            raise InputError(f"too large: {len(raw)} bytes (limit {config.max_bytes}, see --max-bytes)")
        if isinstance(data, str):
            html, note = data, None
        else:
            html, doc.decoded, note = decode_html(data, config.max_bytes)
        if note and doc.decoded is not None:
            doc.steps.append({"step": "decode", "encoding": doc.decoded.encoding, "note": note})
        extraction = extract_article(html, url=url, timeout_s=config.timeout_s)
        if deadline is not None and time.monotonic() > deadline:
            raise DocumentTimeout(f"HTML extraction took longer than {config.timeout_s:g}s")
    except DocumentTimeout as exc:
        message = f"timed out after {config.timeout_s}s ({exc})"
        return Result(text="", report=error_report(source, message, doc), error=message)
    except InputError as exc:
        return Result(text="", report=error_report(source, str(exc), doc), error=str(exc))
    doc.text = extraction.text
    doc.steps.append(extraction.step)
    doc.metadata.update(extraction.metadata)
    return cleaner._clean(doc, deadline)
