"""Hirers: type-ahead lookup, the hirer form and the hirers directory."""
