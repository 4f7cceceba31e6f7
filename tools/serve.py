"""`make serve`: Pelican's ``--autoreload``, resting after a failed build.

Pelican 4.12's autoreload loop starts the next build as soon as one fails
(``pelican.autoreload``): a broken link or a bad file kept `make serve`
rebuilding without a pause, a core busy, until staff fixed it (and Pelican
logs a repeated error only once, so nothing showed it). Here a failed build
waits, as a good one does, for a change of the content, the theme or the
settings; the loop then builds again.

    python -m tools.serve CONTENT -s SETTINGS -o OUTPUT --autoreload [Pelican's options]
"""

import pelican
from pelican.utils import wait_for_changes

_pelicans_autoreload = pelican.autoreload


def autoreload(args, excqueue=None):
    """Pelican's loop, with builds that wait for a change when they fail."""
    build = pelican.Pelican.run

    def build_or_wait(instance):
        try:
            build(instance)
        except Exception:
            wait_for_changes(args.settings, instance.settings)
            raise  # to Pelican's loop, which logs it and builds again

    pelican.Pelican.run = build_or_wait
    return _pelicans_autoreload(args, excqueue)


# Pelican's main() looks its loop up when it starts it (in a process of its
# own with --listen, which imports this module again where it is spawned).
pelican.autoreload = autoreload

if __name__ == "__main__":
    pelican.main()
