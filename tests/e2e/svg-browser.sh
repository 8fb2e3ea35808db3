#!/usr/bin/env bash
# svg-browser.sh: the SVGs flame-svg writes, used in a real browser (Debian's chromium, driven by
# playwright-core from npm): zoom, search and Matched %, ignore-case, tooltips, URL state, --nameattr
# links, --inverted, two graphs on one HTML page, zoomed labels and links against flamegraph.pl's own
# script (its SVGs in the conformance references, and drawn now with a FlameGraph checkout in
# FLAMEGRAPH_DIR, default ../FlameGraph, skipped without one), and no JavaScript errors. The checks live in
# tests/browser/svg_browser_test.mjs; this script finds the tools, installs playwright-core from the
# committed package-lock.json into tests/browser/node_modules (once per lockfile) and runs it.
# Skips (exit 77) when chromium, node or npm is absent.
source "$(dirname "$0")/common.sh"

CHROMIUM=${FLAMEKIT_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip "no $CHROMIUM (Debian package chromium; 'make deps' installs it)"
command -v node >/dev/null 2>&1 || skip "no node (Debian package nodejs; 'make deps' installs it)"
command -v npm >/dev/null 2>&1 || skip "no npm (Debian package npm; 'make deps' installs it)"
# Until the renderer's source exists there is nothing to test; once it exists, a missing binary fails.
[ -e "$TOP/tools/flame-svg.cc" ] || skip "tools/flame-svg.cc is not written yet (issue 3)"
[ -x "$FLAMEKIT_BIN/flame-svg" ] || { echo "FAIL: $FLAMEKIT_BIN/flame-svg is not built" >&2; exit 1; }

B=$TOP/tests/browser
# Parallel runs share node_modules: install under a lock, and only when the lockfile changed.
(
  flock 9
  if ! cmp -s "$B/package-lock.json" "$B/node_modules/.flamekit-package-lock.json" ||
     [ ! -e "$B/node_modules/playwright-core/package.json" ]; then
    if ! (cd "$B" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) > "$T/npm.log" 2>&1; then
      echo "FAIL: npm ci in tests/browser could not install playwright-core:" >&2
      tail -n 20 "$T/npm.log" >&2
      exit 1
    fi
    cp "$B/package-lock.json" "$B/node_modules/.flamekit-package-lock.json"
  fi
) 9> "${TMPDIR:-/tmp}/flamekit-browser-npm-$(id -u).lock"

# With a FlameGraph checkout, flamegraph.pl also draws graphs at test time to compare zoomed labels with.
FLAMEGRAPH_PL=${FLAMEGRAPH_DIR:-$TOP/../FlameGraph}/flamegraph.pl
[ -f "$FLAMEGRAPH_PL" ] && command -v perl > /dev/null || FLAMEGRAPH_PL=

WORK="$T" FLAME_SVG="$FLAMEKIT_BIN/flame-svg" CHROMIUM="$CHROMIUM" FLAMEKIT_SHARED="$SHARED" FLAMEKIT_TOP="$TOP" \
  FLAMEGRAPH_PL="$FLAMEGRAPH_PL" node "$B/svg_browser_test.mjs"
