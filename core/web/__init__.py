"""The web layer: a Werkzeug WSGI application over one `Database`.

::

    from core.web import create_app
    app = create_app(db)          # serve with any WSGI server
"""

from core.web.app import Request as Request
from core.web.app import TesseraApp as TesseraApp
from core.web.app import create_app as create_app
from core.web.app import public as public

__all__ = ["Request", "TesseraApp", "create_app", "public"]
