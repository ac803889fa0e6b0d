# web/: the page canopyd serves at "/" (docs/web.md).  Static files, no
# build step; canopyd reads them from $(pkgdatadir)/web (CANOPY_WEB_DIR).
webdir = $(pkgdatadir)/web
dist_web_DATA = web/index.html web/canopy.js web/canopy.css

# Its end-to-end check (headless Chromium), run by the e2e tests.
EXTRA_DIST += tests/e2e/web-check.py
