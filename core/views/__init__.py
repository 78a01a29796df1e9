"""Views: typed declarations of how models are shown, resolved once per registry.

::

    from core.views import FormView, ListView, extend
"""

from core.views.spec import Field as Field
from core.views.spec import FormView as FormView
from core.views.spec import Group as Group
from core.views.spec import ListView as ListView
from core.views.spec import View as View
from core.views.spec import ViewExtension as ViewExtension
from core.views.spec import extend as extend
from core.views.spec import resolve_views as resolve_views

__all__ = ["Field", "FormView", "Group", "ListView", "View", "ViewExtension", "extend", "resolve_views"]
