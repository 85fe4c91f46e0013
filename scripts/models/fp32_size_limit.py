"""ONNX's 2 GB limit for one file: fp32 graphs over it (Whisper large) are made
with external data in the converter's scratch folder and quantized from there,
but not shipped as fp32: large's fp32 weights (about 6 GB with the encoder)
cannot fit in the 4 GB of WebAssembly memory onnxruntime-web runs in, so such
models are converted as q8 only.
"""

import os

from conversion import ConversionError
from merge_decoders import ONNX_FILE_LIMIT


def fp32_decoder_bytes(config):
    """About how large the fp32 merged decoder is (its weights, stored once)."""
    width, vocab = config['d_model'], config['vocab_size']
    per_layer = 8 * width * width + 2 * width * config['decoder_ffn_dim']
    return 4 * (config['decoder_layers'] * per_layer + 2 * vocab * width + config['max_target_positions'] * width)


def check_size(config, dtype):
    """fp32 files over ONNX's 2 GB limit (Whisper large) are written as q8 only: see the module's comment."""
    if dtype in ('fp32', 'both') and fp32_decoder_bytes(config) > ONNX_FILE_LIMIT:
        raise ConversionError('the fp32 decoder would be about %.1f GB, over ONNX\'s 2 GB limit for one file and '
                              'too large for the browser\'s 4 GB of WebAssembly memory; convert with --dtype q8'
                              % (fp32_decoder_bytes(config) / 1e9))


def only_file(folder):
    """The folder's one ONNX file, or ConversionError when it needed external data files beside it (over 2 GB)."""
    names = os.listdir(folder)
    if len(names) != 1:
        raise ConversionError('the fp32 model in %s is over ONNX\'s 2 GB limit for one file and too large for the '
                              'browser\'s 4 GB of WebAssembly memory; convert with --dtype q8' % folder)
    return os.path.join(folder, names[0])
