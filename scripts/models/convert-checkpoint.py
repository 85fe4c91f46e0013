#!/usr/bin/python3
"""Converts a locally downloaded Whisper checkpoint into the layout the extension
ships (transformers.js's files plus our manifest.json), with no network.

    npm run models:convert -- <folder> [--name N] [--dtype q8|fp32|both]
                              [--audio-context short] [--out models/<name>]
                              [--from safetensors|onnx] [--display-name TEXT]
                              [--languages multilingual|no,nn,en] [--source TEXT]
                              [--configs-from <folder>] [--no-external-data]

Inputs:
  (a) a Hugging Face folder: model.safetensors (or model-0000N-of-0000M.safetensors
      with model.safetensors.index.json), config.json, generation_config.json,
      tokenizer.json, tokenizer_config.json (preprocessor_config.json is written
      from config.json when missing). OpenAI Whisper, NbAiLab's NB-Whisper,
      FUTO's acft-whisper-*. The weights go into test_model_network.py's
      Whisper network (whose math is Whisper's: see weight_names in
      safetensors_checkpoint.py) and are exported with test_model_export.py,
      so the decoder has the cache branch and cross_attentions outputs (word
      timestamps).
  (b) an Optimum export as NbAiLab publishes it: onnx/encoder_model.onnx,
      onnx/decoder_model.onnx and onnx/decoder_with_past_model.onnx (fp32, not
      merged), configs beside onnx/. The decoders are merged
      (merge_decoders.py); the encoder's positional embedding is sliced to the
      input by graph surgery so it takes fewer than 3000 feature frames
      (nbailab_onnx.py).
When a folder has both, the safetensors are used (`--from onnx` to choose).

Output (models/<name>/ by default): onnx/encoder_model*.onnx and
onnx/decoder_model_merged*.onnx (fp32, `_quantized` uint8 q8, or both), the
JSON files transformers.js reads, and manifest.json (kind "real", sha256 of
every file, "audioContext": "short" with --audio-context short). The manifest's
dtype is q8 when q8 files are written. Each ONNX file's weights are written as
ONNX external data, `<file>.onnx_data` beside it, and config.json's
`transformers.js_config.use_external_data_format` names the files that have one
(external_data.py: onnxruntime-web then copies the weights once instead of
twice); --no-external-data writes each file whole, as before. A model whose fp32
graphs exceed ONNX's 2 GB limit for one file (Whisper large) is made with
external data in the scratch folder and written as q8 only (an fp32 large does
not fit WebAssembly's 4 GB memory).

It prints each step, and the largest absolute difference, at 3000 feature
frames, between its dynamic-length encoder and the standard fixed-length export
((a): the same weights exported with the whole 1500-position embedding; (b):
NbAiLab's own encoder), run in onnxruntime-node by compare-encoders.mjs (python
onnxruntime is not available here). The last line is `CONVERTED {json}` for
scripts and tests.

This file is the command (arguments, the steps in order, what it prints); the
work is in checkpoint_folder.py (the input folder and its JSON files),
safetensors_checkpoint.py (a), nbailab_onnx.py (b), fp32_size_limit.py (ONNX's
2 GB limit for one file), encoder_comparison.py, quantize_dynamic.py and
external_data.py (the weights beside the graph);
conversion.py holds the refusal (ConversionError) and the timed step lines.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # keep scripts/models/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import onnx  # noqa: E402
import torch  # noqa: E402

from checkpoint_folder import find_input, read_configs  # noqa: E402
from conversion import ConversionError, step  # noqa: E402
from encoder_comparison import compare_encoders  # noqa: E402
from external_data import save_with_external_data, set_external_data_config  # noqa: E402
from fp32_size_limit import check_size, only_file  # noqa: E402
from nbailab_onnx import convert_onnx  # noqa: E402
from quantize_dynamic import quantize_model  # noqa: E402
from safetensors_checkpoint import convert_safetensors  # noqa: E402
from test_model_export import manifest, write_json  # noqa: E402

REPOSITORY = os.path.dirname(os.path.dirname(HERE))


def model_name(arguments, folder):
    name = arguments.name or os.path.basename(os.path.normpath(folder))
    if name == 'onnx':
        name = os.path.basename(os.path.dirname(os.path.normpath(folder)))
    name = re.sub(r'[^A-Za-z0-9._-]+', '-', name).strip('-.').lower()
    if not name:
        raise ConversionError('cannot make a model name from %s; pass --name' % folder)
    return name


def languages_of(arguments, generation):
    if arguments.languages:
        return 'multilingual' if arguments.languages == 'multilingual' else arguments.languages.split(',')
    return 'multilingual' if generation.get('is_multilingual', True) else ['en']


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description='Converts a local Whisper checkpoint into models/<name>/.')
    parser.add_argument('folder')
    parser.add_argument('--name')
    parser.add_argument('--dtype', choices=('q8', 'fp32', 'both'), default='q8')
    parser.add_argument('--audio-context', choices=('short',),
                        help='short: the model was trained for a short audio context (FUTO\'s ACFT)')
    parser.add_argument('--out')
    parser.add_argument('--from', dest='prefer', choices=('safetensors', 'onnx'))
    parser.add_argument('--display-name')
    parser.add_argument('--languages', help='multilingual (default) or a comma list such as no,nn,en')
    parser.add_argument('--source', help='where the checkpoint came from, for the manifest')
    parser.add_argument('--configs-from', help='folder to take missing tokenizer/generation/preprocessor JSON from')
    parser.add_argument('--external-data', action=argparse.BooleanOptionalAction, default=True,
                        help='weights in <file>.onnx_data beside each ONNX file (default); '
                             '--no-external-data writes each file whole')
    return parser.parse_args(argv)


def from_caller(path):
    """A path as the caller typed it: npm runs scripts in the repository root and keeps the caller's folder in INIT_CWD."""
    return os.path.abspath(os.path.join(os.environ.get('INIT_CWD') or os.getcwd(), path))


def convert(arguments):
    folder = from_caller(arguments.folder)
    kind, weights, config_folder = find_input(folder, arguments.prefer)
    configs = read_configs(config_folder, from_caller(arguments.configs_from) if arguments.configs_from else None)
    config = configs['config.json']
    check_size(config, arguments.dtype)
    generation = configs['generation_config.json']
    name = model_name(arguments, folder)
    output = from_caller(arguments.out) if arguments.out else os.path.join(REPOSITORY, 'models', name)
    step('converting %s (%s) into %s: d_model %d, %d+%d layers, %d mel bins, dtype %s'
         % (folder, kind, output, config['d_model'], config['encoder_layers'], config['decoder_layers'],
            config['num_mel_bins'], arguments.dtype))
    torch.manual_seed(0)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix='.convert-') as scratch:
        staging = os.path.join(scratch, 'model')
        os.makedirs(os.path.join(staging, 'onnx'))
        # The fp32 files are made in folders of their own: above 2 GB they come with external data files.
        fp32_folder = os.path.join(scratch, 'fp32')
        os.makedirs(os.path.join(fp32_folder, 'encoder'))
        os.makedirs(os.path.join(fp32_folder, 'decoder'))
        if kind == 'safetensors':
            reference, cross = convert_safetensors(weights, config, fp32_folder, scratch)
        else:
            reference, cross = convert_onnx(weights, config, fp32_folder, scratch)
        step('running both encoders at 3000 feature frames in onnxruntime-node')
        short_frames = 1000
        comparison = compare_encoders(os.path.join(fp32_folder, 'encoder', 'encoder_model.onnx'), reference,
                                      config['num_mel_bins'], short_frames)
        step('encoder max abs difference at 3000 frames (dynamic vs standard fixed-length export): %.3g'
             % comparison['maxAbsDifference'])
        step('dynamic encoder at %d frames gives %s' % (short_frames, comparison['shortShape']))
        parts = (('encoder', 'encoder_model'), ('decoder', 'decoder_model_merged'))
        if arguments.dtype in ('fp32', 'both'):
            for part, stem in parts:
                source = only_file(os.path.join(fp32_folder, part))
                target = os.path.join(staging, 'onnx', stem + '.onnx')
                if arguments.external_data:
                    save_with_external_data(onnx.load(source), target)
                else:
                    shutil.copyfile(source, target)
        if arguments.dtype in ('q8', 'both'):
            for part, stem in parts:
                step('quantizing %s to 8 bits (uint8 weights, dynamic activations)' % stem)
                count = quantize_model(os.path.join(fp32_folder, part, stem + '.onnx'),
                                       os.path.join(staging, 'onnx', stem + '_quantized.onnx'), signed=False,
                                       external_data=arguments.external_data)
                step('  %d MatMul and Gather quantized' % count)
        dtype = 'fp32' if arguments.dtype == 'fp32' else 'q8'

        alignment = generation.get('alignment_heads')
        word_timestamps = bool(cross) and isinstance(alignment, list) and len(alignment) > 0
        if not alignment:
            step('WARNING: generation_config.json has no alignment_heads: no word timestamps')
        step('writing configs, tokenizer and manifest')
        model_config = dict(config)
        model_config['transformers.js_config'] = dict(config.get('transformers.js_config') or {}, dtype=dtype)
        # Says which ONNX files transformers.js must fetch a `.onnx_data` for (none without).
        configs['config.json'] = set_external_data_config(model_config, os.path.join(staging, 'onnx'))
        for file_name, value in configs.items():
            write_json(staging, file_name, value)
        display = arguments.display_name or '%s (converted, %s)' % (config.get('_name_or_path') or name, dtype)
        source = arguments.source or '%s (%s)' % (os.path.basename(folder), kind)
        record = manifest(staging, name, display, '%s, converted by scripts/models/convert-checkpoint.py' % source,
                          kind='real')
        record.update({'languages': languages_of(arguments, generation), 'dtype': dtype,
                       'wordTimestamps': word_timestamps})
        if arguments.audio_context:
            record['audioContext'] = arguments.audio_context
        write_json(staging, 'manifest.json', record)
        if os.path.exists(output):
            shutil.rmtree(output)
        os.rename(staging, output)
    step('wrote %s: %s, %.1f MB, word timestamps %s' % (output, ', '.join(f['path'] for f in record['files']),
                                                        record['sizeBytes'] / 1e6, 'yes' if word_timestamps else 'no'))
    return {'output': output, 'name': name, 'input': kind, 'dtype': dtype, 'wordTimestamps': word_timestamps,
            'externalData': arguments.external_data,
            'encoderMaxAbsDifference': comparison['maxAbsDifference'], 'shortShape': comparison['shortShape']}


def main(argv):
    arguments = parse_arguments(argv)
    try:
        result = convert(arguments)
    except ConversionError as error:
        print('Cannot convert: %s' % error, file=sys.stderr)
        return 2
    print('CONVERTED %s' % json.dumps(result))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
