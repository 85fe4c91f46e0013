"""What the converter's modules (convert-checkpoint.py and the modules it imports)
share: the refusal, whose message is printed as `Cannot convert: …` with exit
code 2, and the timed step lines it prints.
"""

import time


class ConversionError(Exception):
    """A folder the converter refuses; the message names what is missing or wrong."""


started = time.monotonic()


def step(message):
    print('[%6.1f s] %s' % (time.monotonic() - started, message), flush=True)
