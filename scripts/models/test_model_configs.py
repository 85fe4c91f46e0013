"""The JSON files of the test model folder, in the shapes transformers.js reads.

config.json and generation_config.json carry what transformers.js's Whisper
code looks up: layer and head counts (for the empty first-step cache),
max_source_positions (timestamp precision), lang_to_id / task_to_id (prompt
tokens), no_timestamps_token_id (first timestamp id), alignment_heads and
median_filter_width (word timestamps), and the suppress lists.
"""

from test_model_tokenizer import WHISPER_LANGUAGE_CODES


def tokenizer_config():
    return {
        'tokenizer_class': 'WhisperTokenizer',
        'bos_token': '<|endoftext|>',
        'eos_token': '<|endoftext|>',
        'unk_token': '<|endoftext|>',
        'pad_token': '<|endoftext|>',
        'add_prefix_space': False,
        'clean_up_tokenization_spaces': True,
        'errors': 'replace',
        'model_max_length': 1024,
    }


def model_config(ids, shape):
    return {
        '_name_or_path': shape['name'],
        'architectures': ['WhisperForConditionalGeneration'],
        'model_type': 'whisper',
        'is_encoder_decoder': True,
        'activation_function': 'gelu',
        'd_model': shape['width'],
        'encoder_layers': shape.get('encoder_layers', shape['layers']),
        'decoder_layers': shape.get('decoder_layers', shape['layers']),
        'encoder_attention_heads': shape['heads'],
        'decoder_attention_heads': shape['heads'],
        'encoder_ffn_dim': shape['feed_forward'],
        'decoder_ffn_dim': shape['feed_forward'],
        'num_mel_bins': shape['mel_bins'],
        'max_source_positions': shape['source_positions'],
        'max_target_positions': shape['target_positions'],
        'vocab_size': ids['vocab_size'],
        'bos_token_id': ids['endoftext'],
        'eos_token_id': ids['endoftext'],
        'pad_token_id': ids['endoftext'],
        'decoder_start_token_id': ids['startoftranscript'],
        'begin_suppress_tokens': [ids['space'], ids['endoftext']],
        'median_filter_width': 7,
        'scale_embedding': False,
        'use_cache': True,
        'torch_dtype': 'float32',
        # Without this transformers.js asks for *_quantized.onnx files on WASM.
        'transformers.js_config': {'dtype': 'fp32'},
    }


def generation_config(ids, shape):
    suppressed = [ids['startoftranscript']] + sorted(ids['languages'].values()) + [
        ids['translate'], ids['transcribe'], ids['startoflm'], ids['startofprev'], ids['nocaptions'],
    ]
    return {
        # Every head of the last decoder layer unless chosen: with random weights no head aligns better than another.
        'alignment_heads': shape.get('alignment_heads',
                                     [[shape['layers'] - 1, head] for head in range(shape['heads'])]),
        'begin_suppress_tokens': [ids['space'], ids['endoftext']],
        'bos_token_id': ids['endoftext'],
        'decoder_start_token_id': ids['startoftranscript'],
        'eos_token_id': ids['endoftext'],
        'pad_token_id': ids['endoftext'],
        'is_multilingual': True,
        'lang_to_id': {'<|%s|>' % code: ids['languages']['<|%s|>' % code] for code in WHISPER_LANGUAGE_CODES},
        'task_to_id': {'transcribe': ids['transcribe'], 'translate': ids['translate']},
        'max_initial_timestamp_index': 50,
        'max_length': shape['target_positions'],
        'no_timestamps_token_id': ids['notimestamps'],
        'prev_sot_token_id': ids['startofprev'],
        'return_timestamps': False,
        'suppress_tokens': suppressed,
    }


def preprocessor_config(shape):
    return {
        'chunk_length': 30,
        'feature_extractor_type': 'WhisperFeatureExtractor',
        'feature_size': shape['mel_bins'],
        'hop_length': 160,
        'n_fft': 400,
        'n_samples': 480000,
        'nb_max_frames': 3000,
        'padding_side': 'right',
        'padding_value': 0.0,
        'processor_class': 'WhisperProcessor',
        'return_attention_mask': False,
        'sampling_rate': 16000,
    }
