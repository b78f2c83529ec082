"""CPR Desk core: corpus, database services, search, annotations and briefings — no Qt."""
