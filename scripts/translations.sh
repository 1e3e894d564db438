#!/usr/bin/env bash
# Regenerate the app's translation: extract the GUI's strings (Chinese is the source language) into
# resources/translations/nianbaocheck_en.ts (existing English translations are kept; new strings
# appear as unfinished, to be translated with pyside6-linguist or by editing the .ts), then compile
# it to nianbaocheck_en.qm, which the app and the self-test load.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
[ -x "$bin/pyside6-lupdate" ] || bin="$(dirname "$(command -v pyside6-lupdate)")"
ts=resources/translations/nianbaocheck_en.ts
sources=$(ls gui/*.py gui/*/*.py | grep -v -E '/(selftest|crash|__init__|__main__)\.py$')
# shellcheck disable=SC2086
"$bin/pyside6-lupdate" $sources -ts "$ts" -source-language zh_CN -target-language en -no-obsolete
"$bin/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
