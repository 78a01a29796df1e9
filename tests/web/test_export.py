"""Exports: the list's columns for its records, or the selected ones, as CSV or XLSX, read as the user."""

import csv
import io
import re
import zipfile

from core.web.pages import export

DEALS = "/web/ui_showcase.deal"


def csv_rows(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_csv_has_the_lists_translated_columns_and_formatted_values(
    ui_db, ui_login, make_deals, token, stages
):
    with ui_db.transaction() as env:
        partner = env["base.partner"].create({"name": f"{token} Ltd", "email": f"{token}@example.com"}).id
        tag = env["ui_showcase.tag"].create({"name": f"{token} tag"}).id
    make_deals(
        token,
        [
            {
                "partner": partner,
                "stage": stages["Won"],
                "kind": "renewal",
                "source": "event",
                "date_close": "2026-03-15",
                "amount": "1234.5",
                "quantity": 3,
                "tags": [tag],
            }
        ],
    )
    response = ui_login("turkish").get(f"{DEALS}/export.csv", q=token)
    assert response.headers["Content-Disposition"] == 'attachment; filename="ui_showcase.deal.csv"'
    header, row = csv_rows(response)
    assert header[:4] == ["Ad", "Müşteri", "Aşama", "Tür"]
    assert header[6:] == ["Kapanış tarihi", "Tutar", "Miktar", "Etiketler"]
    assert row == [
        f"{token} 001",
        f"{token} Ltd",
        "Won",
        "Yenileme",
        "Trade fair",
        f"{token}@example.com",
        "2026-03-15",
        "1234.50",
        "3",
        f"{token} tag",
    ]


def test_csv_exports_the_filtered_list_in_its_order_or_only_the_selected_rows(ui_login, make_deals, token):
    ids = make_deals(token, [{"amount": "300"}, {"amount": "20000"}, {"amount": "10000"}])
    client = ui_login("user")
    big = csv_rows(client.get(f"{DEALS}/export.csv", q=token, filter="big", order="-amount"))
    assert [row[0] for row in big[1:]] == [f"{token} 002", f"{token} 003"]
    chosen = csv_rows(client.get(f"{DEALS}/export.csv", q=token, ids=f"{ids[2]},{ids[0]}"))
    assert [row[0] for row in chosen[1:]] == [f"{token} 001", f"{token} 003"]


def test_exports_leave_out_what_the_access_rules_hide(ui_login, make_deals, token):
    make_deals(token, [{}, {"confidential": True}])
    user = csv_rows(ui_login("user").get(f"{DEALS}/export.csv", q=token))
    assert [row[0] for row in user[1:]] == [f"{token} 001"]
    manager = csv_rows(ui_login("manager").get(f"{DEALS}/export.csv", q=token))
    assert [row[0] for row in manager[1:]] == [f"{token} 001", f"{token} 002"]
    assert ui_login("stranger").get(f"{DEALS}/export.csv").status_code == 403


def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted(ui_login, make_deals, token):
    make_deals(f'=HYPERLINK("http://evil.example","{token}")', [{}])
    [_, row] = csv_rows(ui_login("user").get(f"{DEALS}/export.csv", q=token))
    assert row[0].startswith("'=HYPERLINK(")


def test_xlsx_is_a_workbook_with_text_as_text_and_numbers_as_numbers(ui_login, make_deals, token):
    make_deals(f"={token}", [{"amount": "1234.5", "quantity": 7, "date_close": "2026-03-15"}])
    response = ui_login("user").get(f"{DEALS}/export.xlsx", q=token)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as book:
        names = set(book.namelist())
        assert {"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} <= names
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
        workbook = book.read("xl/workbook.xml").decode()
    assert f"={token} 001" in strings and "Amount" in strings and "Closing date" in strings
    assert "<f>" not in sheet  # no formulas, even for text starting with "="
    values = re.findall(r'<c r="([A-Z]+)2"[^>]*>(?:<v>([^<]*)</v>)?</c>', sheet)
    by_column = dict(values)
    assert by_column["H"] == "1234.5" and by_column["I"] == "7"
    assert by_column["G"] == "46096"  # 2026-03-15 as a spreadsheet date serial
    assert 'name="Deal"' in workbook
    assert "<autoFilter" in sheet and 'state="frozen"' in sheet


def test_an_unknown_export_format_is_a_404(ui_login):
    assert ui_login("user").get(f"{DEALS}/export.pdf").status_code == 404


def test_bad_export_parameters_are_a_400(ui_login):
    client = ui_login("user")
    assert client.get(f"{DEALS}/export.csv", filter="nope").status_code == 400
    assert client.get(f"{DEALS}/export.csv", ids="1;DROP TABLE").status_code == 400


def test_an_export_over_the_row_limit_is_a_400_asking_to_narrow_it(ui_login, make_deals, token, monkeypatch):
    monkeypatch.setattr(export, "MAX_ROWS", 3)
    ids = make_deals(token, [{} for _ in range(4)])
    client = ui_login("user")
    response = client.get(f"{DEALS}/export.xlsx", q=token)
    assert response.status_code == 400
    assert "4 records match: an export holds at most 3" in response.get_data(as_text=True)
    assert len(csv_rows(client.get(f"{DEALS}/export.csv", q=token, ids=",".join(map(str, ids[:3]))))) == 4


def test_the_list_links_to_its_exports_with_its_search(ui_login, token):
    page = ui_login("user").page(DEALS, q=token, filter="big")
    links = [link.attrs["href"] for link in page.all("a[data-export]")]
    assert links == [
        f"/web/ui_showcase.deal/export.csv?q={token}&filter=big",
        f"/web/ui_showcase.deal/export.xlsx?q={token}&filter=big",
    ]
