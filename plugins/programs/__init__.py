"""The partner program catalog: one YAML file per program.

Adds, from ``content/programs/<id>.yaml`` (schema in ``schema.py``):

- ``/<lang>/programs/<id>/``, a page per program in each language;
- ``/<lang>/programs/``, the catalog with facets (type, country, level,
  language, funding, open/closed) that filter in place with JavaScript and
  are plain links to pre-rendered pages ``/<lang>/programs/<facet>/<value>/``
  without it;
- ``/<lang>/programs/compare/`` (the shortlist side by side),
  ``/<lang>/partners/`` (partners by country, with a picture of where they
  are) and ``/<lang>/facts/`` (charts with data tables, including the yearly
  figures in ``content/data/figures.yaml``);
- ``/programs-deadlines.ics``, every open program's deadline;
- in the template context: ``programs``, ``programs_by_id`` and
  ``program_deadlines`` (the nearest open deadlines, for the homes), and
  each program's related news; a news article's ``programs:`` must name
  existing programs.

Signals: ``get_generators`` (the programs generator).
"""

from pelican import signals

from .generator import ProgramsGenerator


def get_generators(pelican):
    return ProgramsGenerator


def register():
    signals.get_generators.connect(get_generators)
