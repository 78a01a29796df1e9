"""The kernel's addon: the master data every other addon builds on."""

from core import webhooks
from core.base import views
from core.base.models import access
from core.base.models import addon
from core.base.models import api_key
from core.base.models import company
from core.base.models import config_parameter
from core.base.models import country
from core.base.models import currency
from core.base.models import external_id
from core.base.models import group
from core.base.models import job
from core.base.models import message
from core.base.models import partner
from core.base.models import sequence
from core.base.models import uom
from core.base.models import user
from core.base.models import webhook
from core.loader.addon import Addon


def register(addon_: Addon) -> None:
    addon_.models(
        addon.InstalledAddon,
        external_id.ExternalId,
        country.Country,
        currency.Currency,
        currency.CurrencyRate,
        company.Company,
        partner.Partner,
        message.Message,
        uom.UomCategory,
        uom.Uom,
        group.Group,
        user.User,
        user.LoginAttempt,
        access.Access,
        access.Rule,
        sequence.Sequence,
        sequence.SequenceNumber,
        config_parameter.ConfigParameter,
        job.JobState,
        api_key.ApiKey,
        webhook.Webhook,
        webhook.WebhookDelivery,
    )
    addon_.views(*views.declarations)
    # The kernel's webhooks queue deliveries from the records_* hooks and send them from a job.
    addon_.hooks(webhooks)
