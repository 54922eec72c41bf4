"""Article extraction: HTML → Document.

    from newsdiff_gui.core.extract import extract_document, ExtractionError

`extract_document` raises only `ExtractionError` (a ValueError), whatever string
it is given. `EXTRACTOR_NAME`/`EXTRACTOR_VERSION` are stored with every version.
"""

from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.errors import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractionError

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "ExtractionError", "extract_document"]
