"""Article → Remove all that never worked…: the articles no check could ever capture.

An article "never worked" when it has no stored version and its checks failed
(a 404, a PDF, a page with no article): it would be retried on the failure
schedule for good. Removing them deletes only such articles and their failed
checks; the worker checks again, article by article, that none has a version,
so a first capture stored meanwhile is kept (versions are never deleted here).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from newsdiff_gui.ui.sidebar.model import ArticleItem

LISTED = 8  # titles named in the confirmation; the rest are counted


def never_worked(items: Sequence[ArticleItem]) -> list[ArticleItem]:
    return [item for item in items if item.never_worked]


def _articles(count: int) -> str:
    return "1 article" if count == 1 else f"{count} articles"


class RemoveNeverWorkedDialog(QMessageBox):
    """Confirms removing the articles that never worked, naming them; or says there
    are none (then it only has an OK button)."""

    def __init__(self, items: Sequence[ArticleItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove all that never worked")
        self.items = never_worked(items)
        if not self.items:
            self.setIcon(QMessageBox.Icon.Information)
            self.setText("Every article has been captured at least once: nothing to remove.")
            self.setStandardButtons(QMessageBox.StandardButton.Ok)
            return
        self.setIcon(QMessageBox.Icon.Question)
        count = len(self.items)
        self.setText(f"Remove {_articles(count)} that no check could ever capture?")
        names = [f"• {item.shown_title} — {item.last_error}" for item in self.items[:LISTED]]
        if count > LISTED:
            names.append(f"… and {_articles(count - LISTED)} more")
        self.setInformativeText(
            "\n".join(names) + "\n\nThey have no stored version; only the articles and "
            "their failed checks are deleted. Articles with a stored version are kept, "
            "and no version is ever deleted."
        )
        self.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        self.button(QMessageBox.StandardButton.Ok).setText(f"Remove {_articles(count)}")
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def confirmed(self) -> bool:
        """The user pressed "Remove N articles" (there were some to remove)."""
        ok = self.button(QMessageBox.StandardButton.Ok)
        return bool(self.items) and ok is not None and self.clickedButton() is ok

    def article_ids(self) -> list[int]:
        return [item.id for item in self.items]
