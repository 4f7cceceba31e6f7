"""The command line of a Pelican build of this project, as tests and benchmarks run it."""

import json
import sys


def pelican_command(
    content, output, settings_file="pelicanconf.py", *options, module="pelican", **overrides
):
    """``python -m pelican CONTENT -s SETTINGS -o OUTPUT [options] -e KEY=JSON ...``
    (``module`` ``tools.serve`` for `make serve`'s).

    Pelican takes one ``-e`` with every override (a second would replace
    the first), each value in JSON.
    """
    command = [
        sys.executable,
        "-m",
        module,
        str(content),
        "-s",
        settings_file,
        "-o",
        str(output),
        *options,
    ]
    if overrides:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return command
