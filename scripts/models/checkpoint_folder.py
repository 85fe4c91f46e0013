"""The folder convert-checkpoint.py is given: which weights it holds (safetensors,
possibly sharded, or an Optimum onnx/ folder) and the JSON files transformers.js
reads, checked to be Whisper's.
"""

import json
import os
import re

from conversion import ConversionError, step

JSON_FILES = ('config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json',
              'tokenizer_config.json')
REQUIRED_JSON = ('config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json')
ONNX_FILES = ('encoder_model.onnx', 'decoder_model.onnx', 'decoder_with_past_model.onnx')


def find_input(folder, prefer):
    """Returns (kind, weights, config folder): kind 'safetensors' or 'onnx'."""
    if not os.path.isdir(folder):
        raise ConversionError('%s is not a folder' % folder)
    names = set(os.listdir(folder))
    safetensors = None
    if 'model.safetensors' in names:
        safetensors = [os.path.join(folder, 'model.safetensors')]
    elif 'model.safetensors.index.json' in names:
        with open(os.path.join(folder, 'model.safetensors.index.json'), encoding='utf-8') as handle:
            shards = sorted(set(json.load(handle)['weight_map'].values()))
        missing = [shard for shard in shards if shard not in names]
        if missing:
            raise ConversionError('%s: model.safetensors.index.json lists shards that are missing: %s'
                                  % (folder, ', '.join(missing)))
        safetensors = [os.path.join(folder, shard) for shard in shards]
    elif any(re.fullmatch(r'model-\d+-of-\d+\.safetensors', name) for name in names):
        raise ConversionError('%s: sharded safetensors without model.safetensors.index.json' % folder)

    onnx_folder = None
    for candidate in (os.path.join(folder, 'onnx'), folder):
        if os.path.isdir(candidate) and all(os.path.isfile(os.path.join(candidate, name)) for name in ONNX_FILES):
            onnx_folder = candidate
            break
    config_folder = folder
    if not os.path.isfile(os.path.join(folder, 'config.json')) and os.path.basename(os.path.normpath(folder)) == 'onnx':
        config_folder = os.path.dirname(os.path.normpath(folder))

    if prefer == 'onnx' and onnx_folder is None:
        raise ConversionError('%s: --from onnx, but there is no onnx/ folder with %s' % (folder, ', '.join(ONNX_FILES)))
    if safetensors and prefer != 'onnx':
        return 'safetensors', safetensors, config_folder
    if onnx_folder:
        return 'onnx', onnx_folder, config_folder
    if prefer == 'safetensors':
        raise ConversionError('%s: --from safetensors, but there is no model.safetensors' % folder)
    found = ''
    if 'pytorch_model.bin' in names:
        found = (' (pytorch_model.bin is not read: a pickle file can run code when loaded; '
                 'download the repository\'s model.safetensors instead)')
    raise ConversionError(
        '%s has no weights: neither model.safetensors (or model-0000N-of-0000M.safetensors with '
        'model.safetensors.index.json) nor onnx/ with %s%s' % (folder, ', '.join(ONNX_FILES), found))


def read_configs(config_folder, configs_from=None):
    """The JSON files, from the checkpoint's folder or else (not config.json) from `configs_from`:
    FUTO's acft-whisper repositories ship weights and config.json without the tokenizer files."""
    def locate(name):
        for folder in (config_folder, configs_from if name != 'config.json' else None):
            if folder and os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
        return None

    missing = [name for name in REQUIRED_JSON if locate(name) is None]
    if missing:
        raise ConversionError('%s lacks %s (the tokenizer and configs transformers.js reads); download them '
                              'from the same repository, or pass --configs-from <folder> with those of the Whisper '
                              'it was fine-tuned from' % (config_folder, ', '.join(missing)))
    configs = {}
    for name in JSON_FILES:
        path = locate(name)
        if path:
            if os.path.dirname(path) != config_folder:
                step('%s taken from %s' % (name, os.path.dirname(path)))
            with open(path, encoding='utf-8') as handle:
                configs[name] = json.load(handle)
    config = configs['config.json']
    architectures = config.get('architectures') or ['WhisperForConditionalGeneration']
    if config.get('model_type') != 'whisper' or not any(a in ('WhisperForConditionalGeneration', 'WhisperModel')
                                                        for a in architectures):
        raise ConversionError('unknown architecture: config.json says model_type %r, architectures %r; only Whisper '
                              '(model_type "whisper", WhisperForConditionalGeneration) is converted'
                              % (config.get('model_type'), architectures))
    if config.get('scale_embedding'):
        raise ConversionError('unknown architecture: config.json sets scale_embedding, which Whisper does not')
    if config.get('activation_function', 'gelu') != 'gelu':
        raise ConversionError('unknown architecture: activation_function %r (Whisper uses exact "gelu")'
                              % config.get('activation_function'))
    for key in ('d_model', 'encoder_layers', 'decoder_layers', 'encoder_attention_heads', 'decoder_attention_heads',
                'encoder_ffn_dim', 'decoder_ffn_dim', 'num_mel_bins', 'max_source_positions',
                'max_target_positions', 'vocab_size'):
        if not isinstance(config.get(key), int):
            raise ConversionError('config.json lacks %s, which a Whisper config has' % key)
    if 'preprocessor_config.json' not in configs:
        configs['preprocessor_config.json'] = default_preprocessor_config(config['num_mel_bins'])
        step('preprocessor_config.json missing: writing Whisper\'s (%d mel bins)' % config['num_mel_bins'])
    return configs


def default_preprocessor_config(mel_bins):
    return {
        'chunk_length': 30, 'feature_extractor_type': 'WhisperFeatureExtractor', 'feature_size': mel_bins,
        'hop_length': 160, 'n_fft': 400, 'n_samples': 480000, 'nb_max_frames': 3000, 'padding_side': 'right',
        'padding_value': 0.0, 'processor_class': 'WhisperProcessor', 'return_attention_mask': False,
        'sampling_rate': 16000,
    }
