"""Session factories with the kernel's behaviour attached: the flush pipeline and access checks.

Every session that works on records comes from here (`Database`, the addon
lifecycle, the test fixtures), so none misses a step::

    factory = session_factory(engine)
    factory = session_factory(connection, join_transaction_mode="create_savepoint")
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from core.orm.access import install_access_events
from core.orm.flush import install_flush_events


def session_factory(bind: Engine | Connection, **options: Any) -> sessionmaker[Session]:
    """A sessionmaker bound to ``bind`` whose sessions run the flush pipeline and check access."""
    factory = sessionmaker(bind=bind, **options)
    install_flush_events(factory)
    install_access_events(factory)
    return factory
