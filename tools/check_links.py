"""Check a built site's internal links: ``python tools/check_links.py OUTPUT_DIR [SITEURL]``."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugins"))

from validation.links import broken_links


def main(argv):
    output_dir, site_url = argv[0], (argv[1] if len(argv) > 1 else "")
    broken = broken_links(output_dir, site_url)
    for page, link in broken:
        print(f"{page}: error: broken link {link}")
    print(f"{len(broken)} broken links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
