"""The tamper-evident audit log: entries and their per-article hash chain (no Qt, no store)."""
