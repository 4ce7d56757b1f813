"""CSS and JS of the web UI (a package, so that setuptools ships them in the wheel)."""
