"""The commerce addon's models: ``tax.py``, ``payment_term.py``; ``company.py`` and ``product.py``
extend base's and product's."""
