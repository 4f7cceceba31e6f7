"""Settings for the production build: `pelicanconf.py` plus an absolute URL."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", PUBLIC_SITEURL)  # noqa: F405
RELATIVE_URLS = False
SHOW_DRAFTS = False
PUBLISH_OPTIMIZE = True  # fingerprinted, minified and pre-compressed files
DELETE_OUTPUT_DIRECTORY = True
