"""Reads the program files and writes the catalog's pages."""

import os
from dataclasses import dataclass, field

from bilingual import interface_catalogs
from bilingual.i18n import localize
from sharing import public_url
from validation import Problem, check, display_path, load_yaml, report
from validation.problems import ContentError
from validation.report import record_source
from yamldata import YamlGenerator, build_time, drafts_shown
from yamldata.ical import write_calendar

from . import settings as plugin_settings
from .calendar import deadlines_calendar
from .charts import bar_chart, tile_map
from .facets import FACETS, facet_index
from .figures import MEASURES, FiguresFile, series
from .model import Program, region_of
from .schema import ProgramFile


@dataclass
class PartnerEntry:
    """A partner institution and the programs it takes part in."""

    name: object  # a text
    country: str
    city: object = None
    url: str | None = None
    programs: list = field(default_factory=list)


class ProgramsGenerator(YamlGenerator):
    folder_setting = "PROGRAMS_PATH"
    default_folder = "programs"
    model = ProgramFile
    reserved_ids = frozenset({"compare", *FACETS})

    def build(self, sources):
        today = build_time(self.settings).date()
        email = self.settings.get("CONTACT", {}).get("email", "")
        shown = drafts_shown(self.settings)
        self.programs = sorted(
            (
                Program(s.id, s.data, s.path, today, email, s.source_path, s.positions)
                for s in sources
                if shown or s.data.status != "draft"
            ),
            key=Program.sort_key,
        )
        report(self.context, [_still_open(s) for s in sources if _deadline_passed(s, today)])
        self.by_id = {program.id: program for program in self.programs}
        self.link_news("programs", self.by_id)
        self._describe(self.programs)
        self.facets = facet_index(self.programs)
        self.partners = partners_by_country(self.programs)
        self.figures = self._read_figures()
        count = plugin_settings.get(self.settings, "PROGRAMS_HOME_DEADLINES")
        self.context.update(
            programs=self.programs,
            programs_by_id=self.by_id,
            program_deadlines=[
                p for p in self.programs if p.state == "open" and p.deadline is not None
            ][:count],
            programs_compare_max=plugin_settings.get(self.settings, "PROGRAMS_COMPARE_MAX"),
        )

    def refresh_item(self, source):
        program = self.by_id.get(source.id)
        if program is None:
            return False
        program.data, program.positions = source.data, source.positions
        self._describe([program])
        return True

    def _describe(self, programs):
        """Render the programs' descriptions (Markdown, in every language)."""
        for program in programs:
            program.description = self.render_text(program.data.description)

    def _read_figures(self):
        path = os.path.join(self.path, plugin_settings.get(self.settings, "PROGRAMS_FIGURES"))
        if not os.path.exists(path):
            return []
        record_source(self.context, os.path.relpath(path, self.path))
        shown = display_path(path)
        try:
            with open(path, encoding="utf-8-sig") as handle:
                data, positions = load_yaml(handle.read(), shown)
        except ContentError as error:
            report(self.context, error.problems)
            return []
        figures, problems = check(FiguresFile, data, positions, shown, tuple(self.languages))
        report(self.context, problems)
        return figures.figures if figures else []

    def generate_output(self, writer):
        for lang in self.languages:
            write = self.page_writer(writer, lang)
            for program in self.programs:
                write(program.url(lang), "program", program=program)
            write(f"{lang}/programs/", "programs", shown=self.programs, facets=self.facets)
            for facet, values in self.facets.items():
                for value, programs in values.items():
                    write(
                        f"{lang}/programs/{facet}/{value}/",
                        "programs",
                        shown=programs,
                        facets=self.facets,
                        selected=(facet, value),
                    )
            write(f"{lang}/programs/compare/", "compare")
            write(
                f"{lang}/partners/",
                "partners",
                partners=self.partners,
                partner_count=sum(len(entries) for entries in self.partners.values()),
                partner_map=tile_map(_counts_by_region(self.partners)),
            )
            write(f"{lang}/facts/", "facts", charts=self._charts(lang))
        self._write_calendar(writer)

    def _charts(self, lang):
        """The facts page's charts, each with the rows of its data table."""

        def chart(rows):
            return bar_chart([(str(label), value) for label, value in rows])

        by_type = [(value, len(programs)) for value, programs in self.facets["type"].items()]
        by_country = [
            (code.upper(), len(programs)) for code, programs in self.facets["country"].items()
        ]
        by_region = {}
        for country, partners in self.partners.items():
            region = region_of(country)
            by_region[region] = by_region.get(region, 0) + len(partners)
        charts = {
            "type": (by_type, chart(by_type)),
            "country": (by_country, chart(by_country)),
            "region": (list(by_region.items()), chart(by_region.items())),
        }
        for measure in MEASURES:
            rows = [
                (f"{row.year} · {localize(row.institution, lang)}", getattr(row, measure))
                for row in series(self.figures, measure)
            ]
            charts[measure] = (rows, chart(rows))
        return charts

    def _write_calendar(self, writer):
        write_calendar(
            writer,
            plugin_settings.get(self.settings, "PROGRAMS_DEADLINES_ICS"),
            lambda: deadlines_calendar(
                [p for p in self.programs if p.state == "open"],
                interface_catalogs(self),
                lambda url: public_url(self.settings, url),
                build_time(self.settings),
            ).to_ical(),
        )


def _deadline_passed(source, today):
    data = source.data
    return data.status == "open" and data.deadline is not None and data.deadline < today


def _still_open(source):
    line, column = source.positions.locate(("deadline",))
    message = (
        f"the deadline {source.data.deadline.isoformat()} has passed but `status` is still "
        "open: the site shows the program as closed; set `status: closed` or a new deadline"
    )
    return Problem(source.path, line, column, "warning", message)


def partners_by_country(programs):
    """``{country: [PartnerEntry]}``, countries with the most partners first."""
    partners = {}
    for program in programs:
        for partner in program.partner:
            key = (partner.country, localize(partner.name, "en").casefold())
            entry = partners.setdefault(
                key, PartnerEntry(partner.name, partner.country, partner.city, partner.url)
            )
            entry.programs.append(program)
    grouped = {}
    for (country, _name), entry in sorted(partners.items()):
        grouped.setdefault(country, []).append(entry)
    return dict(sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])))


def _counts_by_region(partners):
    regions = {}
    for country, entries in partners.items():
        regions.setdefault(region_of(country), {})[country] = len(entries)
    return regions
