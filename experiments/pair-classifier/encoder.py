"""A BERT encoder in plain torch (the architecture of all-MiniLM-L6-v2), loaded from safetensors."""
import math
import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, size: int, heads: int, inner: int):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(size, size), nn.Linear(size, size), nn.Linear(size, size)
        self.attention_out, self.attention_norm = nn.Linear(size, size), nn.LayerNorm(size, eps=1e-12)
        self.inner, self.out, self.out_norm = nn.Linear(size, inner), nn.Linear(inner, size), nn.LayerNorm(size, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x, bias):
        b, n, size = x.shape
        split = lambda t: t.view(b, n, self.heads, size // self.heads).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(size // self.heads) + bias
        attended = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, size)
        x = self.attention_norm(x + self.dropout(self.attention_out(attended)))
        return self.out_norm(x + self.dropout(self.out(nn.functional.gelu(self.inner(x)))))


class Encoder(nn.Module):
    def __init__(self, vocab=30522, size=384, layers=6, heads=12, inner=1536, positions=512):
        super().__init__()
        self.words, self.positions, self.types = nn.Embedding(vocab, size), nn.Embedding(positions, size), nn.Embedding(2, size)
        self.norm, self.dropout = nn.LayerNorm(size, eps=1e-12), nn.Dropout(0.1)
        self.layers = nn.ModuleList(Layer(size, heads, inner) for _ in range(layers))

    def forward(self, ids, mask, types):
        where = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.dropout(self.norm(self.words(ids) + self.positions(where) + self.types(types)))
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return x


NAMES = {
    "embeddings.word_embeddings": "words", "embeddings.position_embeddings": "positions",
    "embeddings.token_type_embeddings": "types", "embeddings.LayerNorm": "norm",
    "attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
    "attention.output.dense": "attention_out", "attention.output.LayerNorm": "attention_norm",
    "intermediate.dense": "inner", "output.dense": "out", "output.LayerNorm": "out_norm",
}


def load_encoder(path) -> Encoder:
    from safetensors.torch import load_file
    weights = load_file(str(path))
    state = {}
    for name, value in weights.items():
        name = name.removeprefix("bert.")
        if name.startswith("pooler") or "position_ids" in name:
            continue
        name = name.replace("encoder.layer.", "layers.")
        for old, new in NAMES.items():
            name = name.replace(old, new)
        name = name.replace(".gamma", ".weight").replace(".beta", ".bias")
        state[name] = value
    encoder = Encoder()
    encoder.load_state_dict(state, strict=True)
    return encoder
