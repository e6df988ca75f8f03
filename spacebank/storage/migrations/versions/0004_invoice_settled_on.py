"""invoices.settled_on: the day from which an invoice has owed nothing

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 21:40:00

The income report's ageing looks for money owed as of a day only among invoices
issued by then and not settled by then, instead of summing ten years of payments.
Existing rows are backfilled conservatively in SQL: an invoice that owes nothing now
counts as settled from its last payment, refund or credit (or its issue day, if later),
after which its balance cannot change. That may be later than the true day, which only
adds candidates the exact sums then drop; the services recompute it exactly on the
invoice's next money action. Anything owed now leaves it NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE invoices SET settled_on = (
    SELECT MAX(day) FROM (
        SELECT invoices.issued_on AS day
        UNION ALL SELECT MAX(p.received_on) FROM payments p WHERE p.invoice_id = invoices.id
        UNION ALL SELECT MAX(c.issued_on) FROM credit_notes c WHERE c.invoice_id = invoices.id
    ) AS days
)
WHERE invoices.gross_pence
    - COALESCE((SELECT SUM(p.amount_pence) FROM payments p WHERE p.invoice_id = invoices.id), 0)
    - COALESCE((SELECT SUM(c.gross_pence) FROM credit_notes c WHERE c.invoice_id = invoices.id), 0)
    <= 0
"""


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(sa.Column("settled_on", sa.Date(), nullable=True))
    op.execute(BACKFILL)
    op.create_index(
        "ix_invoices_settled_issued", "invoices", ["settled_on", "issued_on", "gross_pence"]
    )


def downgrade() -> None:
    op.drop_index("ix_invoices_settled_issued", table_name="invoices")
    # In place (SQLite 3.35+ drops columns itself): copying the table to drop it would
    # trip the foreign keys of the lines, credit notes and payments that point at it.
    with op.batch_alter_table("invoices", recreate="never") as batch:
        batch.drop_column("settled_on")
