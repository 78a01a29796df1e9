"""The commerce addon's models: ``tax.py``; ``company.py`` and ``product.py`` extend base's and product's."""
