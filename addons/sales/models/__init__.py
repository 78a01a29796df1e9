"""The sales addon's models, one file per model; ``partner.py``, ``company.py``, ``product.py``
and ``crm_lead.py`` extend other addons' models."""
