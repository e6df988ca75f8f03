"""Builds every service over one context: what the CLI and the desktop app hold."""

from __future__ import annotations

from dataclasses import dataclass

from spacebank.services.attention_service import AttentionService
from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.deposit_service import DepositService
from spacebank.services.document_service import DocumentService
from spacebank.services.hirer_service import HirerService
from spacebank.services.import_service import ImportService
from spacebank.services.invoice_service import InvoiceService
from spacebank.services.privacy_service import PrivacyService
from spacebank.services.series_service import SeriesService
from spacebank.services.settings_service import SettingsService
from spacebank.services.venue_service import VenueService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    venues: VenueService
    hirers: HirerService
    availability: AvailabilityService
    bookings: BookingService
    series: SeriesService
    invoices: InvoiceService
    deposits: DepositService
    settings: SettingsService
    privacy: PrivacyService
    attention: AttentionService
    documents: DocumentService
    imports: ImportService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            venues=VenueService(ctx),
            hirers=HirerService(ctx),
            availability=AvailabilityService(ctx),
            bookings=BookingService(ctx),
            series=SeriesService(ctx),
            invoices=InvoiceService(ctx),
            deposits=DepositService(ctx),
            settings=SettingsService(ctx),
            privacy=PrivacyService(ctx),
            attention=AttentionService(ctx),
            documents=DocumentService(ctx),
            imports=ImportService(ctx),
        )
