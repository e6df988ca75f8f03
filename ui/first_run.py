"""First run on an empty database: offer demo data, or say what to set up first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from spacebank.demo import generate_demo
from spacebank.services.container import Services
from ui.changes import ChangeBus
from ui.service_call import Messages
from ui.tasks import Task


class FirstRunQuestion:
    """Behind a classmethod so tests can answer it."""

    @classmethod
    def wants_demo(cls, parent: QWidget) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Welcome to Spacebank",
                          "This database is empty.\n\nLoad a year of demo data (20 venues, "
                          "33 halls, hirers, bookings and invoices) to try Spacebank out, or "
                          "start empty and add your venues and halls under Halls (Ctrl+5).",
                          parent=parent)
        demo = box.addButton("Load &demo data", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Start &empty", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(demo)
        box.exec()
        return box.clickedButton() is demo


def offer_demo_data(parent: QWidget, services: Services, bus: ChangeBus) -> Task | None:
    if not FirstRunQuestion.wants_demo(parent):
        Messages.info(parent, "Start here",
                      "Add your first venue and hall under Halls (Ctrl+5); then take "
                      "bookings from the Phone console (Ctrl+1).")
        return None
    db = services.ctx.db
    task = Task(parent, "Loading demo data…",
                lambda report: generate_demo(db, years=1, seed=1, progress=report))
    task.finished.connect(lambda _summary: bus.publish("all"))
    task.failed.connect(lambda error: Messages.warn(parent, "Demo data", error.user_message))
    task.start()
    return task
