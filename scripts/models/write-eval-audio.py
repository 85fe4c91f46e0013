#!/usr/bin/python3
"""Writes the held-out evaluation speech for eval-test-model.mjs:

    /usr/bin/python3 scripts/models/write-eval-audio.py [--data /work/train-data]

<data>/eval/<set>/<n>.f32 (16 kHz mono float32) and <data>/eval/index.json, for
the held-out sentences (training vocabulary) and the out-of-vocabulary ones,
as the training script renders them (same seeds: same audio). Each utterance
has 0.3 s of silence before and after the speech, as the tests' utterances do;
index.json gives the text and where the speech starts and ends.
Needs numpy, espeak-ng and sox, not torch.
"""

import argparse
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy  # noqa: E402

from train_audio import SAMPLE_RATE, make_set, utterance  # noqa: E402
from train_sentences import sentence_sets  # noqa: E402

SEED = 20261204  # train-test-model.py's
LEAD = 0.3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', default='/work/train-data')
    args = parser.parse_args()
    sentences = sentence_sets(SEED)
    index = {}
    for name, seed in (('held_out', 2), ('out_of_vocabulary', 3)):
        audio = make_set(sentences[name], os.path.join(args.data, name + '.npz'), seed)
        folder = os.path.join(args.data, 'eval', name)
        os.makedirs(folder, exist_ok=True)
        entries = []
        for number, text in enumerate(audio['sentences']):
            speech = utterance(audio, number)
            lead = int(LEAD * SAMPLE_RATE)
            samples = numpy.zeros(len(speech) + 2 * lead, numpy.float32)
            samples[lead:lead + len(speech)] = speech
            path = os.path.join(folder, '%03d.f32' % number)
            samples.tofile(path)
            entries.append({'file': os.path.relpath(path, args.data), 'text': text, 'speechStart': LEAD,
                            'speechEnd': LEAD + len(speech) / SAMPLE_RATE})
        index[name] = entries
    with open(os.path.join(args.data, 'eval', 'index.json'), 'w', encoding='utf-8') as handle:
        json.dump(index, handle, ensure_ascii=False, indent=1)
    print('wrote', os.path.join(args.data, 'eval'))


if __name__ == '__main__':
    main()
