"""The corpus: the five source documents as structured data, and how the database is built from them."""
