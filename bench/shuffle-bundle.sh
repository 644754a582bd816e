#!/usr/bin/env bash
# bench/shuffle-bundle.sh SRC DST [SEED] — copy a bundle with the data rows of every
# CSV file in a random order (header line kept first), the way another system's
# export may deliver them.  Deterministic for a given SEED (default 1): the random
# source of `shuf` is a stream derived from the seed.  Assumes no cell spans lines
# (true of `kaohe sample` bundles).
set -euo pipefail
src=$1 dst=$2 seed=${3:-1}
mkdir -p "$dst"
seeded() { openssl enc -aes-256-ctr -pass pass:"kaohe-shuffle-$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null; }
for f in "$src"/*.csv; do
    b=$(basename "$f")
    { head -n 1 "$f"; tail -n +2 "$f" | shuf --random-source=<(seeded "$seed-$b"); } >"$dst/$b"
done
