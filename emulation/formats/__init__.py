"""The portal's own format overrides (settings.FORMAT_MODULE_PATH), looked up before Django's for each language.

Dates are typed and shown as dd/mm/yyyy whatever the language: Django's English reads 05/12/2026 as 12 May and
its Vietnamese falls back to the same month-first list. ISO dates (2026-12-25) are still read, for the scripts and
the browsers' own pickers."""
