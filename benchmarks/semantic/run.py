"""Benchmarks of the semantic extra on real news paraphrases (../shared/data, read in place).

    python benchmarks/semantic/run.py --model use msrp sts speed crosslingual
    /work/venvs/st/bin/python benchmarks/semantic/run.py --model minilm   # all four

- msrp: a cosine threshold tuned for accuracy on MSRP train, accuracy and F1 at it on test.
- sts: Spearman of cosine with the gold score on the STS Benchmark news pairs (genre
  main-news: headlines, MSRpar, deft-news) of test (dev and train for reference). STS shares
  pairs with MSRP (its MSRpar subset), so nothing is tuned here: Spearman needs no threshold.
- speed: sentences per second encoding MSRP test sentences (news, ~22 words), after loading.
- crosslingual: the hand-written English paragraphs of tests/semantic/data and their German
  and French translations: cosine of each translation with its source, the best cosine of a
  translation with another sentence of the same paragraph, and how many translations
  paraphrase_links links to their own source at PARAPHRASE_MIN.
Results also go to benchmarks/results/semantic-MODEL.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data
import models

from unspin.semantic.links import (
    PARAPHRASE_MIN,
    XLING_PARAPHRASE_MIN,
    paraphrase_links,
    semantic_candidate_pairs,
)

RESULTS = data.ROOT / "benchmarks" / "results"
XLING_MIN = XLING_PARAPHRASE_MIN
SEED_QUOTE = (
    "Undoubtedly, cooperation with China strengthens the defense capabilities of the Chinese "
    "military,",
    "Without any doubt, our cooperation with China is bolstering the defense capability of "
    "China's army,",
)
# Two seed sentences that do not say the same thing: (file, a phrase of its line).
SEED_UNRELATED = (
    ("000_d1e9f2ba145d541d.txt", "war games"),
    ("002_5904dd556c9162f6.txt", "Romney"),
)


def seed_sentence(name: str, needle: str) -> str:
    """The first sentence of the line of ``examples/name`` that contains ``needle``."""
    text = (data.ROOT / "examples" / name).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if needle in line).split(". ")[0]


def pair_cosines(encode: models.Encode, pairs: list[data.Pair]) -> np.ndarray:
    first = encode([p.first for p in pairs])
    second = encode([p.second for p in pairs])
    return np.einsum("ij,ij->i", first, second)


def scores(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """Accuracy and F1 (positive class: paraphrase)."""
    tp = float(np.sum(predicted & gold))
    fp = float(np.sum(predicted & ~gold))
    fn = float(np.sum(~predicted & gold))
    accuracy = float(np.mean(predicted == gold))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def best_threshold(cosines: np.ndarray, gold: np.ndarray) -> float:
    """The cosine threshold with the best accuracy (midpoint between neighbouring values)."""
    values = np.unique(np.round(cosines, 4))
    cuts = np.concatenate([[values[0] - 1e-4], (values[:-1] + values[1:]) / 2])
    accuracies = [float(np.mean((cosines >= cut) == gold)) for cut in cuts]
    return float(cuts[int(np.argmax(accuracies))])


def bench_msrp(encode: models.Encode) -> dict[str, float]:
    train, test = data.msrp("train"), data.msrp("test")
    train_cos, test_cos = pair_cosines(encode, train), pair_cosines(encode, test)
    train_gold = np.array([p.label == 1.0 for p in train])
    test_gold = np.array([p.label == 1.0 for p in test])
    tuned = best_threshold(train_cos, train_gold)
    shipped = PARAPHRASE_MIN
    out = {"train_pairs": len(train), "test_pairs": len(test), "tuned_threshold": tuned}
    for name, cut in (("tuned", tuned), ("shipped", shipped)):
        out[f"train_accuracy_{name}"], out[f"train_f1_{name}"] = scores(
            train_cos >= cut, train_gold
        )
        out[f"test_accuracy_{name}"], out[f"test_f1_{name}"] = scores(test_cos >= cut, test_gold)
    out["test_majority_accuracy"] = float(np.mean(test_gold))
    out["mean_cos_paraphrase_test"] = float(np.mean(test_cos[test_gold]))
    out["mean_cos_other_test"] = float(np.mean(test_cos[~test_gold]))
    return out


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho: Pearson correlation of the ranks (ties get their mean rank)."""

    def ranks(values: np.ndarray) -> np.ndarray:
        order = np.argsort(values, kind="stable")
        r = np.empty(len(values), dtype=np.float64)
        r[order] = np.arange(len(values), dtype=np.float64)
        _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
        sums = np.bincount(inverse, weights=r)
        return np.asarray(sums[inverse] / counts[inverse])

    return float(np.corrcoef(ranks(x), ranks(y))[0, 1])


def bench_sts(encode: models.Encode) -> dict[str, float]:
    out: dict[str, float] = {}
    for split in ("test", "dev", "train"):
        pairs = data.sts_news(split)
        cos = pair_cosines(encode, pairs)
        gold = np.array([p.label for p in pairs])
        out[f"{split}_news_pairs"] = len(pairs)
        out[f"{split}_news_spearman"] = spearman(cos, gold)
        for subset in sorted({p.subset for p in pairs}):
            mask = np.array([p.subset == subset for p in pairs])
            out[f"{split}_{subset}_spearman"] = spearman(cos[mask], gold[mask])
    return out


def bench_speed(encode: models.Encode, load_seconds: float, sample: int) -> dict[str, float]:
    pairs = data.msrp("test")
    sentences = ([p.first for p in pairs] + [p.second for p in pairs])[:sample]
    encode(sentences[:64])  # warm caches
    started = time.perf_counter()
    encode(sentences)
    seconds = time.perf_counter() - started
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    return {
        "sentences": len(sentences),
        "mean_words": words,
        "seconds": seconds,
        "sentences_per_second": len(sentences) / seconds,
        "load_seconds": load_seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_average_1min": os.getloadavg()[0],  # other users of the 2 cores slow it down
    }


def bench_crosslingual(encode: models.Encode) -> dict[str, float]:
    msrp = data.msrp("test")
    background = encode(sorted({p.first for p in msrp} | {p.second for p in msrp}))
    out: dict[str, float] = {}
    english = [encode(paragraph["en"]) for paragraph in data.crosslingual()]
    for lang in ("de", "fr"):
        translated = [encode(paragraph[lang]) for paragraph in data.crosslingual()]
        pairs = list(zip(english, translated, strict=True))
        own = np.concatenate([np.einsum("ij,ij->i", e, t) for e, t in pairs])
        other = []
        for e, t in pairs:
            sims = t @ e.T
            other.append(float(sims[~np.eye(len(sims), dtype=bool)].max()))
        nearest = np.concatenate([(t @ background.T).max(axis=1) for t in translated])
        out[f"{lang}_sentences"] = len(own)
        out[f"{lang}_own_mean"] = float(np.mean(own))
        out[f"{lang}_own_min"] = float(np.min(own))
        out[f"{lang}_other_in_paragraph_max"] = max(other)
        out[f"{lang}_msrp_test_nearest_max"] = float(np.max(nearest))
        out[f"{lang}_msrp_test_nearest_above_xling_min"] = int(np.sum(nearest >= XLING_MIN))
        for name, cut in (("paraphrase_min", PARAPHRASE_MIN), ("xling_min", XLING_MIN)):
            linked = 0
            for e, t in pairs:
                links = paraphrase_links(e, t, min_similarity=cut)
                linked += sum(1 for i, j, _ in links if i == j)
            out[f"{lang}_linked_to_source_at_{name}"] = linked
    quote = encode(list(SEED_QUOTE))
    unrelated = encode([seed_sentence(name, needle) for name, needle in SEED_UNRELATED])
    out["seed_quote_cosine"] = float(quote[0] @ quote[1])
    out["seed_unrelated_cosine"] = float(unrelated[0] @ unrelated[1])
    return out


def bench_bbc(encode: models.Encode, category: str) -> dict[str, float]:
    """Candidate pairs among one BBC category (same-topic articles, few of them reused)."""
    from unspin.model import Document
    from unspin.prepare import prepare

    texts = data.bbc(category)
    ids = sorted(texts)
    duplicates = data.bbc_duplicates(category)
    vectors = []
    sentences = 0
    started = time.perf_counter()
    for doc_id in ids:
        p = prepare(Document(id=doc_id, text=texts[doc_id]))
        story = [
            p.doc.text[p.tokens.sentences[s].start : p.tokens.sentences[s].end] for s in p.story
        ]
        sentences += len(story)
        vectors.append(encode(story))
    out: dict[str, float] = {
        "documents": len(ids),
        "sentences": sentences,
        "encode_seconds": time.perf_counter() - started,
        "exact_duplicate_pairs": len(duplicates),
    }
    for shared in (1, 2, 3):
        started = time.perf_counter()
        found = semantic_candidate_pairs(vectors, min_shared=shared)
        named = {(ids[i], ids[j]) for i, j in found}
        out[f"min_shared_{shared}_pairs"] = len(found)
        out[f"min_shared_{shared}_duplicates_found"] = len(named & duplicates)
        out[f"min_shared_{shared}_seconds"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=models.MODELS, default="use")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bbc-category", default="business", help="for the bbc benchmark")
    parser.add_argument(
        "--speed-sample", type=int, default=3450, help="sentences timed (default: all 3,450)"
    )
    parser.add_argument("benches", nargs="*", help="msrp sts speed crosslingual (default: all)")
    args = parser.parse_args()
    started = time.perf_counter()
    encode, description = models.load(args.model, args.threads)
    load_seconds = time.perf_counter() - started
    results: dict[str, object] = {"model": description}
    benches = {
        "msrp": lambda: bench_msrp(encode),
        "sts": lambda: bench_sts(encode),
        "speed": lambda: bench_speed(encode, load_seconds, args.speed_sample),
        "crosslingual": lambda: bench_crosslingual(encode),
        "bbc": lambda: bench_bbc(encode, args.bbc_category),
    }
    for name in args.benches or list(benches):
        if name not in benches:
            raise SystemExit(f"unknown benchmark {name!r}: choose from {', '.join(benches)}")
        t0 = time.perf_counter()
        results[name] = benches[name]()
        print(f"## {name} ({time.perf_counter() - t0:.1f} s)")
        for key, value in results[name].items():  # type: ignore[attr-defined]
            print(
                f"  {key:32s} {value:.4f}" if isinstance(value, float) else f"  {key:32s} {value}"
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"semantic-{args.model}.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous.update(results)
    out.write_text(json.dumps(previous, indent=2) + "\n")
    print(f"written to {out.relative_to(data.ROOT)}")


if __name__ == "__main__":
    main()
