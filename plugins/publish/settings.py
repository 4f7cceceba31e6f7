"""The publish plugin's settings and their defaults, in one place."""

DEFAULTS = {
    # Fingerprint, minify and pre-compress (publishconf.py turns it on).
    "PUBLISH_OPTIMIZE": False,
    # Pages the sitemap leaves out (besides those marked noindex).
    "PUBLISH_SITEMAP_EXCLUDE": ["404.html", "en/404.html", "zh/404.html"],
}

# Sent with every response, by the nginx example (deploy/security-headers.conf
# holds the same) and by hosts that read a `_headers` file. The site has no
# inline script or style; Pagefind compiles WebAssembly ('wasm-unsafe-eval').
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}

# Text files worth compressing. Pagefind's index files are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".ics", ".atom", ".txt")


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
