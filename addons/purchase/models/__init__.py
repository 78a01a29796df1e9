"""The purchase addon's models, one file per model; ``product.py``, ``stock_move.py`` and
``stock_picking.py`` extend other addons' models."""
