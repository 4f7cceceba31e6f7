"""Facets of the catalog: which values exist and which programs have each."""

FACETS = ("type", "country", "level", "language", "funding", "status")


def facet_index(programs):
    """``{facet: {value: [programs]}}``; values by number of programs, then name."""
    index = {}
    for facet in FACETS:
        groups = {}
        for program in programs:
            for value in program.facets[facet]:
                groups.setdefault(value, []).append(program)
        index[facet] = dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))
    return index
