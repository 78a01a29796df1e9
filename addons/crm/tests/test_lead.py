"""Leads: duplicate detection on creation, conversion to an opportunity with partners, merging."""

import decimal

import pytest

from core.errors import MissingError
from core.errors import ValidationError
from core.testing import assert_max_queries

pytestmark = pytest.mark.addons("crm")


# -- duplicates ----------------------------------------------------------------------------


def test_the_same_email_in_another_case_is_a_duplicate(env, make_lead):
    first = make_lead(email="Ayse.Yilmaz@Anadolu.example")
    second = make_lead(email=" ayse.yilmaz@anadolu.example")
    env.flush()
    assert (first.duplicate_count, second.duplicate_count) == (1, 1)
    assert list(second.duplicates()) == [first]


def test_the_same_phone_digits_are_a_duplicate_whatever_the_prefix_and_punctuation(env, make_lead):
    first = make_lead(phone="+90 (532) 555-11-22")
    second = make_lead(phone="0532 555 11 22")
    other = make_lead(phone="0532 555 11 23")
    env.flush()
    assert (first.duplicate_count, second.duplicate_count, other.duplicate_count) == (1, 1, 0)


def test_the_same_company_name_in_any_case_and_spacing_is_a_duplicate(env, make_lead):
    first = make_lead(partner_name="Anadolu Makine A.Ş.")
    second = make_lead(partner_name="ANADOLU  makine a.ş.")
    env.flush()
    assert list(first.duplicates()) == [second]


def test_one_lead_matching_several_by_different_keys_counts_each_once(env, make_lead):
    hub = make_lead(email="info@ege.example", phone="0232 444 00 11", partner_name="Ege Tekstil")
    by_email = make_lead(email="INFO@ege.example")
    by_phone_and_company = make_lead(phone="+90 232 444 00 11", partner_name="ege tekstil")
    env.flush()
    assert hub.duplicate_count == 2
    assert (by_email.duplicate_count, by_phone_and_company.duplicate_count) == (1, 1)


def test_archived_leads_are_not_duplicates_and_counts_drop_when_one_is_archived(env, make_lead):
    first = make_lead(email="zeynep@ege.example")
    second = make_lead(email="zeynep@ege.example")
    env.flush()
    second.write({"active": False})
    env.flush()
    assert first.duplicate_count == 0


def test_a_batch_is_checked_in_a_bounded_number_of_queries(env, make_lead):
    make_lead(email="existing@duna.example")
    env.flush()
    batch = [{"name": f"Lead {i}", "email": f"person{i % 10}@duna.example"} for i in range(60)]
    batch[0]["email"] = "EXISTING@duna.example"
    with assert_max_queries(env, 16):  # the same for 10 or 1,000 leads
        leads = env["crm.lead"].create(batch)
    counts = [lead.duplicate_count for lead in leads]
    assert counts[0] == 1  # the existing lead
    assert counts[10] == 4  # person0 is left with five leads
    assert counts[1:10] == [5] * 9  # six leads share each other address


# -- conversion ----------------------------------------------------------------------------------


def test_converting_creates_a_company_and_a_contact_person_under_it(env, make_lead):
    lead = make_lead(
        contact_name="Ayşe Yılmaz",
        partner_name="Anadolu Makine A.Ş.",
        function="Satın Alma Müdürü",
        email="ayse@anadolu.example",
        phone="+90 532 555 11 22",
    )
    lead.convert_to_opportunity()
    env.flush()
    company = lead.partner
    assert (lead.type, lead.status) == ("opportunity", "opportunity")
    assert (company.name, company.is_company) == ("Anadolu Makine A.Ş.", True)
    [person] = company.contacts
    assert (person.name, person.function, person.email) == ("Ayşe Yılmaz", "Satın Alma Müdürü", lead.email)
    assert company.email is None  # the address is the person's


def test_converting_links_a_given_partner_and_creates_none(env, make_lead):
    partner = env["base.partner"].create({"name": "Duna Logisztika Kft.", "is_company": True})
    before = env["base.partner"].search_count([])
    lead = make_lead(contact_name="Gábor Nagy", partner_name="Duna")
    lead.convert_to_opportunity(partner_id=partner.id)
    env.flush()
    assert lead.partner == partner
    assert env["base.partner"].search_count([]) == before


def test_converting_reuses_a_company_partner_of_the_same_name(env, make_lead):
    company = env["base.partner"].create({"name": "Ege Tekstil", "is_company": True})
    lead = make_lead(contact_name="Zeynep Çelik", partner_name="Ege Tekstil")
    lead.convert_to_opportunity()
    env.flush()
    assert lead.partner == company
    assert [p.name for p in company.contacts] == ["Zeynep Çelik"]


def test_a_lead_with_only_a_contact_name_is_linked_to_that_person(env, make_lead):
    lead = make_lead(contact_name="John Smith", email="john@smith.example")
    lead.convert_to_opportunity()
    env.flush()
    assert (lead.partner.name, lead.partner.is_company, lead.partner.email) == (
        "John Smith",
        False,
        "john@smith.example",
    )


def test_converting_without_creating_partners_only_changes_the_type(env, make_lead):
    lead = make_lead(contact_name="John Smith")
    lead.convert_to_opportunity(create_partner=False)
    assert (lead.type, lead.partner) == ("opportunity", None)


def test_an_opportunity_cannot_be_converted_again(env, make_lead):
    lead = make_lead(type="opportunity")
    with pytest.raises(ValidationError):
        lead.convert_to_opportunity()


def test_an_unknown_partner_is_refused(env, make_lead):
    with pytest.raises(MissingError):
        make_lead().convert_to_opportunity(partner_id=999_999)


# -- merging --------------------------------------------------------------------------------------


def test_merging_keeps_values_fills_gaps_moves_activities_and_notes_and_archives(env, make_lead, selin):
    product, service = env.ref("crm.tag_product"), env.ref("crm.tag_service")
    kept = make_lead(name="Kept", email="a@b.example", expected_revenue="1000", tags=[product.id])
    other = make_lead(
        name="Other",
        email="other@b.example",
        phone="0212 000 00 00",
        user=selin.id,
        expected_revenue="5000",
        tags=[service.id],
    )
    call = env["crm.activity"].create({"summary": "Call back", "lead": other.id})
    other.post_note("Prefers calls in the morning.")
    kept.merge([other.id])
    env.flush()
    assert (kept.email, kept.phone, kept.user) == ("a@b.example", "0212 000 00 00", selin)
    assert kept.expected_revenue == decimal.Decimal("1000")
    assert set(kept.tags) == {product, service}
    assert call.lead == kept
    notes = [entry["body"] for entry in kept.history() if entry["kind"] == "note"]
    assert "Prefers calls in the morning." in notes
    assert any(body.startswith("Merged Other") for body in notes)
    assert other.active is False
    assert env["crm.lead"].search([("id", "=", other.id)]).ids == ()


def test_merging_an_opportunity_into_a_lead_makes_it_an_opportunity(env, make_lead):
    kept, other = make_lead(), make_lead(type="opportunity")
    kept.merge([other.id, kept.id])
    assert kept.type == "opportunity"


def test_merging_nothing_is_refused(env, make_lead):
    kept = make_lead()
    with pytest.raises(ValidationError):
        kept.merge([kept.id])
