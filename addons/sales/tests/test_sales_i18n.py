"""sales' invoicing and credit messages read in the user's language (tests/core/test_cli_i18n.py checks
that every catalog is complete)."""

import pytest

from core.i18n import translator


@pytest.mark.addons("sales", "accounting")
def test_a_turkish_salesperson_reads_the_invoicing_status_in_turkish(db):
    assert translator(db.registry, "tr").gettext("Waiting for credit approval") == "Kredi onayı bekliyor"
    assert translator(db.registry, "hu").gettext("Fully invoiced") == "Teljesen számlázva"
