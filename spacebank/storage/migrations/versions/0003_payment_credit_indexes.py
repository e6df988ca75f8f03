"""covering indexes for money received and credited per invoice

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 20:50:00

Balances and the income report's ageing sum payments and credit notes per invoice up
to a day. With (invoice_id, day, amount) in one index those sums never touch the
tables; the single-column invoice_id indexes they replace are prefixes of the new ones.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: (table, old index, new index, columns)
INDEXES = (
    ("payments", "ix_payments_invoice_id", "ix_payments_invoice_received",
     ["invoice_id", "received_on", "amount_pence"]),
    ("credit_notes", "ix_credit_notes_invoice_id", "ix_credit_notes_invoice_issued",
     ["invoice_id", "issued_on", "gross_pence"]),
)


def upgrade() -> None:
    for table, old, new, columns in INDEXES:
        op.create_index(new, table, columns)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, new, columns in INDEXES:
        op.create_index(old, table, columns[:1])
        op.drop_index(new, table_name=table)
