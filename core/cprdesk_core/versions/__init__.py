"""Language versions of the documents: importing them, checking them against each other, reviewing them, reports."""
