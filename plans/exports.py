"""Printable and editable downloads of a routine: one description, two renderers.

`describe()` turns a routine into a plain `RoutineSheet`; `render_pdf()` and
`render_xlsx()` draw that sheet. Routine downloads, starter templates and the
newsletter's free template all go through these three functions.
"""

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from django.http import HttpResponse
from django.utils.text import slugify
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from core.http import site_url
from core.invalidation import CONTENT, cached_file, routine_topic
from core.spreadsheets import inert_text
from exercises.links import qr_png
from exercises.models import amount_text, dose_text
from plans.builder import PlanRequest, build_plan
from plans.loads import KG
from plans.models import Routine
from plans.selectors import builder_library
from plans.services import planned_item_notes

LOG_WEEKS = 6
SITE_NAME = "Runner Strength"


@dataclass(frozen=True)
class SheetRow:
    exercise: str
    sets: int
    amount: str
    per_side: bool
    load: str
    rest_seconds: int
    cue: str
    link: str  # the exercise's page on the site (cues and video), for the QR code
    planned: tuple[str, ...] = ()  # the dose for each week of a built plan
    figures: tuple[str, ...] = ()  # the exercise's start and end positions, as SVG

    @property
    def dose(self):
        return dose_text(self.sets, self.amount, self.per_side)


@dataclass(frozen=True)
class SheetSession:
    name: str
    rows: list[SheetRow]


@dataclass(frozen=True)
class RoutineSheet:
    title: str
    subtitle: str
    notes: str
    sessions: list[SheetSession]

    @property
    def filename_stem(self):
        return slugify(self.title) or "routine"


def describe(routine, *, unit: str = KG) -> RoutineSheet:
    """The routine as plain data, loads in `unit`; fetch it `with_contents()` to keep the
    query count fixed."""
    sessions = [
        SheetSession(
            name=session.name,
            rows=[
                SheetRow(
                    exercise=item.exercise.name,
                    sets=item.sets,
                    amount=amount_text(item.reps_min, item.reps_max, item.hold_seconds),
                    per_side=item.per_side,
                    load=item.load_text(unit),
                    rest_seconds=item.rest_seconds,
                    cue=item.notes or first_line(item.exercise.cues),
                    link=site_url(item.exercise.get_absolute_url()),
                    figures=start_and_end(item.exercise),
                )
                for item in session.items.all()
            ],
        )
        for session in routine.sessions.all()
    ]
    subtitle = (
        f"{routine.get_focus_display()} · {routine.sessions_per_week} session"
        f"{'s' if routine.sessions_per_week != 1 else ''} a week"
    )
    return RoutineSheet(
        title=routine.name, subtitle=subtitle, notes=routine.notes, sessions=sessions
    )


def describe_plan(plan) -> RoutineSheet:
    """A built plan (plans.builder.Plan): week 1 in the tables, every week in the log grid."""
    planned = {
        (row.session, row.exercise.pk): tuple(dose.dose if dose else "–" for dose in row.doses)
        for row in plan.table.rows
    }
    sessions = [
        SheetSession(
            name=f"{session.name} ({session.weekday_name}, about {session.estimated_minutes} min)",
            rows=[
                SheetRow(
                    exercise=item.exercise.name,
                    sets=item.sets,
                    amount=item.amount,
                    per_side=item.per_side,
                    load=item.reserve_text,
                    rest_seconds=item.rest_seconds,
                    cue=planned_item_notes(item) or item.exercise.first_cue,
                    planned=planned.get((session.name, item.exercise.pk), ()),
                    link=site_url(item.exercise.get_absolute_url()),
                )
                for item in session.items
            ],
        )
        for session in plan.sessions
    ]
    return RoutineSheet(
        title=plan.name,
        subtitle=_plan_subtitle(plan),
        notes="\n".join(plan.notes),
        sessions=sessions,
    )


def _plan_subtitle(plan) -> str:
    days = ", ".join(f"{day.name}: {day.session}" for day in plan.days if day.session)
    return f"{len(plan.weeks)} weeks · {days}"


def start_and_end(exercise) -> tuple[str, ...]:
    """The exercise's drawn start and end positions; none for one without a figure."""
    figure = getattr(exercise, "figure", None)  # the reverse one-to-one raises when missing
    return figure.start_and_end_svg() if figure else ()


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


FONT = "LiberationSans"
FONT_FILES = {"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"


@functools.cache
def drawable_characters() -> frozenset[str]:
    """Every character both PDF fonts have a glyph for (Latin, Greek, Cyrillic, punctuation)."""
    cmaps = [TTFont(FONT_DIR / name, lazy=True).getBestCmap() for name in FONT_FILES.values()]
    return frozenset(chr(code) for code in set.intersection(*(set(cmap) for cmap in cmaps)))


def pdf_text(text: str) -> str:
    """The text with line breaks made plain and what the font cannot draw shown as "?".

    Whatever a runner typed prints, rather than failing the download or leaving a gap.
    """
    drawable = drawable_characters()
    return "".join(
        char if char in drawable or char == "\n" else " " if char.isspace() else "?"
        for char in text.replace("\r\n", "\n").replace("\r", "\n")
    )


class RoutinePDF(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        for style, filename in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIR / filename)

    def paragraph(self, height, text):
        """A wrapped block of text, after which writing continues at the left margin."""
        self.multi_cell(0, height, pdf_text(text), new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 6, f"{SITE_NAME} · page {self.page_no()}", align="C")


def render_pdf(sheet: RoutineSheet) -> bytes:
    pdf = RoutinePDF()
    pdf.set_title(pdf_text(sheet.title))
    pdf.set_author(SITE_NAME)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=18)
    pdf.paragraph(9, sheet.title)
    pdf.set_font(FONT, size=11)
    pdf.paragraph(6, sheet.subtitle)
    if sheet.notes:
        pdf.ln(2)
        pdf.paragraph(5, sheet.notes)
    headings = FontFace(emphasis="BOLD", fill_color=(225, 238, 233))
    for session in sheet.sessions:
        pdf.ln(4)
        pdf.set_font(FONT, style="B", size=13)
        pdf.cell(0, 8, pdf_text(session.name), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=9)
        with pdf.table(
            col_widths=(34, 14, 14, 24, 20, 12, 56, 16),
            text_align="LEFT",
            headings_style=headings,
        ) as table:
            table.row(
                ["Exercise", "Start", "End", "Sets × reps or hold", "Load", "Rest", "Cue", "Video"]
            )
            for row in session.rows:
                cells = table.row()
                cells.cell(pdf_text(row.exercise))
                for svg in row.figures or ("", ""):
                    if svg:
                        cells.cell(img=io.BytesIO(svg.encode()), img_fill_width=True)
                    else:
                        cells.cell("")
                for text in (row.dose, row.load, f"{row.rest_seconds} s", row.cue):
                    cells.cell(pdf_text(text))
                # A phone camera opens the exercise's page, where the form video is.
                cells.cell(img=io.BytesIO(qr_png(row.link)), img_fill_width=True, link=row.link)
    for session in sheet.sessions:
        weeks = max([LOG_WEEKS, *(len(row.planned) for row in session.rows)])
        for first in range(0, weeks, LOG_WEEKS):
            block = range(first, min(first + LOG_WEEKS, weeks))
            pdf.add_page()
            pdf.set_font(FONT, style="B", size=13)
            pdf.paragraph(8, f"Training log: {session.name}")
            pdf.set_font(FONT, size=9)
            pdf.paragraph(5, "Write the load you used and how it felt, one column a week.")
            pdf.ln(2)
            week_width = (190 - 52) / LOG_WEEKS
            with pdf.table(
                col_widths=(52, *[week_width] * LOG_WEEKS),
                text_align="LEFT",
                headings_style=headings,
                min_row_height=12,
            ) as table:
                table.row(["Exercise", *[f"Week {week + 1}" for week in block]])
                for row in session.rows:
                    cells = [pdf_text(row.planned[week]) if row.planned else "" for week in block]
                    table.row([pdf_text(f"{row.exercise}\n{row.dose}"), *cells])
    return bytes(pdf.output())


XLSX_COLUMNS = [
    ("Session", 14),
    ("Exercise", 28),
    ("Sets", 6),
    ("Reps or hold", 13),
    ("Per side", 9),
    ("Load", 16),
    ("Rest (s)", 9),
    ("Cue", 50),
    *[(f"Week {week}", 12) for week in range(1, LOG_WEEKS + 1)],
]
XLSX_HEADER_ROW = 3


def render_xlsx(sheet: RoutineSheet) -> bytes:
    """One editable worksheet: a row per exercise, with six empty weekly log columns.

    Every cell is written as what it is (``write_string``, ``write_number``): ``write``
    guesses, and would turn a routine named ``=HYPERLINK(...)`` into a live formula and
    ``external:\\\\host\\share`` into a file link.
    """
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    worksheet = workbook.add_worksheet("Routine")
    title = workbook.add_format({"bold": True, "font_size": 16})
    heading = workbook.add_format({"bold": True, "bg_color": "#E1EEE9", "border": 1})
    cell = workbook.add_format({"border": 1, "valign": "top"})
    wrapped = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    worksheet.write_string(0, 0, inert_text(sheet.title), title)
    subtitle = sheet.subtitle + (f" — {sheet.notes}" if sheet.notes else "")
    worksheet.write_string(1, 0, inert_text(subtitle))
    for column, (label, width) in enumerate(XLSX_COLUMNS):
        worksheet.set_column(column, column, width)
        worksheet.write_string(XLSX_HEADER_ROW, column, label, heading)
    row_number = XLSX_HEADER_ROW + 1
    for session in sheet.sessions:
        for row in session.rows:
            values = [
                session.name,
                row.exercise,
                row.sets,
                row.amount,
                "yes" if row.per_side else "",
                row.load,
                row.rest_seconds,
                row.cue,
            ]
            for column, value in enumerate(values):
                style = wrapped if column == 7 else cell
                if isinstance(value, int):
                    worksheet.write_number(row_number, column, value, style)
                else:
                    worksheet.write_string(row_number, column, inert_text(value), style)
            for week in range(LOG_WEEKS):
                worksheet.write_blank(row_number, len(values) + week, None, cell)
            row_number += 1
    worksheet.freeze_panes(XLSX_HEADER_ROW + 1, 2)
    workbook.close()
    return output.getvalue()


DOWNLOADS = {
    "pdf": (render_pdf, "application/pdf"),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def file_response(content: bytes, filename_stem: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOWNLOADS[extension][1])
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{extension}"'
    return response


def download_response(routine, extension: str, *, unit: str = KG) -> HttpResponse:
    """The routine as a download: routines, templates and the newsletter's gift.

    The file is made once per version of the routine and kept in the cache: a
    PDF takes far longer to lay out than to send.
    """

    def render():
        sheet = describe(Routine.objects.with_contents().get(pk=routine.pk), unit=unit)
        return sheet.filename_stem, DOWNLOADS[extension][0](sheet)

    filename_stem, content = cached_file(
        f"download:{routine.pk}:{extension}:{unit}", render, CONTENT, routine_topic(routine.pk)
    )
    return file_response(content, filename_stem, extension)


def plan_download_response(plan_request: PlanRequest) -> HttpResponse:
    """A built plan's PDF, made once per set of answers (equal answers give the same plan)
    and version of the content: anyone may ask for one, and laying it out is slow."""

    def render():
        sheet = describe_plan(build_plan(plan_request, builder_library()))
        return sheet.filename_stem, render_pdf(sheet)

    filename_stem, content = cached_file(f"plan:{plan_request.key}:pdf", render, CONTENT)
    return file_response(content, filename_stem, "pdf")
