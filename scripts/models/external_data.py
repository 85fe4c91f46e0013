"""The weights of an ONNX file as ONNX external data: `<file>.onnx_data` beside
`<file>.onnx`, which then holds only the graph (and tensors under 1 kB).

Why: onnxruntime-web given the graph alone copies the whole model into its
WebAssembly memory to create a session and then copies the weights again into
their tensors; with the weights in a separate file (handed over as
`externalData`) it copies them once. Measured on a base-sized q8 model:
WebAssembly memory 462 -> 414 MB, load peak 1084 -> 1008 MB
(docs/transcription.md, "Memory").

transformers.js 4.3 (src/utils/model-loader.js) fetches, for an ONNX file
`onnx/<stem><suffix>.onnx`, the chunks `<stem><suffix>.onnx_data`,
`..._data_1`, ... when config.json's `transformers.js_config.use_external_data_format`
says so: `true` or a count for every file, or a map from the file's full name
(`encoder_model_quantized.onnx`) or its stem (`encoder_model`) to a count.
The converter writes the map, one chunk per file it wrote with external data,
so a folder with a mix (or a file with no weights over the threshold) is
described exactly. The chunk's name is also the `location` written into the
graph, which onnxruntime resolves against the files transformers.js hands it.
"""

import os

import onnx

SUFFIX = '_data'
# onnx's own default: smaller tensors (scales, zero points, shapes) stay in the graph.
SIZE_THRESHOLD = 1024


def data_file_name(onnx_path):
    """The single external data file transformers.js fetches for this ONNX file."""
    return os.path.basename(onnx_path) + SUFFIX


def save_with_external_data(model, path):
    """Saves `model` as `path` with every weight of 1 kB or more in `<path>_data`.
    Returns whether a data file was written (a model without such weights has none)."""
    data_path = path + SUFFIX
    # onnx appends to an existing data file: start from none.
    if os.path.exists(data_path):
        os.remove(data_path)
    onnx.save(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
              location=data_file_name(path), size_threshold=SIZE_THRESHOLD)
    return os.path.exists(data_path)


def save_model(model, path, external_data):
    """onnx.save, or with external data; returns whether `<path>_data` was written."""
    if external_data:
        return save_with_external_data(model, path)
    if os.path.exists(path + SUFFIX):
        os.remove(path + SUFFIX)
    onnx.save(model, path)
    return False


def use_external_data_format(onnx_folder):
    """config.json's `transformers.js_config.use_external_data_format` for the ONNX files
    in `onnx_folder`: {file name: 1} for each with a data file beside it, or None when none has."""
    names = sorted(name for name in os.listdir(onnx_folder)
                   if name.endswith('.onnx') and os.path.exists(os.path.join(onnx_folder, name + SUFFIX)))
    return {name: 1 for name in names} or None


def set_external_data_config(config, onnx_folder):
    """A copy of config.json's dict whose transformers.js_config says which files have external data."""
    value = use_external_data_format(onnx_folder)
    js_config = dict(config.get('transformers.js_config') or {})
    js_config.pop('use_external_data_format', None)
    if value:
        js_config['use_external_data_format'] = value
    result = dict(config)
    if js_config:
        result['transformers.js_config'] = js_config
    else:
        result.pop('transformers.js_config', None)
    return result
