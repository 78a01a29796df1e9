"""The sales addon's models, one file per model; ``partner.py`` and ``crm_lead.py`` extend other
addons' models."""
