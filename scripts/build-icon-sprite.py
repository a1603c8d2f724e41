"""Write one SVG sprite of the named Tabler icons: each becomes <symbol id="tabler-NAME">."""

import re
import sys
from pathlib import Path

icons_dir, names_file = Path(sys.argv[1]), Path(sys.argv[2])
names = [line.strip() for line in names_file.read_text().splitlines() if line.strip()]
print('<svg xmlns="http://www.w3.org/2000/svg" style="display:none">')
for name in sorted(set(names)):
    source = (icons_dir / f"{name}.svg").read_text()
    body = re.search(r"<svg[^>]*>(.*)</svg>", source, re.S).group(1)
    # The outline icons draw with the current colour; the sprite keeps their own attributes.
    body = re.sub(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>', "", body).strip()
    print(
        f'<symbol id="tabler-{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{body}</symbol>'
    )
print("</svg>")
