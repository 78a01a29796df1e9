"""CRM: leads from any source, qualification, the pipeline, activities and follow-ups, sales teams.

Models: ``crm.lead`` (leads and opportunities), ``crm.stage``, ``crm.team``,
``crm.activity``, ``crm.followup_rule``, ``crm.tag``, ``crm.source``,
``crm.campaign``, ``crm.lost_reason``; ``base.partner`` gains its
opportunities and activities. Hooks keep duplicate counts and stage
follow-ups (`hooks`), a job plans follow-ups for idle leads, and
``/crm/contact`` is a public form that creates leads (`web_form`).
"""

from addons.crm import hooks
from addons.crm import views
from addons.crm.models import activity
from addons.crm.models import campaign
from addons.crm.models import followup_rule
from addons.crm.models import lead
from addons.crm.models import lost_reason
from addons.crm.models import partner
from addons.crm.models import source
from addons.crm.models import stage
from addons.crm.models import tag
from addons.crm.models import team
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        tag.Tag,
        source.Source,
        campaign.Campaign,
        lost_reason.LostReason,
        team.Team,
        stage.Stage,
        lead.Lead,
        activity.Activity,
        followup_rule.FollowupRule,
        partner.Partner,
    )
    addon.views(*views.declarations)
    addon.hooks(hooks)
