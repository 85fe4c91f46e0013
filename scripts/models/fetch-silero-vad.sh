#!/usr/bin/env bash
# Reproduces public/vad/silero-vad-v5-16k.onnx, the voice activity detector live
# recording uses (src/audio/silero-voice-activity.ts, docs/audio.md):
#
#   1. takes silero_vad_v5.onnx from the npm package @ricky0123/vad-web 0.0.31
#      (the package is only a carrier: Intervju does not depend on it at run time,
#      since it would bring a second onnxruntime-web);
#   2. checks it is the file the evaluation measured;
#   3. keeps only its 16 kHz half (scripts/models/prune-silero-16k.py, Debian's
#      python3-onnx) and checks the result is byte for byte the committed file.
#
# Usage: bash scripts/models/fetch-silero-vad.sh [output]   (default: public/vad/silero-vad-v5-16k.onnx)
# Silero VAD is MIT licensed (Copyright (c) 2020-present Silero Team); the notice
# ships beside the model as public/vad/LICENSE-silero-vad.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

PACKAGE='@ricky0123/vad-web@0.0.31'
ORIGINAL_SHA256='2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f'
PRUNED_SHA256='895c6fbbeb86fdd4740253d74bb19c14017b06fcaf773925881ecbbfe951feab'
OUTPUT="${1:-public/vad/silero-vad-v5-16k.onnx}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check() { # file, expected sha256, what
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [ "$actual" != "$2" ]; then
    echo "✗ $3 has sha256 $actual, expected $2" >&2
    exit 1
  fi
}

echo "» npm pack $PACKAGE …"
tarball="$(cd "$work" && npm pack "$PACKAGE" --silent)"
tar -xzf "$work/$tarball" -C "$work" package/dist/silero_vad_v5.onnx
check "$work/package/dist/silero_vad_v5.onnx" "$ORIGINAL_SHA256" "silero_vad_v5.onnx from $PACKAGE"

echo "» Pruning to the 16 kHz branch …"
/usr/bin/python3 scripts/models/prune-silero-16k.py "$work/package/dist/silero_vad_v5.onnx" "$work/pruned.onnx"
check "$work/pruned.onnx" "$PRUNED_SHA256" "the pruned model"

mkdir -p "$(dirname "$OUTPUT")"
cp "$work/pruned.onnx" "$OUTPUT"
echo "✓ $OUTPUT ($(stat -c %s "$OUTPUT") bytes, sha256 $PRUNED_SHA256)"
