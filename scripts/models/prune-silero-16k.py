#!/usr/bin/python3
"""Writes a 16 kHz-only copy of a Silero VAD v5 (or v6) ONNX model.

    /usr/bin/python3 scripts/models/prune-silero-16k.py <silero_vad_v5.onnx> <out.onnx>

Why: Silero's v5 graph holds two complete networks, one with 16 kHz weights and
one with 8 kHz weights, chosen at run time by `If(sr == 16000)`. Intervju only
ever feeds 16 kHz audio, so the 8 kHz half is dead weight in the extension:
keeping only the 16 kHz branch shrinks the file from 2.33 MB to 1.31 MB, and its
outputs are bit-identical to the original's (checked on the evaluation's test
files, /tmp/silero-eval/check_pruned.mjs). The `sr` input stays in the
signature, unused, so callers feed the model as before.

How: the 16 kHz branch's nodes are lifted into the main graph, its outputs
renamed to the If node's outputs; the Equal and If nodes and the constant they
compare with are dropped. Needs Debian's python3-onnx. scripts/models/
fetch-silero-vad.sh runs this and checks the result's sha256.
"""

import sys

import onnx
from onnx import numpy_helper

SAMPLE_RATE = 16000


def constant_values(graph):
    """Output name -> value of every Constant node that holds a tensor."""
    return {
        node.output[0]: numpy_helper.to_array(node.attribute[0].t)
        for node in graph.node
        if node.op_type == "Constant" and node.attribute[0].name == "value"
    }


def prune_to_16k(model):
    graph = model.graph
    constants = constant_values(graph)
    rate_test = next(node for node in graph.node if node.op_type == "Equal")
    compared_with = int(constants[rate_test.input[1]])
    branch_select = next(node for node in graph.node if node.op_type == "If")
    # The then-branch runs when sr equals the constant; otherwise the else-branch.
    wanted = "then_branch" if compared_with == SAMPLE_RATE else "else_branch"
    branch = next(attribute.g for attribute in branch_select.attribute if attribute.name == wanted)

    kept = [
        node
        for node in graph.node
        if node is not rate_test
        and node is not branch_select
        and not (node.op_type == "Constant" and node.output[0] == rate_test.input[1])
    ]
    # The branch's outputs become the If node's outputs, which the rest of the graph reads.
    renamed = {output.name: branch_select.output[index] for index, output in enumerate(branch.output)}
    lifted = []
    for node in branch.node:
        copy = onnx.NodeProto()
        copy.CopyFrom(node)
        for index, name in enumerate(copy.output):
            if name in renamed:
                copy.output[index] = renamed[name]
        lifted.append(copy)

    del graph.node[:]
    # Branch nodes first: the nodes after the If (kept) consume their outputs.
    graph.node.extend(lifted + kept)
    onnx.checker.check_model(model)
    return compared_with, wanted


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, destination = sys.argv[1], sys.argv[2]
    model = onnx.load(source)
    compared_with, branch = prune_to_16k(model)
    onnx.save(model, destination)
    print(f"{destination}: kept the {branch} of If(sr == {compared_with})")


if __name__ == "__main__":
    main()
