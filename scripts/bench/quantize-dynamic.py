#!/usr/bin/python3
"""The benchmark's 8-bit copies: scripts/models/quantize_dynamic.py, which the
model converter shares, run as a command.

    /usr/bin/python3 scripts/bench/quantize-dynamic.py <source model folder> <target model folder> [--int8]
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'models'))

import quantize_dynamic  # noqa: E402

if __name__ == '__main__':
    quantize_dynamic.main()
