"""Fine-tune the reader cross-encoder on build.py's pairs, on CPU, resumable.

    python -m training.reader.train --base minilm --max-steps 3000 --out training/reader/runs/minilm
    python -m training.reader.train --base e5 --batch-size 16 --max-steps 6000 --out .../e5

Pointwise binary cross-entropy on (question, sentence) -> label: all-negative groups (questions
with no answer) then push every score down, which is what a refusal threshold needs. A checkpoint
(model, optimiser, schedule, step) is written every `--checkpoint-every` steps and at the end;
running the same command again resumes from it. The batch order is a function of (seed, step),
so a resumed run sees the batches an unbroken one would have.

At the end: the model folder (`<out>/model`, see model.py), `<out>/metrics.json` (dev MRR and
P@1 per source, over questions with an answer; for all-negative groups the mean top score), and
`<out>/log.jsonl` (loss every `--log-every` steps).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import torch

from training.reader.model import (
    BASES,
    ReaderConfig,
    from_base,
    save,
    score,
    sentence_text,
)

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def read_pairs(path: Path) -> list[dict[str, Any]]:
    if not path.is_file() and Path(str(path) + ".gz").is_file():
        path = Path(str(path) + ".gz")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no pairs; run `python -m training.reader.build` first")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        rows = [json.loads(line) for line in fh if line.strip()]
    for n, r in enumerate(rows[:1] + rows[-1:]):
        if not {"question", "sentence", "label", "group", "source"} <= r.keys():
            raise ValueError(f"{path}: row {n} lacks pair fields: {sorted(r)}")
    return rows


def file_sha256(path: Path) -> str:
    if not path.is_file():
        path = Path(str(path) + ".gz")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def limit_groups(rows: list[dict[str, Any]], per_source: int | None) -> list[dict[str, Any]]:
    """The first `per_source` groups of each source (whole groups, so ranks stay meaningful)."""
    if per_source is None:
        return rows
    seen: dict[str, list[str]] = defaultdict(list)
    out = []
    for r in rows:
        groups = seen[r["source"]]
        if r["group"] not in groups:
            if len(groups) >= per_source:
                continue
            groups.append(r["group"])
        out.append(r)
    return out


def batch_indices(n: int, batch_size: int, step: int, seed: int) -> list[int]:
    """Step `step`'s rows: consecutive slices of a per-epoch shuffle (seeded by epoch)."""
    per_epoch = max(1, n // batch_size)
    epoch, k = divmod(step, per_epoch)
    order = list(range(n))
    random.Random(seed * 1_000_003 + epoch).shuffle(order)
    return order[k * batch_size : (k + 1) * batch_size]


def rank_metrics(rows: list[dict[str, Any]], scores: list[float]) -> dict[str, Any]:
    """MRR and P@1 per source over groups with a positive; all-negative groups report the mean
    of their top score's sigmoid (lower is better: the reader should find nothing)."""
    groups: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for r, s in zip(rows, scores, strict=True):
        groups[(r["source"], r["group"])].append((s, int(r["label"])))
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (source, _), items in groups.items():
        items.sort(key=lambda x: -x[0])
        if any(lab for _, lab in items):
            rank = next(i for i, (_, lab) in enumerate(items, start=1) if lab)
            per[source]["rr"].append(1.0 / rank)
            per[source]["p1"].append(float(items[0][1]))
        else:
            per[source]["refusal_top"].append(1 / (1 + math.exp(-items[0][0])))
    out: dict[str, Any] = {}
    for source, m in sorted(per.items()):
        out[source] = {
            "groups_ranked": len(m["rr"]),
            "mrr": _mean(m["rr"]),
            "p_at_1": _mean(m["p1"]),
            "refusal_groups": len(m["refusal_top"]),
            "refusal_top_prob": _mean(m["refusal_top"]),
        }
    rr = [v for m in per.values() for v in m["rr"]]
    p1 = [v for m in per.values() for v in m["p1"]]
    out["all"] = {"groups_ranked": len(rr), "mrr": _mean(rr), "p_at_1": _mean(p1)}
    return out


def _mean(xs: list[float]) -> float | None:
    return round(sum(xs) / len(xs), 4) if xs else None


def train(args: argparse.Namespace, argv: list[str] | None = None) -> dict[str, Any]:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    cfg = ReaderConfig(args.base, args.max_length, not args.no_title)
    ckpt_path = out / "checkpoint.pt"
    rows = read_pairs(args.train)
    if args.limit is not None:
        # A seeded sample, not the first rows: those would all come from one source.
        rows = random.Random(args.seed).sample(rows, min(args.limit, len(rows)))
    model, tok = from_base(cfg, out / "tokenizer")
    if args.init_from is not None:
        # Warm start (a further pass over the data with a fresh schedule): weights only.
        from safetensors.torch import load_file

        model.load_state_dict(load_file(str(args.init_from / "model.safetensors")))
    if not args.train_embeddings:
        # The word embeddings are most of e5's weights (250k x 384). Frozen, a step is faster on
        # CPU, and the rows of languages the English pairs never use are not decayed away.
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    # No weight decay on biases and norms, as BERT was trained.
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    no_decay = {n for n, _ in params if n.endswith("bias") or "LayerNorm" in n}
    decay = [p for n, p in params if n not in no_decay]
    rest = [p for n, p in params if n in no_decay]
    optim = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}], lr=args.lr
    )
    warmup = max(1, int(args.warmup * args.max_steps))

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (args.max_steps - step) / max(1, args.max_steps - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(optim, lr_at)
    step = 0
    if ckpt_path.is_file() and not args.fresh:
        state = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        if state["base"] != cfg.base or state["train_sha256"] != file_sha256(args.train):
            raise SystemExit(
                f"{ckpt_path}: made from base {state['base']} on other pairs; "
                "use another --out or --fresh"
            )
        model.load_state_dict(state["model"])
        optim.load_state_dict(state["optim"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        print(f"resumed from {ckpt_path} at step {step}", flush=True)

    def checkpoint() -> None:
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optim": optim.state_dict(),
                "sched": sched.state_dict(),
                "step": step,
                "base": cfg.base,
                "train_sha256": file_sha256(args.train),
            },
            tmp,
        )
        tmp.replace(ckpt_path)  # a crash mid-write leaves the previous checkpoint whole

    loss_fn = torch.nn.BCEWithLogitsLoss()
    log = (out / "log.jsonl").open("a", encoding="utf-8")
    t0, window = time.perf_counter(), []
    model.train()
    while step < args.max_steps:
        batch = [rows[i] for i in batch_indices(len(rows), args.batch_size, step, args.seed)]
        enc = tok(
            [r["question"] for r in batch],
            [sentence_text(r["sentence"], r.get("title", ""), cfg.title) for r in batch],
            cfg.max_length,
        )
        labels = torch.tensor([float(r["label"]) for r in batch])
        loss = loss_fn(model(**enc), labels)
        optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        step += 1
        window.append(loss.item())
        if step % args.log_every == 0 or step == args.max_steps:
            rec = {
                "step": step,
                "loss": round(sum(window) / len(window), 5),
                "lr": sched.get_last_lr()[0],
                "seconds": round(time.perf_counter() - t0, 1),
            }
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
            window = []
        if step % args.checkpoint_every == 0 or step == args.max_steps:
            checkpoint()
    log.close()
    train_seconds = time.perf_counter() - t0

    save(model, cfg, out / "tokenizer", out / "model")
    dev = limit_groups(read_pairs(args.dev), args.dev_limit) if args.dev else []
    t1 = time.perf_counter()
    metrics = rank_metrics(dev, score(model, tok, cfg, dev, args.eval_batch_size)) if dev else {}
    yard = read_pairs(args.yardstick) if args.yardstick else []
    yard_metrics = (
        rank_metrics(yard, score(model, tok, cfg, yard, args.eval_batch_size)) if yard else {}
    )
    result = {
        "base": cfg.base,
        "max_length": cfg.max_length,
        "title": cfg.title,
        "steps": step,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "seed": args.seed,
        "train_pairs": len(rows),
        "train_file": str(args.train),
        "train_sha256": file_sha256(args.train),
        "dev_file": str(args.dev) if args.dev else None,
        "dev_pairs": len(dev),
        "dev_limit": args.dev_limit,
        "train_seconds_this_run": round(train_seconds, 1),
        "eval_seconds": round(time.perf_counter() - t1, 1),
        "threads": args.threads,
        "word_embeddings_trained": args.train_embeddings,
        "command": " ".join(["python -m training.reader.train", *(argv or sys.argv[1:])]),
        "dev": metrics,
        "yardstick": yard_metrics,
    }
    (out / "metrics.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", choices=BASES, default="minilm")
    ap.add_argument("--train", type=Path, default=DATA / "train.jsonl")
    ap.add_argument(
        "--dev",
        type=Path,
        default=DATA / "dev.jsonl",
        help="dev pairs for the final MRR/P@1 (empty string: none)",
    )
    ap.add_argument(
        "--yardstick", type=Path, help="pairs measured at the end too, e.g. data/yardstick.jsonl"
    )
    ap.add_argument("--out", type=Path, default=HERE / "runs" / "minilm")
    ap.add_argument("--max-steps", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--eval-batch-size", type=int, default=64)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--warmup", type=float, default=0.1, help="share of steps warming up")
    ap.add_argument("--limit", type=int, help="train on a seeded sample of this many pairs")
    ap.add_argument("--dev-limit", type=int, help="at most this many dev groups per source")
    ap.add_argument("--checkpoint-every", type=int, default=200)
    ap.add_argument("--log-every", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-title", action="store_true", help="score the sentence without its title")
    ap.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    ap.add_argument(
        "--init-from", type=Path, help="start from a trained reader's model folder (weights only)"
    )
    ap.add_argument(
        "--train-embeddings", action="store_true", help="also train the word embeddings"
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.dev is not None and str(args.dev) in ("", "."):
        args.dev = None
    result = train(args, argv)
    print(json.dumps({"steps": result["steps"], "dev": result["dev"].get("all")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
