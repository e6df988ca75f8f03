"""Invoices: recording payments against them."""
