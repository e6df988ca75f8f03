"""The bookings list's actions: text, shortcut and status tip in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.actions import make_action


@dataclass(frozen=True)
class BookingListActions:
    open: QAction
    confirm: QAction
    cancel: QAction
    move: QAction
    duplicate: QAction
    issue_invoice: QAction
    record_payment: QAction
    print_confirmation: QAction
    print_invoice: QAction
    make_documents: QAction
    find: QAction
    show_list: QAction
    show_attention: QAction
    refresh: QAction

    @classmethod
    def build(cls, page: QWidget, table: QWidget) -> BookingListActions:
        """`open` (Return) is bound to the table so Return in a filter field stays there."""
        return cls(
            open=make_action(table, "&Open booking…", ("Return", "Enter"),
                             "Open the selected booking to see or change it"),
            confirm=make_action(page, "&Confirm", ("Ctrl+K",),
                                "Confirm the selected provisional holds"),
            cancel=make_action(page, "C&ancel booking…", ("Ctrl+Del",),
                               "Cancel the selected booking (a reason is required)"),
            move=make_action(page, "&Move…", ("Ctrl+M",),
                             "Move the selected booking to another date, time or hall"),
            duplicate=make_action(page, "&Duplicate", ("Ctrl+D",),
                                  "Book the same hall, hirer and times a week later"),
            issue_invoice=make_action(page, "Issue &invoice", ("Ctrl+I",),
                                      "Invoice the selected bookings (one hirer per invoice)"),
            record_payment=make_action(page, "Record &payment…", ("Ctrl+Shift+P",),
                                       "Record money received for the selected booking's invoice"),
            print_confirmation=make_action(
                page, "Print confir&mation…", ("Ctrl+P",),
                "Preview the selected booking's confirmation letter, to print or save"),
            print_invoice=make_action(
                page, "Print in&voice…", ("Ctrl+Alt+P",),
                "Preview the invoice the selected booking is on, to print or save"),
            make_documents=make_action(
                page, "Make documents for the selection…", ("Ctrl+Shift+M",),
                "Confirmation letters for every selected booking, as PDF files"),
            find=make_action(page, "&Find by reference", ("Ctrl+F",),
                             "Type a booking reference to open it"),
            show_list=make_action(page, "Go to the &list", ("Ctrl+L",),
                                  "Move the keyboard focus to the bookings list"),
            show_attention=make_action(page, "Go to &needs attention", ("Ctrl+Shift+A",),
                                       "Move the keyboard focus to the needs-attention list"),
            refresh=make_action(page, "&Refresh", ("F5",), "Read the bookings again"),
        )

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def on_selection(self) -> list[QAction]:
        """What acts on the selected bookings (the table's context menu)."""
        return [self.open, self.confirm, self.cancel, self.move, self.duplicate,
                self.issue_invoice, self.record_payment, self.print_confirmation,
                self.print_invoice, self.make_documents]
