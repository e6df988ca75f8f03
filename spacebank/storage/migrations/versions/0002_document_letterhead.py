"""letterhead printed on invoices and credit notes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 20:10:00

The organisation's details (name, address, bank details, VAT number, terms) as they
were when an invoice or credit note was issued, as JSON, so a reprint is identical
to the first print after Settings change. Documents issued before this revision have
'' and print with the current details.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("invoices", "credit_notes")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("letterhead_json", sa.Text(), nullable=False, server_default="")
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("letterhead_json")
