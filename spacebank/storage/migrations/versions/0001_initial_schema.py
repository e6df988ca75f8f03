"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 16:42:29.588223
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from spacebank.domain.base import UTCDateTime
from spacebank.domain.venue import FacilitySet

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "extras",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("price_pence", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "price_pence BETWEEN 0 AND 10000000", name=op.f("ck_extras_price_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extras")),
        sa.UniqueConstraint("name", name=op.f("uq_extras_name")),
    )
    op.create_table(
        "hirers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "hirer_type",
            sa.Enum(
                "resident",
                "charity",
                "resident_association",
                "private",
                "business",
                "council",
                name="hirer_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("phone_alt", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("anonymised_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hirers")),
    )
    with op.batch_alter_table("hirers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hirers_sort_key"), ["sort_key"], unique=False)

    op.create_table(
        "number_counters",
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "last_value >= 0", name=op.f("ck_number_counters_last_value_non_negative")
        ),
        sa.PrimaryKeyConstraint("series", name=op.f("pk_number_counters")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("access_notes", sa.Text(), nullable=False),
        sa.Column("on_the_day_phone", sa.String(length=40), nullable=False),
        sa.Column("facilities", FacilitySet(), nullable=False),
        sa.Column("open_on_bank_holidays", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venues")),
        sa.UniqueConstraint("name", name=op.f("uq_venues_name")),
    )
    op.create_table(
        "halls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("facilities", FacilitySet(), nullable=False),
        sa.Column("min_booking_minutes", sa.Integer(), nullable=False),
        sa.Column("setup_minutes", sa.Integer(), nullable=False),
        sa.Column("cleanup_minutes", sa.Integer(), nullable=False),
        sa.Column("deposit_pence", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("capacity BETWEEN 1 AND 2000", name=op.f("ck_halls_capacity_range")),
        sa.CheckConstraint(
            "cleanup_minutes BETWEEN 0 AND 240", name=op.f("ck_halls_cleanup_range")
        ),
        sa.CheckConstraint("deposit_pence >= 0", name=op.f("ck_halls_deposit_non_negative")),
        sa.CheckConstraint(
            "min_booking_minutes BETWEEN 15 AND 1440", name=op.f("ck_halls_min_booking_range")
        ),
        sa.CheckConstraint("setup_minutes BETWEEN 0 AND 240", name=op.f("ck_halls_setup_range")),
        sa.ForeignKeyConstraint(["parent_id"], ["halls.id"], name=op.f("fk_halls_parent_id_halls")),
        sa.ForeignKeyConstraint(["venue_id"], ["venues.id"], name=op.f("fk_halls_venue_id_venues")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_halls")),
        sa.UniqueConstraint("venue_id", "name", name="uq_halls_venue_name"),
    )
    with op.batch_alter_table("halls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_halls_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_halls_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "hirer_search_terms",
        sa.Column("hirer_id", sa.Integer(), nullable=False),
        sa.Column(
            "term",
            sa.String(length=200).with_variant(sa.String(length=200, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["hirer_id"],
            ["hirers.id"],
            name=op.f("fk_hirer_search_terms_hirer_id_hirers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("hirer_id", "term", name=op.f("pk_hirer_search_terms")),
    )
    with op.batch_alter_table("hirer_search_terms", schema=None) as batch_op:
        batch_op.create_index(
            "ix_hirer_search_terms_term_hirer", ["term", "hirer_id"], unique=False
        )

    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("hirer_id", sa.Integer(), nullable=False),
        sa.Column("bill_to_name", sa.String(length=400), nullable=False),
        sa.Column("bill_to_address", sa.Text(), nullable=False),
        sa.Column("bill_to_postcode", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("net_pence", sa.Integer(), nullable=False),
        sa.Column("vat_pence", sa.Integer(), nullable=False),
        sa.Column("gross_pence", sa.Integer(), nullable=False),
        sa.Column("payment_reference", sa.String(length=40), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("due_on >= issued_on", name=op.f("ck_invoices_due_after_issue")),
        sa.CheckConstraint(
            "gross_pence = net_pence + vat_pence", name=op.f("ck_invoices_gross_sum")
        ),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_invoices_sequence_positive")),
        sa.ForeignKeyConstraint(
            ["hirer_id"], ["hirers.id"], name=op.f("fk_invoices_hirer_id_hirers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_hirer_id"), ["hirer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_issued_on"), ["issued_on"], unique=False)

    op.create_table(
        "key_holders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["venues.id"],
            name=op.f("fk_key_holders_venue_id_venues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_holders")),
    )
    with op.batch_alter_table("key_holders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_holders_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "opening_hours",
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens_min", sa.Integer(), nullable=False),
        sa.Column("closes_min", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "opens_min >= 0 AND closes_min <= 1440 AND opens_min < closes_min",
            name=op.f("ck_opening_hours_hours_order"),
        ),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_opening_hours_weekday_range")),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["venues.id"],
            name=op.f("fk_opening_hours_venue_id_venues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("venue_id", "weekday", name=op.f("pk_opening_hours")),
    )
    op.create_table(
        "closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(length=400), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_closures_closure_order")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_closures_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venues.id"], name=op.f("fk_closures_venue_id_venues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closures")),
    )
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.create_index("ix_closures_venue_start", ["venue_id", "starts_at"], unique=False)

    op.create_table(
        "credit_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=400), nullable=False),
        sa.Column("net_pence", sa.Integer(), nullable=False),
        sa.Column("vat_pence", sa.Integer(), nullable=False),
        sa.Column("gross_pence", sa.Integer(), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "gross_pence = net_pence + vat_pence", name=op.f("ck_credit_notes_gross_sum")
        ),
        sa.CheckConstraint("gross_pence > 0", name=op.f("ck_credit_notes_credit_positive")),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_credit_notes_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_notes")),
        sa.UniqueConstraint("number", name=op.f("uq_credit_notes_number")),
    )
    with op.batch_alter_table("credit_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credit_notes_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "card_by_phone",
                "bank_transfer",
                "cash",
                "cheque",
                "internal_recharge",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("cost_centre", sa.String(length=40), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "method <> 'internal_recharge' OR cost_centre <> ''",
            name=op.f("ck_payments_recharge_cost_centre"),
        ),
        sa.CheckConstraint("amount_pence <> 0", name=op.f("ck_payments_amount_non_zero")),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payments_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_invoice_id"), ["invoice_id"], unique=False)

    op.create_table(
        "rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column(
            "rate_type",
            sa.Enum(
                "community",
                "private",
                "commercial",
                name="rate_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "band",
            sa.Enum(
                "weekday_daytime",
                "evening_weekend",
                name="time_band",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("pence_per_hour", sa.Integer(), nullable=False),
        sa.CheckConstraint("pence_per_hour BETWEEN 0 AND 100000", name=op.f("ck_rates_rate_range")),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["halls.id"], name=op.f("fk_rates_hall_id_halls"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rates")),
        sa.UniqueConstraint("hall_id", "rate_type", "band", name="uq_rates_hall_type_band"),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("hirer_id", sa.Integer(), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum(
                "weekly",
                "fortnightly",
                "monthly_by_weekday",
                name="frequency",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.Column("occurrence_count", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "occurrence_count BETWEEN 1 AND 520", name=op.f("ck_series_series_count_range")
        ),
        sa.CheckConstraint("start_min < end_min", name=op.f("ck_series_series_time_order")),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_series_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["hirer_id"], ["hirers.id"], name=op.f("fk_series_hirer_id_hirers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_hirer_id"), ["hirer_id"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("hirer_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("setup_minutes", sa.Integer(), nullable=False),
        sa.Column("cleanup_minutes", sa.Integer(), nullable=False),
        sa.Column("blocked_start", UTCDateTime(), nullable=False),
        sa.Column("blocked_end", UTCDateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "provisional",
                "confirmed",
                "completed",
                "cancelled",
                "expired",
                name="booking_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("attendees", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "rate_type",
            sa.Enum(
                "community",
                "private",
                "commercial",
                name="rate_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "discount_kind",
            sa.Enum(
                "percent",
                "amount",
                "waiver",
                name="discount_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("discount_value", sa.Integer(), nullable=False),
        sa.Column("discount_reason", sa.String(length=400), nullable=False),
        sa.Column("discount_approved_by", sa.String(length=100), nullable=False),
        sa.Column("total_pence", sa.Integer(), nullable=False),
        sa.Column("deposit_pence", sa.Integer(), nullable=False),
        sa.Column("hold_expires_at", UTCDateTime(), nullable=True),
        sa.Column("short_notice_approved_by", sa.String(length=100), nullable=False),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_by", sa.String(length=100), nullable=False),
        sa.Column("cancel_reason", sa.String(length=400), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "attendees BETWEEN 1 AND 2000", name=op.f("ck_bookings_attendees_range")
        ),
        sa.CheckConstraint(
            "blocked_start <= starts_at AND blocked_end >= ends_at",
            name=op.f("ck_bookings_blocked_covers"),
        ),
        sa.CheckConstraint(
            "setup_minutes >= 0 AND cleanup_minutes >= 0", name=op.f("ck_bookings_buffers_positive")
        ),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_bookings_time_order")),
        sa.CheckConstraint(
            "total_pence BETWEEN 0 AND 10000000 AND deposit_pence BETWEEN 0 AND 10000000",
            name=op.f("ck_bookings_money_range"),
        ),
        sa.ForeignKeyConstraint(["hall_id"], ["halls.id"], name=op.f("fk_bookings_hall_id_halls")),
        sa.ForeignKeyConstraint(
            ["hirer_id"], ["hirers.id"], name=op.f("fk_bookings_hirer_id_hirers")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_bookings_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bookings_hall_blocked", ["hall_id", "blocked_start"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bookings_hirer_id"), ["hirer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookings_series_id"), ["series_id"], unique=False)
        batch_op.create_index("ix_bookings_starts_at", ["starts_at"], unique=False)
        batch_op.create_index(
            "ix_bookings_provisional_hold",
            ["hold_expires_at"],
            unique=False,
            sqlite_where=sa.text("status = 'provisional'"),
            postgresql_where=sa.text("status = 'provisional'"),
        )

    op.create_table(
        "credit_note_lines",
        sa.Column("credit_note_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=400), nullable=False),
        sa.Column("net_pence", sa.Integer(), nullable=False),
        sa.Column("vat_rate_bp", sa.Integer(), nullable=False),
        sa.Column("vat_pence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["credit_note_id"],
            ["credit_notes.id"],
            name=op.f("fk_credit_note_lines_credit_note_id_credit_notes"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("credit_note_id", "position", name=op.f("pk_credit_note_lines")),
    )
    op.create_table(
        "booking_charges",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "hire",
                "extra",
                "discount",
                name="charge_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=400), nullable=False),
        sa.Column("quantity", sa.String(length=40), nullable=False),
        sa.Column("unit_pence", sa.Integer(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("vat_rate_bp", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_charges_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("booking_id", "position", name=op.f("pk_booking_charges")),
    )
    op.create_table(
        "booking_extras",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("extra_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "quantity BETWEEN 1 AND 1000", name=op.f("ck_booking_extras_quantity_range")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_extras_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["extra_id"], ["extras.id"], name=op.f("fk_booking_extras_extra_id_extras")
        ),
        sa.PrimaryKeyConstraint("booking_id", "extra_id", name=op.f("pk_booking_extras")),
    )
    op.create_table(
        "deposits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "due",
                "held",
                "refunded",
                "retained",
                name="deposit_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "method",
            sa.Enum(
                "card_by_phone",
                "bank_transfer",
                "cash",
                "cheque",
                "internal_recharge",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("retained_pence", sa.Integer(), nullable=False),
        sa.Column("retained_reason", sa.String(length=400), nullable=False),
        sa.CheckConstraint("amount_pence > 0", name=op.f("ck_deposits_amount_positive")),
        sa.CheckConstraint(
            "retained_pence >= 0 AND retained_pence <= amount_pence",
            name=op.f("ck_deposits_retained_range"),
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_deposits_booking_id_bookings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposits")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_deposits_booking_id")),
    )
    op.create_table(
        "invoice_lines",
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=400), nullable=False),
        sa.Column("quantity", sa.String(length=40), nullable=False),
        sa.Column("unit_pence", sa.Integer(), nullable=False),
        sa.Column("net_pence", sa.Integer(), nullable=False),
        sa.Column("vat_rate_bp", sa.Integer(), nullable=False),
        sa.Column("vat_pence", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "vat_rate_bp BETWEEN 0 AND 10000", name=op.f("ck_invoice_lines_vat_rate_range")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_invoice_lines_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("invoice_id", "position", name=op.f("pk_invoice_lines")),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_lines_booking_id"), ["booking_id"], unique=False
        )

    _create_overlap_guard()


def downgrade() -> None:
    _drop_overlap_guard()
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_lines_booking_id"))

    op.drop_table("invoice_lines")
    op.drop_table("deposits")
    op.drop_table("booking_extras")
    op.drop_table("booking_charges")
    op.drop_table("credit_note_lines")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_bookings_provisional_hold",
            sqlite_where=sa.text("status = 'provisional'"),
            postgresql_where=sa.text("status = 'provisional'"),
        )
        batch_op.drop_index("ix_bookings_starts_at")
        batch_op.drop_index(batch_op.f("ix_bookings_series_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_hirer_id"))
        batch_op.drop_index("ix_bookings_hall_blocked")

    op.drop_table("bookings")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_hirer_id"))

    op.drop_table("series")
    op.drop_table("rates")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_invoice_id"))

    op.drop_table("payments")
    with op.batch_alter_table("credit_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_notes_invoice_id"))

    op.drop_table("credit_notes")
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.drop_index("ix_closures_venue_start")

    op.drop_table("closures")
    op.drop_table("opening_hours")
    with op.batch_alter_table("key_holders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_holders_venue_id"))

    op.drop_table("key_holders")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_issued_on"))
        batch_op.drop_index(batch_op.f("ix_invoices_hirer_id"))

    op.drop_table("invoices")
    with op.batch_alter_table("hirer_search_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_hirer_search_terms_term_hirer")

    op.drop_table("hirer_search_terms")
    with op.batch_alter_table("halls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_halls_venue_id"))
        batch_op.drop_index(batch_op.f("ix_halls_parent_id"))

    op.drop_table("halls")
    op.drop_table("venues")
    op.drop_table("settings")
    op.drop_table("number_counters")
    with op.batch_alter_table("hirers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hirers_sort_key"))

    op.drop_table("hirers")
    op.drop_table("extras")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")


# The database's own refusal of a double booking. Blocking statuses hold the hall; the
# guarded interval is the booking plus its set-up and clean-up buffers.
_BLOCKING = "('provisional', 'confirmed', 'completed')"

_SQLITE_OVERLAP_CHECK = f"""
    SELECT RAISE(ABORT, 'booking_span_too_long')
    WHERE julianday(NEW.blocked_end) - julianday(NEW.blocked_start) > 2;
    SELECT RAISE(ABORT, 'booking_overlap')
    WHERE EXISTS (
        SELECT 1 FROM bookings AS b
        WHERE b.hall_id = NEW.hall_id
          AND b.id IS NOT NEW.id
          AND b.status IN {_BLOCKING}
          AND b.blocked_start > datetime(NEW.blocked_start, '-2 days')
          AND b.blocked_start < NEW.blocked_end
          AND b.blocked_end > NEW.blocked_start
    );
"""


def _create_overlap_guard() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_no_overlap "
            "EXCLUDE USING gist (hall_id WITH =, "
            "tstzrange(blocked_start, blocked_end, '[)') WITH &&) "
            f"WHERE (status IN {_BLOCKING})"
        )
    elif dialect == "sqlite":
        # Spans are at most two days (a day's opening plus buffers), which bounds the
        # index range scan on (hall_id, blocked_start).
        op.execute(
            "CREATE TRIGGER trg_bookings_no_overlap_insert BEFORE INSERT ON bookings "
            f"WHEN NEW.status IN {_BLOCKING} BEGIN {_SQLITE_OVERLAP_CHECK} END"
        )
        op.execute(
            "CREATE TRIGGER trg_bookings_no_overlap_update "
            "BEFORE UPDATE OF hall_id, blocked_start, blocked_end, status ON bookings "
            f"WHEN NEW.status IN {_BLOCKING} BEGIN {_SQLITE_OVERLAP_CHECK} END"
        )


def _drop_overlap_guard() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("ALTER TABLE bookings DROP CONSTRAINT IF EXISTS ex_bookings_no_overlap")
    elif dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS trg_bookings_no_overlap_insert")
        op.execute("DROP TRIGGER IF EXISTS trg_bookings_no_overlap_update")
