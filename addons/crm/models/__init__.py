"""The crm addon's models, one file per model; ``partner.py`` extends ``base.partner``."""
