"""Byte-level BPE tokenizer in Whisper's layout, small enough to commit.

Whisper's special-token layout is what transformers.js reads (see
node_modules/@huggingface/transformers/src/models/whisper/): the text tokens,
then <|endoftext|>, <|startoftranscript|>, one token per language in
WHISPER_LANGUAGES order, the task tokens, <|startoflm|>, <|startofprev|>,
<|nocaptions|>, <|notimestamps|>, and then exactly 1501 timestamp tokens
<|0.00|> ... <|30.00|> that are NOT special (transformers.js takes
"last special id + 1" and "<|notimestamps|> + 1" as the first timestamp).
"""

import re

# The 99 language codes of multilingual Whisper v1/v2, in the order of
# WHISPER_LANGUAGES in transformers.js common_whisper.js. The token id of a
# language is its position here plus one after <|startoftranscript|>.
WHISPER_LANGUAGE_CODES = [
    'en', 'zh', 'de', 'es', 'ru', 'ko', 'fr', 'ja', 'pt', 'tr', 'pl', 'ca', 'nl',
    'ar', 'sv', 'it', 'id', 'hi', 'fi', 'vi', 'he', 'uk', 'el', 'ms', 'cs', 'ro',
    'da', 'hu', 'ta', 'no', 'th', 'ur', 'hr', 'bg', 'lt', 'la', 'mi', 'ml', 'cy',
    'sk', 'te', 'fa', 'lv', 'bn', 'sr', 'az', 'sl', 'kn', 'et', 'mk', 'br', 'eu',
    'is', 'hy', 'ne', 'mn', 'bs', 'kk', 'sq', 'sw', 'gl', 'mr', 'pa', 'si', 'km',
    'sn', 'yo', 'so', 'af', 'oc', 'ka', 'be', 'tg', 'sd', 'gu', 'am', 'yi', 'lo',
    'uz', 'fo', 'ht', 'ps', 'tk', 'nn', 'mt', 'sa', 'lb', 'my', 'bo', 'tl', 'mg',
    'as', 'tt', 'haw', 'ln', 'ha', 'ba', 'jw', 'su',
]

TIMESTAMP_COUNT = 1501  # 0.00 s to 30.00 s in steps of 0.02 s

# A few sentences in the languages the product is used in, so that the merges
# look like Norwegian and English sub-words. Content does not matter beyond that.
CORPUS = """
Kan du fortelle litt om hvordan en vanlig arbeidsdag ser ut for deg?
Hva tenker du om det? Hvordan opplevde du den situasjonen?
Jeg har jobbet her i mange år, og det har vært både fint og krevende.
Vi snakket om det i går, men jeg husker ikke helt hva vi ble enige om.
Det er vanskelig å si, egentlig. Eh, jeg vet ikke helt.
Kva meiner du om det? Eg trur det var ei god løysing for oss.
Kan du gi et eksempel på en gang da det fungerte godt?
Takk for at du ville være med på dette intervjuet.
Hvordan har endringene påvirket hverdagen din og kollegaene dine?
Can you tell me a little about how an ordinary working day looks for you?
What do you think about that? How did you experience that situation?
I have worked here for many years, and it has been both good and hard.
Thank you for taking part in this interview. Is there anything you want to add?
"""

# GPT-2's pre-tokenisation pattern, with \\p{L} and \\p{N} spelled for
# Python's re module. Only used to train the merges here.
PRETOKEN_PATTERN = re.compile(
    r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+"""
)


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters."""
    visible = (
        list(range(ord('!'), ord('~') + 1))
        + list(range(ord('¡'), ord('¬') + 1))
        + list(range(ord('®'), ord('ÿ') + 1))
    )
    characters = visible[:]
    extra = 0
    for byte in range(256):
        if byte not in visible:
            visible.append(byte)
            characters.append(256 + extra)
            extra += 1
    return {byte: chr(character) for byte, character in zip(visible, characters)}


def train_merges(corpus, merge_count):
    """Trains byte-level BPE merges deterministically (ties broken by the pair's text)."""
    byte_map = bytes_to_unicode()
    word_counts = {}
    for piece in PRETOKEN_PATTERN.findall(corpus.strip().replace('\n', ' ')):
        symbols = tuple(byte_map[b] for b in piece.encode('utf-8'))
        word_counts[symbols] = word_counts.get(symbols, 0) + 1

    merges = []
    for _ in range(merge_count):
        pair_counts = {}
        for symbols, count in word_counts.items():
            for pair in zip(symbols, symbols[1:]):
                pair_counts[pair] = pair_counts.get(pair, 0) + count
        if not pair_counts:
            break
        best = min(pair_counts.items(), key=lambda item: (-item[1], item[0]))
        if best[1] < 2:
            break
        first, second = best[0]
        merges.append((first, second))
        merged_counts = {}
        for symbols, count in word_counts.items():
            out = []
            index = 0
            while index < len(symbols):
                if index + 1 < len(symbols) and symbols[index] == first and symbols[index + 1] == second:
                    out.append(first + second)
                    index += 2
                else:
                    out.append(symbols[index])
                    index += 1
            key = tuple(out)
            merged_counts[key] = merged_counts.get(key, 0) + count
        word_counts = merged_counts
    return merges


def build_tokenizer(merge_count=144, corpus=CORPUS):
    """Returns (tokenizer_json, token_ids) where token_ids names the special ids."""
    byte_map = bytes_to_unicode()
    vocab = {}
    for byte in range(256):
        vocab[byte_map[byte]] = len(vocab)
    merges = train_merges(corpus, merge_count)
    for first, second in merges:
        if first + second not in vocab:
            vocab[first + second] = len(vocab)
    text_token_count = len(vocab)

    special_names = ['<|endoftext|>', '<|startoftranscript|>']
    special_names += ['<|%s|>' % code for code in WHISPER_LANGUAGE_CODES]
    special_names += [
        '<|translate|>', '<|transcribe|>', '<|startoflm|>', '<|startofprev|>',
        '<|nocaptions|>', '<|notimestamps|>',
    ]
    added_tokens = []
    next_id = text_token_count
    for name in special_names:
        added_tokens.append(added_token(next_id, name, special=True))
        next_id += 1
    for index in range(TIMESTAMP_COUNT):
        added_tokens.append(added_token(next_id, '<|%.2f|>' % (index * 0.02), special=False))
        next_id += 1

    ids = {token['content']: token['id'] for token in added_tokens}
    token_ids = {
        'text_token_count': text_token_count,
        'vocab_size': next_id,
        'endoftext': ids['<|endoftext|>'],
        'startoftranscript': ids['<|startoftranscript|>'],
        'languages': {'<|%s|>' % code: ids['<|%s|>' % code] for code in WHISPER_LANGUAGE_CODES},
        'translate': ids['<|translate|>'],
        'transcribe': ids['<|transcribe|>'],
        'startoflm': ids['<|startoflm|>'],
        'startofprev': ids['<|startofprev|>'],
        'nocaptions': ids['<|nocaptions|>'],
        'notimestamps': ids['<|notimestamps|>'],
        'timestamp_begin': ids['<|0.00|>'],
        'space': vocab[byte_map[ord(' ')]],
        'byte_tokens': [vocab[byte_map[byte]] for byte in range(256)],
    }

    tokenizer_json = {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': added_tokens,
        'normalizer': None,
        'pre_tokenizer': {
            'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True,
        },
        'post_processor': None,
        'decoder': {
            'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': True, 'use_regex': True,
        },
        'model': {
            'type': 'BPE',
            'dropout': None,
            'unk_token': None,
            'continuing_subword_prefix': '',
            'end_of_word_suffix': '',
            'fuse_unk': False,
            'byte_fallback': False,
            'ignore_merges': False,
            'vocab': vocab,
            'merges': ['%s %s' % pair for pair in merges],
        },
    }
    return tokenizer_json, token_ids


def added_token(token_id, content, special):
    return {
        'id': token_id,
        'content': content,
        'single_word': False,
        'lstrip': False,
        'rstrip': False,
        'normalized': False,
        'special': special,
    }
