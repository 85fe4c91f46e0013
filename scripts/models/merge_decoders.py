"""Merges a no-cache and a with-cache decoder into one ONNX graph with an If.

transformers.js loads `onnx/decoder_model_merged.onnx` for Whisper and feeds
`use_cache_branch` (false on the first step, true after). This is the layout
optimum's `merge_decoders` writes: both decoders become branches of one If,
their weights are stored once in the outer graph, and every name inside a
branch gets a prefix so the two branches never collide.
"""

import hashlib
import os

import onnx
from onnx import TensorProto, helper


def merge_decoders(initial_path, cached_path, output_names, input_infos, output_infos):
    """Returns the merged ModelProto.

    input_infos / output_infos: ValueInfoProtos of the outer graph. The branch
    outputs are matched to output_names by position.
    """
    initial = onnx.load(initial_path)
    cached = onnx.load(cached_path)
    outer_inputs = {info.name for info in input_infos}

    shared = {}  # content digest -> shared initializer name
    shared_initializers = []

    def hoist(graph, prefix):
        """Moves initializers to the outer graph (once per content) and prefixes inner names."""
        renames = {}
        for initializer in graph.initializer:
            digest = hashlib.sha256(
                initializer.data_type.to_bytes(4, 'little')
                + repr(list(initializer.dims)).encode()
                + tensor_bytes(initializer)
            ).hexdigest()
            if digest not in shared:
                name = 'shared_%d' % len(shared)
                shared[digest] = name
                moved = onnx.TensorProto()
                moved.CopyFrom(initializer)
                moved.name = name
                shared_initializers.append(moved)
            renames[initializer.name] = shared[digest]

        def rename(name):
            if name == '' or name in outer_inputs:
                return name
            if name in renames:
                return renames[name]
            return prefix + name

        nodes = []
        for node in graph.node:
            copy = onnx.NodeProto()
            copy.CopyFrom(node)
            copy.name = prefix + (node.name or node.op_type)
            del copy.input[:]
            copy.input.extend(rename(name) for name in node.input)
            del copy.output[:]
            copy.output.extend(rename(name) for name in node.output)
            nodes.append(copy)

        branch_outputs = []
        for output, outer_name in zip(graph.output, output_names):
            inner_name = rename(output.name)
            if output.name in outer_inputs or inner_name in renames.values():
                # A branch output must be produced inside the branch.
                identity_name = prefix + 'out_' + outer_name
                nodes.append(helper.make_node('Identity', [inner_name], [identity_name], name=identity_name))
                inner_name = identity_name
            elem_type = output.type.tensor_type.elem_type
            branch_outputs.append(helper.make_tensor_value_info(inner_name, elem_type, None))
        return helper.make_graph(nodes, prefix.rstrip('/'), [], branch_outputs)

    if len(initial.graph.output) != len(output_names) or len(cached.graph.output) != len(output_names):
        raise ValueError('both decoders must have %d outputs' % len(output_names))

    else_branch = hoist(initial.graph, 'no_cache/')
    then_branch = hoist(cached.graph, 'with_cache/')

    if_node = helper.make_node(
        'If', ['use_cache_branch'], list(output_names), name='optimum::if',
        then_branch=then_branch, else_branch=else_branch,
    )
    graph = helper.make_graph(
        [if_node], 'merged_decoder', list(input_infos), list(output_infos), initializer=shared_initializers
    )
    model = helper.make_model(graph, opset_imports=list(initial.opset_import), producer_name='intervju-test-model')
    model.ir_version = initial.ir_version
    if sum(len(tensor_bytes(tensor)) for tensor in shared_initializers) < ONNX_FILE_LIMIT:
        # The checker serializes the model, which protobuf refuses above 2 GB (Whisper large's
        # fp32 decoder); such a model is saved with external data (save_onnx) and not checked here.
        onnx.checker.check_model(model)
    return model


# Protobuf's limit on one serialized message, less room for the graph itself. The
# converter's test sets INTERVJU_ONNX_FILE_LIMIT low to run the path Whisper large takes.
ONNX_FILE_LIMIT = int(os.environ.get('INTERVJU_ONNX_FILE_LIMIT') or 2 ** 31 - 2 ** 26)


def save_onnx(model, path):
    """onnx.save, or for a model over the 2 GB protobuf limit, the weights in one
    external file `<name>_data` beside it (onnxruntime reads it from the same folder)."""
    if sum(len(tensor_bytes(tensor)) for tensor in model.graph.initializer) < ONNX_FILE_LIMIT:
        onnx.save(model, path)
    else:
        onnx.save(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                  location=os.path.basename(path) + '_data', size_threshold=1024)


def tensor_bytes(initializer):
    if initializer.raw_data:
        return initializer.raw_data
    return onnx.numpy_helper.to_array(initializer).tobytes()


def bool_input(name):
    return helper.make_tensor_value_info(name, TensorProto.BOOL, [1])
