"""PDF documents (confirmations, invoices, credit notes, receipts, key-holder sheets).

Each document is a function that renders a frozen DTO from `data.py` into a binary
stream with ReportLab. Nothing here touches the database or Qt.
"""
