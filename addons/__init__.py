"""Tessera's addons. Extra addons paths from ``addons.toml`` join this package's path."""
