"""The main window: hosts the feature pages, the menus and the status bar. No rules."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from ui.page import Page
from ui.screen_fit import resize_to_fit


class MainWindow(QMainWindow):
    def __init__(self, pages: Sequence[Page], *, database_name: str,
                 file_actions: Sequence[QAction] = (), help_actions: Sequence[QAction] = ()
                 ) -> None:
        super().__init__()
        self.setWindowTitle("Spacebank — community halls bookings")
        resize_to_fit(self, 1360, 860)
        self._pages = list(pages)
        self._tabs = QTabWidget()
        self._tabs.setDocumentMode(True)
        self._tabs.setAccessibleName("Screens")
        for page in self._pages:
            self._tabs.addTab(page.widget(), page.title)
        self._tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self._tabs)
        self._build_menus(file_actions, help_actions)
        self._db_label = QLabel(f"Database: {database_name}")
        self._db_label.setAccessibleName("Database in use")
        self.statusBar().addPermanentWidget(self._db_label)

    @property
    def pages(self) -> list[Page]:
        return list(self._pages)

    def show_page(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)
        self._pages[index].focus_first()

    def page_widget(self, title: str) -> QWidget:
        for page in self._pages:
            if page.title == title:
                return page.widget()
        raise KeyError(title)

    def _build_menus(self, file_actions: Sequence[QAction],
                     help_actions: Sequence[QAction]) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in file_actions:
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = bar.addMenu("&Go")
        for index, page in enumerate(self._pages):
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setStatusTip(f"Show the {page.title} screen")
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            go_menu.addAction(action)
        for page in self._pages:
            actions = page.actions_for_menu()
            if actions:
                menu = QMenu(page.title, self)
                menu.addActions(actions)
                bar.addMenu(menu)
        help_menu = bar.addMenu("&Help")
        for action in help_actions:
            help_menu.addAction(action)

    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(self._pages):
            self._pages[index].focus_first()
            self.statusBar().showMessage(self._pages[index].title, 2000)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self._tabs.currentIndex() != 0:
            self.show_page(0)
            return
        super().keyPressEvent(event)
