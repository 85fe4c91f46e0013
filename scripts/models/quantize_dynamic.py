#!/usr/bin/python3
"""8-bit dynamic quantization of a Whisper ONNX pair (the model converter's q8
files, and the benchmark's 8-bit copies).

onnxruntime's Python package (and its quantize_dynamic) cannot be installed
here (not in Debian; PyPI is not reachable), so this does what quantize_dynamic
does for MatMul in its QOperator format, with Debian's python3-onnx: each MatMul
whose weight is a float initializer becomes

    DynamicQuantizeLinear(A) -> MatMulInteger(A_q, W_q, A_zero, W_zero) -> Cast -> Mul(A_scale * W_scale)

with the weight quantized per tensor to uint8 (zero point 128), as
transformers.js's `_quantized` files mostly are (`--int8` for signed weights).
Embedding lookups (Gather on a float table: the decoder's token and position
embeddings) read the 8-bit table and dequantize only the rows they gather,

    Gather(W_q, ids) -> DequantizeLinear(W_scale, W_zero)

as onnxruntime's quantize_dynamic does: the token table is Whisper's largest
weight (base: 51 865 x 512, 106 MB in float), so a float table would make the
8-bit decoder twice its size and hold that much more in the browser's memory.
Convolutions stay float. Nodes inside the merged decoder's If branches are
rewritten too; their weights live in the outer graph.

    /usr/bin/python3 scripts/bench/quantize-dynamic.py <source model folder> <target model folder> [--int8] [--external-data]

writes onnx/*_quantized.onnx, copies the JSON files, and writes a manifest
with dtype q8. With --external-data each file's weights go into
`<file>.onnx_data` beside it (external_data.py) and config.json says so, as the
converter writes them. scripts/models/convert-checkpoint.py imports `quantize_model`.
"""

import json
import os
import shutil
import sys

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper

from external_data import save_model, set_external_data_config
from manifest_files import manifest_files


def quantize_model(source, target, signed=None, external_data=False):
    """Writes the 8-bit copy of the ONNX file `source` to `target` (its weights in `<target>_data`
    with external_data); returns the number of MatMul and Gather quantized."""
    signed = SIGNED if signed is None else signed
    model = onnx.load(source)
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    uses = {}
    for graph in all_graphs(model.graph):
        for node in graph.node:
            for name in node.input:
                uses.setdefault(name, []).append(node)
    quantized = {}
    counter = [0]

    def weight_for(name):
        if name not in quantized:
            weights = numpy_helper.to_array(initializers[name]).astype(numpy.float32)
            scale = float(numpy.abs(weights).max()) / 127.0 or 1.0
            values = numpy.clip(numpy.round(weights / scale), -127, 127)
            if signed:
                values, zero = values.astype(numpy.int8), numpy.array(0, dtype=numpy.int8)
            else:
                values, zero = (values + 128).astype(numpy.uint8), numpy.array(128, dtype=numpy.uint8)
            model.graph.initializer.extend([
                numpy_helper.from_array(values, name + '_quantized'),
                numpy_helper.from_array(numpy.array(scale, dtype=numpy.float32), name + '_scale'),
                numpy_helper.from_array(zero, name + '_zero_point'),
            ])
            quantized[name] = True
        return name + '_quantized', name + '_scale', name + '_zero_point'

    for graph in all_graphs(model.graph):
        rewritten = []
        for node in graph.node:
            table = initializers.get(node.input[0]) if node.op_type == 'Gather' else None
            if table is not None and len(table.dims) == 2 and table.data_type == TensorProto.FLOAT:
                counter[0] += 1
                prefix = 'dq%d_' % counter[0]
                values, scale, zero = weight_for(node.input[0])
                gather = helper.make_node('Gather', [values, node.input[1]], [prefix + 'rows'])
                gather.attribute.extend(node.attribute)
                rewritten.extend([
                    gather,
                    helper.make_node('DequantizeLinear', [prefix + 'rows', scale, zero], [node.output[0]]),
                ])
                continue
            weight = node.input[1] if node.op_type == 'MatMul' and len(node.input) == 2 else None
            tensor = initializers.get(weight) if weight else None
            if tensor is None or len(tensor.dims) != 2 or tensor.data_type != TensorProto.FLOAT:
                rewritten.append(node)
                continue
            counter[0] += 1
            prefix = 'dq%d_' % counter[0]
            values, scale, zero = weight_for(weight)
            activation = node.input[0]
            rewritten.extend([
                helper.make_node('DynamicQuantizeLinear', [activation],
                                 [prefix + 'a', prefix + 'a_scale', prefix + 'a_zero']),
                helper.make_node('MatMulInteger', [prefix + 'a', values, prefix + 'a_zero', zero], [prefix + 'int']),
                helper.make_node('Cast', [prefix + 'int'], [prefix + 'float'], to=TensorProto.FLOAT),
                helper.make_node('Mul', [prefix + 'a_scale', scale], [prefix + 'scale']),
                helper.make_node('Mul', [prefix + 'float', prefix + 'scale'], [node.output[0]]),
            ])
        del graph.node[:]
        graph.node.extend(rewritten)

    # Drop float weights nothing reads any more.
    still_used = set()
    for graph in all_graphs(model.graph):
        for node in graph.node:
            still_used.update(node.input)
    kept = [tensor for tensor in model.graph.initializer if tensor.name in still_used]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    save_model(model, target, external_data)
    return counter[0]


def all_graphs(graph):
    yield graph
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from all_graphs(attribute.g)


SIGNED = False


def main():
    global SIGNED
    flags = ('--int8', '--external-data')
    arguments = [argument for argument in sys.argv[1:] if argument not in flags]
    SIGNED = '--int8' in sys.argv[1:]
    external_data = '--external-data' in sys.argv[1:]
    source, target = arguments[0], arguments[1]
    os.makedirs(os.path.join(target, 'onnx'), exist_ok=True)
    for name in os.listdir(source):
        if name.endswith('.json') and name != 'manifest.json':
            shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
    for stem in ('encoder_model', 'decoder_model_merged'):
        count = quantize_model(os.path.join(source, 'onnx', stem + '.onnx'),
                               os.path.join(target, 'onnx', stem + '_quantized.onnx'), external_data=external_data)
        print('%s: %d MatMul and Gather quantized' % (stem, count))
    if external_data:
        config_path = os.path.join(target, 'config.json')
        config = set_external_data_config(json.load(open(config_path)), os.path.join(target, 'onnx'))
        with open(config_path, 'w', encoding='utf-8') as handle:
            json.dump(config, handle, ensure_ascii=False, indent=2)
            handle.write('\n')
    manifest = json.load(open(os.path.join(source, 'manifest.json')))
    files = manifest_files(target)
    manifest.update({
        'name': os.path.basename(os.path.normpath(target)),
        'dtype': 'q8',
        'files': files,
        'sizeBytes': sum(entry['bytes'] for entry in files),
        'source': manifest['source'] + ', 8-bit by scripts/bench/quantize-dynamic.py'
                  + (' (weights as external data)' if external_data else ''),
    })
    with open(os.path.join(target, 'manifest.json'), 'w') as handle:
        json.dump(manifest, handle, indent=2)
        handle.write('\n')


if __name__ == '__main__':
    main()
