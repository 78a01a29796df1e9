"""accounting's extra of crm: the follow-up job plans a crm activity for each reminder it makes.

Registered inside ``addon.extra("crm")`` (`addons.accounting.register`):
`hooks` implements ``accounting_followups_created`` with
`activities.plan_activities`. The activity is crm's from then on: marking
the reminder sent leaves it planned, and it is closed by crm's "Done".
"""
