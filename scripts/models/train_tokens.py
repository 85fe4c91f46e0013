"""The trained test model's tokenizer: test_model_tokenizer.py's byte-level BPE
in Whisper's layout, its merges learnt from the training sentences, and an
encoder for the training targets (transformers.js only decodes what the model
writes, so any split of a sentence into tokens decodes to the same text)."""

from test_model_tokenizer import PRETOKEN_PATTERN, build_tokenizer, bytes_to_unicode

MERGES = 256
TIME_STEP = 0.02


class Tokens:
    def __init__(self, training_sentences, merge_count=MERGES):
        corpus = '\n'.join(' ' + sentence for sentence in training_sentences)
        self.tokenizer_json, self.ids = build_tokenizer(merge_count, corpus)
        model = self.tokenizer_json['model']
        self.vocab = model['vocab']
        self.ranks = {tuple(merge.split(' ')): rank for rank, merge in enumerate(model['merges'])}
        self.byte_map = bytes_to_unicode()
        self.text_count = self.ids['text_token_count']

    def encode_text(self, text):
        """Text token ids of text (Whisper writes a space before the first word)."""
        ids = []
        for piece in PRETOKEN_PATTERN.findall(' ' + text):
            symbols = [self.byte_map[b] for b in piece.encode('utf-8')]
            while len(symbols) > 1:
                pairs = [(self.ranks.get(pair, 1 << 30), index) for index, pair in enumerate(zip(symbols, symbols[1:]))]
                rank, index = min(pairs)
                if rank == 1 << 30:
                    break
                symbols[index:index + 2] = [symbols[index] + symbols[index + 1]]
            ids += [self.vocab[symbol] for symbol in symbols]
        return ids

    def decode_text(self, ids):
        inverse = {value: key for key, value in self.byte_map.items()}
        reverse = {value: key for key, value in self.vocab.items()}
        data = bytes(inverse[c] for i in ids if i < self.text_count for c in reverse[i])
        return data.decode('utf-8', errors='replace')

    def timestamp(self, seconds):
        return self.ids['timestamp_begin'] + max(0, min(1500, round(seconds / TIME_STEP)))

    def prompt(self):
        """The tokens transformers.js forces for language 'no', task transcribe, with timestamps."""
        return [self.ids['startoftranscript'], self.ids['languages']['<|no|>'], self.ids['transcribe']]

    def sequence(self, text, start, end):
        """Whole decoder sequence: prompt, start time, text, end time, end of text.
        text None: no speech (the first step learns <|nocaptions|>; decoding writes nothing)."""
        if text is None:
            return self.prompt() + [self.timestamp(0.0), self.ids['endoftext']]
        return self.prompt() + [self.timestamp(start)] + self.encode_text(text) + [self.timestamp(end),
                                                                                   self.ids['endoftext']]
