"""Shared test configuration.

The fixtures (``db``, ``env``, ``empty_db``) come from Tessera's pytest
plugin, registered by the ``pytest11`` entry point when the project is
installed; fixture addons live in ``tests/fixture_addons`` (see pyproject.toml).
"""
