"""A Whisper-shaped encoder-decoder with random weights, for export to ONNX.

The layers follow Whisper (two convolutions, pre-norm transformer blocks,
self- and cross-attention with key/value caches). The weights are random, so
the text it writes is meaningless by design. One addition makes decoding end:
the output layer adds a term that depends only on the decoder position, which
lifts the end token and the timestamp tokens after a few steps (see
`output_position_terms`). Without it greedy decoding with random weights runs
to max_length.
"""

import math

import torch
from torch import nn
from torch.nn import functional


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.head_size = width // heads
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width, bias=False)
        self.value = nn.Linear(width, width)
        self.out = nn.Linear(width, width)

    def split_heads(self, x):
        batch, length, _ = x.shape
        return x.reshape(batch, length, self.heads, self.head_size).transpose(1, 2)

    def project_key_value(self, x):
        return self.split_heads(self.key(x)), self.split_heads(self.value(x))

    def attend(self, x, key, value, mask=None):
        """Returns (output, attention weights [batch, heads, query, key])."""
        query = self.split_heads(self.query(x))
        scores = torch.matmul(query, key.transpose(2, 3)) / math.sqrt(self.head_size)
        if mask is not None:
            scores = scores + mask
        weights = torch.softmax(scores, dim=-1)
        batch = x.shape[0]
        output = torch.matmul(weights, value).transpose(1, 2).reshape(batch, -1, self.heads * self.head_size)
        return self.out(output), weights


def feed_forward(width, inner):
    return nn.Sequential(nn.Linear(width, inner), nn.GELU(), nn.Linear(inner, width))


class EncoderLayer(nn.Module):
    def __init__(self, width, heads, inner):
        super().__init__()
        self.attention_norm = nn.LayerNorm(width)
        self.attention = Attention(width, heads)
        self.feed_forward_norm = nn.LayerNorm(width)
        self.feed_forward = feed_forward(width, inner)

    def forward(self, x):
        normed = self.attention_norm(x)
        key, value = self.attention.project_key_value(normed)
        x = x + self.attention.attend(normed, key, value)[0]
        return x + self.feed_forward(self.feed_forward_norm(x))


def sinusoids(length, channels):
    """Whisper's fixed positional embedding for the encoder."""
    increment = math.log(10000) / (channels // 2 - 1)
    inverse = torch.exp(-increment * torch.arange(channels // 2, dtype=torch.float32))
    scaled = torch.arange(length, dtype=torch.float32)[:, None] * inverse[None, :]
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)


class Encoder(nn.Module):
    def __init__(self, mel_bins, width, heads, inner, layers, source_positions, slice_positions=True):
        super().__init__()
        # False gives the standard fixed-length export (the whole embedding added, so
        # exactly 3000 feature frames), which the model converter compares against.
        self.slice_positions = slice_positions
        self.conv1 = nn.Conv1d(mel_bins, width, kernel_size=3, padding=1)
        self.conv2 = nn.Conv1d(width, width, kernel_size=3, stride=2, padding=1)
        self.register_buffer('positions', sinusoids(source_positions, width))
        self.layers = nn.ModuleList([EncoderLayer(width, heads, inner) for _ in range(layers)])
        self.norm = nn.LayerNorm(width)

    def forward(self, input_features):
        x = functional.gelu(self.conv1(input_features))
        x = functional.gelu(self.conv2(x)).transpose(1, 2)
        # Sliced to the input's length: fewer than 3000 feature frames encode only
        # that much audio (short-context decoding); at 3000 it is Whisper's own sum.
        x = x + (self.positions[: x.shape[1]] if self.slice_positions else self.positions)
        for layer in self.layers:
            x = layer(x)
        return self.norm(x)


class DecoderLayer(nn.Module):
    def __init__(self, width, heads, inner):
        super().__init__()
        self.self_attention_norm = nn.LayerNorm(width)
        self.self_attention = Attention(width, heads)
        self.cross_attention_norm = nn.LayerNorm(width)
        self.cross_attention = Attention(width, heads)
        self.feed_forward_norm = nn.LayerNorm(width)
        self.feed_forward = feed_forward(width, inner)

    def forward(self, x, encoder_hidden_states, mask, past):
        """past: None, or (self key, self value, cross key, cross value) from earlier steps."""
        normed = self.self_attention_norm(x)
        new_key, new_value = self.self_attention.project_key_value(normed)
        if past is None:
            self_key, self_value = new_key, new_value
            cross_key, cross_value = self.cross_attention.project_key_value(encoder_hidden_states)
        else:
            self_key = torch.cat([past[0], new_key], dim=2)
            self_value = torch.cat([past[1], new_value], dim=2)
            cross_key, cross_value = past[2], past[3]
        x = x + self.self_attention.attend(normed, self_key, self_value, mask)[0]
        cross_output, cross_weights = self.cross_attention.attend(
            self.cross_attention_norm(x), cross_key, cross_value
        )
        x = x + cross_output
        x = x + self.feed_forward(self.feed_forward_norm(x))
        return x, (self_key, self_value, cross_key, cross_value), cross_weights


class Decoder(nn.Module):
    def __init__(self, vocab_size, width, heads, inner, layers, target_positions):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, width)
        self.embed_positions = nn.Embedding(target_positions, width)
        self.layers = nn.ModuleList([DecoderLayer(width, heads, inner) for _ in range(layers)])
        self.norm = nn.LayerNorm(width)
        # Separate from embed_tokens (real Whisper ties them) so that its bias
        # and the position terms can shape decoding without touching the input side.
        self.output = nn.Linear(width, vocab_size)
        self.register_buffer('position_slope', torch.zeros(vocab_size))
        self.register_buffer('position_curve', torch.zeros(vocab_size))

    def forward(self, input_ids, encoder_hidden_states, past):
        """past: None (first step) or a list of per-layer 4-tuples. Returns logits, presents, cross weights."""
        length = input_ids.shape[1]
        past_length = past[0][0].shape[2] if past is not None else 0
        positions = torch.arange(length, dtype=torch.int64) + past_length
        x = self.embed_tokens(input_ids) + self.embed_positions(positions)

        key_positions = torch.arange(length + past_length, dtype=torch.int64)
        future = key_positions[None, :] > positions[:, None]
        mask = future.to(torch.float32) * -1e9

        presents = []
        cross_weights = []
        for index, layer in enumerate(self.layers):
            x, present, weights = layer(x, encoder_hidden_states, mask, None if past is None else past[index])
            presents.append(present)
            cross_weights.append(weights)

        logits = self.output(self.norm(x))
        position_values = positions.to(torch.float32)[:, None]
        logits = logits + position_values * self.position_slope + position_values * position_values * self.position_curve
        return logits, presents, cross_weights


class DecoderInitialStep(nn.Module):
    """The decoder without a cache: the graph run for the prompt tokens."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, encoder_hidden_states):
        logits, presents, cross_weights = self.decoder(input_ids, encoder_hidden_states, None)
        flat = [tensor for present in presents for tensor in present]
        return (logits, *flat, *cross_weights)


class DecoderCachedStep(nn.Module):
    """The decoder with a cache: the graph run for each following token."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, encoder_hidden_states, *past_flat):
        past = [tuple(past_flat[index:index + 4]) for index in range(0, len(past_flat), 4)]
        logits, presents, cross_weights = self.decoder(input_ids, encoder_hidden_states, past)
        flat = []
        for present in presents:
            # The cross-attention cache is passed through unchanged; the
            # encoder's output does not change while decoding one window.
            flat += [present[0], present[1], present[2] * 1.0, present[3] * 1.0]
        return (logits, *flat, *cross_weights)
