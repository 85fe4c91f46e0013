"""Speech for the test model, made on this machine with espeak-ng and sox.

Each sentence is spoken by one of espeak-ng's bokmål voice variants at a
random speed and pitch, resampled to 16 kHz mono by sox, with room reverb on
a share of them; the silence espeak-ng leaves around the speech is trimmed so
the speech's start and end (the timestamps the model learns) are known.
Noise is added later, at training time, so each pass hears different noise.

A set is stored as one int16 array of all samples plus offsets (numpy .npz),
under a folder outside the repository (default /work/train-data/).
"""

import os
import random
import subprocess
from multiprocessing import Pool

import numpy

SAMPLE_RATE = 16000
VOICES = ['nb', 'nb+m1', 'nb+m2', 'nb+m3', 'nb+m4', 'nb+m5', 'nb+m6', 'nb+m7',
          'nb+f1', 'nb+f2', 'nb+f3', 'nb+f4', 'nb+f5', 'nb+klatt', 'nb+iven', 'nb+anika']


def render(job):
    """job: (sentence, seed) -> int16 samples of the trimmed speech."""
    sentence, seed = job
    rng = random.Random(seed)
    voice = rng.choice(VOICES)
    speed = rng.randint(135, 195)
    pitch = rng.randint(25, 75)
    effects = ['rate', '-h', str(SAMPLE_RATE)]
    if rng.random() < 0.35:
        effects += ['reverb', str(rng.randint(10, 50)), '50', str(rng.randint(20, 80))]
        effects += ['channels', '1']
    effects += ['gain', '-n', str(-rng.uniform(2.0, 14.0))]
    speech = subprocess.run(['espeak-ng', '-v', voice, '-s', str(speed), '-p', str(pitch), '--stdout', sentence],
                            check=True, capture_output=True).stdout
    wav = subprocess.run(['sox', '-t', 'wav', '-', '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', '-'] + effects,
                         input=speech, check=True, capture_output=True).stdout
    samples = numpy.frombuffer(wav, dtype=numpy.int16)
    return trim(samples)


def trim(samples, threshold_db=-40.0, frame=160):
    """Cuts leading and trailing silence (frames 40 dB under the loudest), keeping 20 ms around."""
    frames = len(samples) // frame
    if frames == 0:
        return samples
    energy = (samples[:frames * frame].astype(numpy.float32).reshape(frames, frame) ** 2).mean(axis=1) + 1e-9
    level = 10 * numpy.log10(energy / energy.max())
    loud = numpy.nonzero(level > threshold_db)[0]
    start = max(0, (loud[0] - 2) * frame)
    end = min(len(samples), (loud[-1] + 3) * frame)
    return samples[start:end].copy()


def make_set(sentences, path, seed, workers=2):
    """Renders every sentence (seeded per sentence) and stores them in path (.npz)."""
    if os.path.exists(path):
        return load_set(path)
    jobs = [(sentence, seed * 1000003 + index) for index, sentence in enumerate(sentences)]
    with Pool(workers, initializer=os.nice, initargs=(0,)) as pool:
        rendered = pool.map(render, jobs, chunksize=16)
    offsets = numpy.cumsum([0] + [len(samples) for samples in rendered]).astype(numpy.int64)
    numpy.savez(path + '.partial.npz', samples=numpy.concatenate(rendered), offsets=offsets,
                sentences=numpy.array(sentences))
    os.replace(path + '.partial.npz', path)
    return load_set(path)


def load_set(path):
    data = numpy.load(path)
    return {'samples': data['samples'], 'offsets': data['offsets'], 'sentences': [str(s) for s in data['sentences']]}


def utterance(audio_set, index):
    """Float samples in [-1, 1] of one utterance."""
    start, end = audio_set['offsets'][index], audio_set['offsets'][index + 1]
    return audio_set['samples'][start:end].astype(numpy.float32) / 32768.0
