#!/usr/bin/env bash
# make demo: the main job on the shipped demo data.
set -euo pipefail
KAOHE=${1:-build/kaohe}
"$KAOHE" --help
