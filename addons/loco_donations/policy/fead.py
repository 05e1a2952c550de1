# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""European aid (FEAD / ESF+): quota transfers between organisations and the end
recipients associations declare for the programme's indicators.

No ORM here: the models hand over plain facts and word the codes returned.
"""

# refusal codes of a quota transfer
NO_QUANTITY = "no_quantity"
MORE_THAN_LEFT = "more_than_left"
SAME_QUOTA = "same_quota"
NOT_RECOGNISED = "not_recognised"
NO_CAMPAIGN = "no_campaign"


def transfer_refusal(quantity, left, same_quota, recognised, campaign_found):
    """Why moving ``quantity`` of a quota of which ``left`` is still untaken to
    another association's quota is refused (None: it may move). ``same_quota``: the
    receiving quota is the giving one; ``recognised``: the receiving association is
    recognised for European aid; ``campaign_found``: its organisation runs a campaign
    to receive it."""
    if not quantity or quantity <= 0:
        return NO_QUANTITY
    if same_quota:
        return SAME_QUOTA
    if not recognised:
        return NOT_RECOGNISED
    if not campaign_found:
        return NO_CAMPAIGN
    if quantity > left:
        return MORE_THAN_LEFT
    return None


# The end recipients of food support an association declares for a period: the
# common result indicator 2.1 of Annex III of Regulation (EU) 2021/1057 (ESF+) and
# its breakdowns. Each breakdown counts people among the total.
TOTAL = "recipients_total"
BREAKDOWNS = (
    "recipients_children",  # below 18 years
    "recipients_young",  # 18 to 29 years
    "recipients_women",
    "recipients_aged",  # 65 years and above
    "recipients_disabled",
    "recipients_third_country",
    "recipients_foreign_minority",  # foreign background, minorities (Roma...)
    "recipients_homeless",  # homeless or affected by housing exclusion
)
AGE_GROUPS = ("recipients_children", "recipients_young", "recipients_aged")
# no association serves more people than this in a period (Belgium's population)
MAX_RECIPIENTS = 12_000_000

# refusal codes of a declaration: (code, field)
NEGATIVE = "negative"
TOO_MANY = "too_many"
BREAKDOWN_ABOVE_TOTAL = "breakdown_above_total"
AGES_ABOVE_TOTAL = "ages_above_total"


def declaration_refusal(counts):
    """Why the counts of a declaration ({field: number of people}) cannot be right,
    as (code, field), or None. The age groups do not overlap: together they count no
    more people than the total; any other breakdown is at most the total."""
    for field in (TOTAL, *BREAKDOWNS):
        value = counts.get(field) or 0
        if value < 0:
            return NEGATIVE, field
        if value > MAX_RECIPIENTS:
            return TOO_MANY, field
    total = counts.get(TOTAL) or 0
    for field in BREAKDOWNS:
        if (counts.get(field) or 0) > total:
            return BREAKDOWN_ABOVE_TOTAL, field
    if sum(counts.get(field) or 0 for field in AGE_GROUPS) > total:
        return AGES_ABOVE_TOTAL, None
    return None
