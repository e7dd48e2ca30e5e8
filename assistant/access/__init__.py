"""Who may see what: the caller (principal), API keys and groups, and the audit log of every read."""
