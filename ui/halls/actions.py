"""The halls page's actions: text, shortcut and status tip in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.actions import make_action, separator

DEACTIVATE_TEXT = "&Deactivate"
REACTIVATE_TEXT = "&Reactivate"


@dataclass(frozen=True)
class HallsActions:
    new_venue: QAction
    new_hall: QAction
    save: QAction
    deactivate: QAction
    add_closure: QAction
    new_extra: QAction
    go_to_list: QAction
    refresh: QAction

    @classmethod
    def build(cls, page: QWidget) -> HallsActions:
        return cls(
            new_venue=make_action(page, "New &venue…", ("Ctrl+Shift+N",),
                                  "Add a venue (a site with one or more halls)"),
            new_hall=make_action(page, "New &hall…", ("Ctrl+N",),
                                 "Add a hall to the chosen venue"),
            save=make_action(page, "&Save", ("Ctrl+S",),
                             "Save the venue or hall being edited"),
            deactivate=make_action(page, DEACTIVATE_TEXT, ("Ctrl+Shift+D",),
                                   "Take the chosen venue or hall out of use, or bring it "
                                   "back"),
            add_closure=make_action(page, "Add &closure…", ("Ctrl+Shift+C",),
                                    "Close the chosen venue or hall for a period"),
            new_extra=make_action(page, "New e&xtra…", ("Ctrl+Shift+X",),
                                  "Add an extra hirers can book (kitchen use, PA system…)"),
            go_to_list=make_action(page, "Go to the venues &list", ("Ctrl+L",),
                                   "Move the keyboard focus to the venues and halls"),
            refresh=make_action(page, "Re&fresh", ("F5",),
                                "Read venues, halls, extras and closures again"),
        )

    def for_menu(self, page: QWidget) -> list[QAction]:
        return [self.new_venue, self.new_hall, self.save, self.deactivate, separator(page),
                self.add_closure, self.new_extra, separator(page), self.go_to_list,
                self.refresh]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]
