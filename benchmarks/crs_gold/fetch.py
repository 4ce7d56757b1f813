"""Extract the PDFs of a held-out set from a mirror of ProfAmiot/crs-reports
and verify them against manifest.json.

    python get_docs.py MIRROR_GIT_DIR

MIRROR_GIT_DIR is a (bare) git directory of https://github.com/ProfAmiot/crs-reports
that holds the commit named in manifest.json. Each PDF is taken with
`git show COMMIT:PATH`, written to docs/FILE and checked by sha256 (and, when
poppler's pdfinfo is installed, by page count). Exit status 1 on any mismatch.
Standard library only.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


def main(here, argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    mirror = argv[1]
    man = json.loads(Path(here, "manifest.json").read_text())
    os.makedirs(os.path.join(here, "docs"), exist_ok=True)
    bad = 0
    for d in man["documents"]:
        data = subprocess.run(
            ["git", "--git-dir", mirror, "show", f"{d['commit']}:{d['source_path']}"],
            check=True,
            capture_output=True,
        ).stdout
        digest = hashlib.sha256(data).hexdigest()
        out = os.path.join(here, "docs", d["file"])
        with open(out, "wb") as f:
            f.write(data)
        status = "ok" if digest == d["sha256"] else f"SHA256 MISMATCH ({digest})"
        if status == "ok" and shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
            m = re.search(r"^Pages:\s+(\d+)", info, re.M)
            if not m or int(m.group(1)) != d["pages"]:
                status = f"PAGE COUNT MISMATCH ({m.group(1) if m else '?'} != {d['pages']})"
        bad += status != "ok"
        print(f"{d['file']}: {len(data)} bytes, {status}")
    print(f"{len(man['documents']) - bad} of {len(man['documents'])} documents verified")
    return 1 if bad else 0
