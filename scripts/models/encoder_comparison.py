"""Runs the converted dynamic-length encoder and the standard fixed-length one in
onnxruntime-node (compare-encoders.mjs; python onnxruntime is not available
here): their largest absolute difference at 3000 feature frames, and the
dynamic encoder's output shape at a shorter input.
"""

import json
import os
import shutil
import subprocess

from conversion import ConversionError

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))


def compare_encoders(dynamic, fixed, mel_bins, short_frames):
    node = os.environ.get('NODE') or shutil.which('node')
    if not node:
        raise ConversionError('node is needed to run the encoders (onnxruntime-node) and was not found')
    result = subprocess.run([node, os.path.join(HERE, 'compare-encoders.mjs'), dynamic, fixed, str(mel_bins),
                             str(short_frames)], cwd=REPOSITORY, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConversionError('comparing the encoders failed:\n%s' % result.stderr.strip())
    return json.loads(result.stdout.strip().splitlines()[-1])
