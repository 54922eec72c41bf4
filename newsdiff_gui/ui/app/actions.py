"""The window's actions, menus and toolbar (what the user can command, in one place)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from newsdiff_gui.core.annotations import ReviewState
from newsdiff_gui.ui import theme


class Actions:
    """Every QAction of the main window; the window connects them to its slots."""

    def __init__(self, window: QMainWindow) -> None:
        def make(
            text: str,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | list[QKeySequence] = "",
        ) -> QAction:
            action = QAction(text, window)
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            elif shortcut:
                action.setShortcut(QKeySequence(shortcut))
            return action

        self.add_article = make("&Add article…", QKeySequence.StandardKey.New)
        self.add_article.setToolTip("Start watching an article (Ctrl+N)")
        self.import_page = make("&Import saved page…", "Ctrl+I")
        self.import_page.setToolTip("Store a page saved from the browser as a version")
        self.compare = make("&Compare…", "Ctrl+Shift+C")
        self.compare.setToolTip("Compare any two documents: versions, saved pages, addresses")
        self.check_all = make("Check &all now", "Ctrl+Shift+R")
        self.check_all.setToolTip("Check every tracked article now")
        self.check_selected = make("&Check now", QKeySequence.StandardKey.Refresh)
        self.check_selected.setToolTip("Check the selected article now (F5)")
        # For an article stored from saved pages only, whose site is never contacted
        # until the user says so (enabled for those only).
        self.start_checking = make("&Start checking the live page", "")
        self.start_checking.setToolTip(
            "Contact the imported article's address now and then on schedule"
        )
        self.check_history = make("Check &history…", "")
        self.check_history.setToolTip(
            "Every check of the selected article: when, what it found, and why"
        )
        self.open_in_browser = make("&Open in browser", "Ctrl+Shift+O")
        self.open_in_browser.setToolTip("Open the article's page in the web browser")
        self.copy_url = make("Copy &address", "")
        self.remove = make("&Remove article…", QKeySequence.StandardKey.Delete)
        self.remove.setToolTip("Stop checking the selected article")
        self.remove_never_worked = make("Remove all that &never worked…", "")
        self.remove_never_worked.setToolTip(
            "Delete the articles no check could ever capture (they have no stored version)"
        )
        self.quit = make("&Quit", QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.next_change = make("&Next change", [QKeySequence("Alt+Down"), QKeySequence("F7")])
        self.next_change.setToolTip("Next change (Alt+Down, F7)")
        self.previous_change = make(
            "&Previous change", [QKeySequence("Alt+Up"), QKeySequence("Shift+F7")]
        )
        self.previous_change.setToolTip("Previous change (Alt+Up, Shift+F7)")

        self.find = make("&Find in diff…", QKeySequence.StandardKey.Find)
        self.hide_unchanged = make("&Hide unchanged paragraphs", "Ctrl+H")
        self.hide_unchanged.setToolTip("Fold runs of unchanged paragraphs (Ctrl+H)")
        self.hide_minor = make("Hide &minor edits", "")
        self.hide_minor.setToolTip("Show punctuation, quote-style and case edits as unchanged")
        for folding in self.foldings().values():
            folding.setCheckable(True)

        self.export = make("&Export…", "Ctrl+E")
        self.export.setToolTip("Export the comparison on show with its notes (PDF, HTML, JSON)")
        self.export_wacz = make("Export evidence &package (WACZ)…", "Ctrl+Shift+E")
        self.export_wacz.setToolTip(
            "Export the article's captures, texts, diffs, notes and log as a signed WACZ"
        )
        self.add_note = make("Add &note", "Ctrl+M")
        self.add_note.setToolTip("Write a note on the change you are on (Ctrl+M)")
        # Alt+digit: one key per verdict, in the order a reviewer reaches for them.
        self.mark_states = {
            state: make(f"Mark as {state.label}", f"Alt+{digit}")
            for digit, state in (
                (1, ReviewState.SIGNIFICANT),
                (2, ReviewState.MINOR),
                (3, ReviewState.CORRECTION),
                (4, ReviewState.STEALTH_EDIT),
                (0, ReviewState.UNREVIEWED),
            )
        }
        self.mark_remaining = make("Mark &remaining as reviewed", "")
        self.mark_remaining.setToolTip("Every change without a verdict becomes “minor”")
        self.undo_delete = make("&Undo delete note", QKeySequence.StandardKey.Undo)
        self.reviewer_name = make("Reviewer &name…", "")
        self.reviewer_name.setToolTip("The name your notes are signed with")
        self.show_tour = make("Show the &tour again", "")
        self.show_tour.setToolTip("Four tips on a demo article, in a separate window")

        self.show_sidebar = make("Show &articles", "Ctrl+1")
        self.show_timeline = make("Show &versions", "Ctrl+2")
        self.show_legend = make("Show &legend", "")
        self.show_toolbar = make("Show &toolbar", "")
        self.show_notes = make("Show &notes", "Ctrl+3")
        for toggle in self.toggles().values():
            toggle.setCheckable(True)
            toggle.setChecked(True)
        self.refresh_icons()

    def toggles(self) -> dict[str, QAction]:
        """The View toggles by settings key."""
        return {
            "sidebar": self.show_sidebar,
            "timeline": self.show_timeline,
            "legend": self.show_legend,
            "toolbar": self.show_toolbar,
            "notes": self.show_notes,
        }

    def foldings(self) -> dict[str, QAction]:
        """The diff's hide toggles by settings key (off by default)."""
        return {"hide_unchanged": self.hide_unchanged, "hide_minor": self.hide_minor}

    def refresh_icons(self) -> None:
        """Re-tint the icons for the current palette (after a light/dark switch)."""
        self.add_article.setIcon(theme.icon("add"))
        self.import_page.setIcon(theme.icon("import"))
        self.check_all.setIcon(theme.icon("check"))
        self.check_selected.setIcon(theme.icon("check"))
        self.remove.setIcon(theme.icon("remove"))

    def build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.add_article)
        file_menu.addAction(self.import_page)
        file_menu.addAction(self.compare)
        file_menu.addAction(self.export)
        file_menu.addAction(self.export_wacz)
        file_menu.addSeparator()
        file_menu.addAction(self.check_all)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        article_menu = bar.addMenu("&Article")
        article_menu.addAction(self.check_selected)
        article_menu.addAction(self.start_checking)
        article_menu.addAction(self.check_history)
        article_menu.addAction(self.open_in_browser)
        article_menu.addAction(self.copy_url)
        article_menu.addAction(self.remove)
        article_menu.addAction(self.remove_never_worked)
        article_menu.addSeparator()
        article_menu.addAction(self.next_change)
        article_menu.addAction(self.previous_change)
        article_menu.addAction(self.find)
        review_menu = bar.addMenu("&Review")
        review_menu.addAction(self.add_note)
        for action in self.mark_states.values():
            review_menu.addAction(action)
        review_menu.addAction(self.mark_remaining)
        review_menu.addSeparator()
        review_menu.addAction(self.undo_delete)
        review_menu.addSeparator()
        review_menu.addAction(self.reviewer_name)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.hide_unchanged)
        view_menu.addAction(self.hide_minor)
        view_menu.addSeparator()
        for toggle in self.toggles().values():
            view_menu.addAction(toggle)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.show_tour)

    def article_context_actions(self) -> list[QAction]:
        """The sidebar's right-click menu."""
        separator = QAction(self.remove.parent())
        separator.setSeparator(True)
        return [
            self.check_selected,
            self.start_checking,
            self.check_history,
            self.open_in_browser,
            self.copy_url,
            separator,
            self.remove,
        ]

    def build_toolbar(self, window: QMainWindow) -> QToolBar:
        toolbar = QToolBar("Main toolbar", window)
        toolbar.setObjectName("main-toolbar")  # saveState needs a name
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addAction(self.add_article)
        toolbar.addAction(self.import_page)
        toolbar.addSeparator()
        toolbar.addAction(self.check_all)
        toolbar.addAction(self.check_selected)
        toolbar.addSeparator()
        toolbar.addAction(self.previous_change)
        toolbar.addAction(self.next_change)
        toolbar.addSeparator()
        toolbar.addAction(self.hide_unchanged)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar
