"""Briefing-note PDFs: model, fonts, multilingual typesetting and renderer (ReportLab loaded only to render)."""
