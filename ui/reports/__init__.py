"""The Reports screen: pick a report, period and halls; tables, charts and exports."""
