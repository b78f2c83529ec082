#!/usr/bin/env bash
# Extract every UI string into the template and merge it into the six catalogs (then translate the new entries).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k pgettext:1c,2 --no-location --sort-output \
  --project=cprdesk --copyright-holder="CPR Desk" -o i18n/cprdesk_i18n/cprdesk.pot core desktop
for lang in ar zh en fr ru es; do
  .venv/bin/pybabel update -D cprdesk -i i18n/cprdesk_i18n/cprdesk.pot -d i18n/cprdesk_i18n -l "$lang" --no-fuzzy-matching
done
