"""Debian's Chromium, as the browser tests and benchmarks start it.

Playwright drives it through ``executable_path``: no browser is downloaded.
"""

PATH = "/usr/bin/chromium"
# As root on a closed network Chromium needs these: no sandbox, and no
# background connections that the network would refuse.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=PATH, args=ARGS)
