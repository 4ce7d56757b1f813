"""Save a run's latest checkpoint as a model folder, to export or measure it mid-training.

python -m training.reader.snapshot training/reader/runs/minilm /tmp/reader-step400
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from training.reader.model import ReaderConfig, from_base, save


def snapshot(run_dir: Path, out: Path, max_length: int = 128) -> int:
    state = torch.load(run_dir / "checkpoint.pt", map_location="cpu", weights_only=False)
    cfg = ReaderConfig(state["base"], state.get("max_length", max_length), state.get("title", True))
    model, _ = from_base(cfg, out / "tokenizer")
    model.load_state_dict(state["model"])
    save(model, cfg, out / "tokenizer", out / "model")
    return int(state["step"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--max-length", type=int, default=128)
    args = ap.parse_args(argv)
    print(f"step {snapshot(args.run, args.out, args.max_length)} -> {args.out / 'model'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
