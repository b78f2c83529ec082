"""Annotations: a delegate's notes on items, with revisions, trash, drafts and quote anchors."""
