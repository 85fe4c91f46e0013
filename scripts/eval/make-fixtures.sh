#!/usr/bin/env bash
# Writes the evaluation fixtures (tests/eval-fixtures): two short Norwegian
# recordings made with espeak-ng and sox (Debian's packages), and their
# references. The second has 1.5 s of silence where a word was said, as a call
# that drops out, and its reference marks that stretch [uklart]. Committed, so
# CI needs neither tool; run again only to change them.
set -euo pipefail
cd "$(dirname "$0")/../../tests/eval-fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say() { espeak-ng -v nb -s 150 -w "$work/$1.raw.wav" "$2"; sox "$work/$1.raw.wav" -r 16000 -c 1 -b 16 "$work/$1.wav"; }

say first "Jeg har bodd i Bergen i tjueto år, og jeg trives godt der."
cp "$work/first.wav" audio/intervju-1.wav
printf 'Jeg har bodd i Bergen i 22 år, og jeg trives godt der.\n' > reference/intervju-1.txt

say before "Da jeg flyttet hit, kjente jeg ingen."
say after "Men det ble bedre etter hvert."
sox -n -r 16000 -c 1 -b 16 "$work/gap.wav" trim 0 1.5
sox "$work/before.wav" "$work/gap.wav" "$work/after.wav" audio/intervju-2.wav
cat > reference/intervju-2.vtt <<'VTT'
WEBVTT

00:00:00.000 --> 00:00:02.500
<v Deltaker>Da jeg flyttet hit, kjente jeg ingen. [uklart]</v>

00:00:04.000 --> 00:00:06.000
<v Deltaker>Men det ble bedre etter hvert.</v>
VTT
