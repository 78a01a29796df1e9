"""The product addon's models: ``category.py`` and ``product.py``."""
