"""Build the reader's (question, sentence, title, label) pairs from the files manifest.json names.

    python -m training.reader.build                     # raw/ -> data/{train,dev,yardstick}.jsonl
    python -m training.reader.build --update-manifest   # and record the counts in manifest.json
    python -m training.reader.build --raw training/reader/fixtures --local-root \\
        training/reader/fixtures/local --no-verify --out /tmp/pairs   # the tiny test slice

One JSON object a line: source (manifest dataset), group (question id), question, sentence,
title, label (1: the sentence answers the question). Datasets and groups keep their source
order and every random choice has a fixed seed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from training.reader.fetch import (
    MANIFEST,
    RAW,
    REPO_ROOT,
    DataError,
    FileRef,
    load_manifest,
    resolve,
)
from training.reader.nearmiss import near_miss_twins
from training.reader.sources import (
    Group,
    SpanOptions,
    read_selqa,
    read_squad,
    read_wang_csv,
    read_wikiqa,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "data"
ROLES = ("train", "dev", "yardstick")
# Negatives kept per question: enough to rank against, few enough that one long TrecQA list
# does not outweigh ten SelQA questions.
MAX_NEGATIVES = {"train": 9, "dev": 15, "yardstick": 1000}


@dataclass
class Tally:
    groups: int = 0
    pairs: int = 0
    positives: int = 0
    refusal_groups: int = 0  # all-negative: the question has no answer among its candidates
    overlap: int = 0  # held-out groups dropped for sharing a sentence with the training pairs

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if k != "overlap" or v}


def read_dataset(ds: dict[str, Any], paths: list[Path], opts: SpanOptions) -> Iterator[Group]:
    fmt, name = ds["format"], ds["name"]
    if fmt == "selqa-ass-json":
        for p in paths:
            yield from read_selqa(p, name)
    elif fmt == "wang-csv":
        for p in paths:
            yield from read_wang_csv(p, name)
    elif fmt == "squad-json":
        for p in paths:
            yield from read_squad(p, name, opts, ds.get("document_licences"))
    elif fmt == "wikiqa-toks":
        yield from read_wikiqa(paths, name)
    elif fmt == "ibid-evalset":
        from training.reader.ibid_sets import read_ibid_sets  # parses the corpus: only if used

        yield from read_ibid_sets(paths, name)
    else:
        raise DataError(f"manifest dataset {name}: unknown format {fmt!r}")


def prepare(group: Group, role: str, seed: int) -> Group:
    """Drop repeated sentences (keeping a positive label) and cap the negatives."""
    labels: dict[str, int] = {}
    for text, label in group.candidates:
        text = " ".join(text.split())
        if text:
            labels[text] = max(labels.get(text, 0), label)
    pos = [t for t, lab in labels.items() if lab]
    neg = [t for t, lab in labels.items() if not lab]
    cap = MAX_NEGATIVES[role]
    if len(neg) > cap:
        rng = random.Random(f"{seed}:{group.gid}")
        keep = set(rng.sample(range(len(neg)), cap))
        neg = [t for i, t in enumerate(neg) if i in keep]  # source order, not sample order
    group.candidates = [(t, 1) for t in pos] + [(t, 0) for t in neg]
    return group


def drop_overlap(per_role: dict[str, list[Group]], tallies: dict[str, Tally]) -> None:
    """Remove dev and yardstick groups that share a sentence with the training pairs.

    Some sources split by question, not by document: SelQA's dev and test halves ask about the
    same Wikipedia sections, so a reader that memorised which sentences answer would score well
    on dev without generalising. Dev should measure unseen text, so the dev group goes (training
    data is the scarcer side). PolicyQA's questions repeat across websites word for word, which
    is why sentences and not question texts are compared."""
    seen = {text.lower() for g in per_role["train"] for text, _ in g.candidates}
    for role in ("dev", "yardstick"):
        kept = []
        for g in per_role[role]:
            if any(text.lower() in seen for text, _ in g.candidates):
                tallies[g.dataset].overlap += 1
            else:
                kept.append(g)
        per_role[role] = kept


def build(
    manifest_path: Path = MANIFEST,
    raw: Path = RAW,
    local_root: Path = REPO_ROOT,
    out: Path = OUT,
    *,
    verify: bool = True,
    only: set[str] | None = None,
    limit: int | None = None,
    seed: int = 13,
    compress: bool = False,
    update_manifest: bool = False,
    keep_overlap: bool = False,
    near_miss_share: float = 0.35,
) -> dict[str, Tally]:
    manifest = load_manifest(manifest_path)
    opts = SpanOptions(seed=seed)
    per_role: dict[str, list[Group]] = {r: [] for r in ROLES}
    tallies: dict[str, Tally] = {}
    for ds in manifest["datasets"]:
        role = ds["role"]
        if role not in ROLES or (only and ds["name"] not in only):
            continue
        refs = [
            FileRef(ds["name"], role, ds["repository"], ds.get("commit"), f["path"], f["sha256"])
            for f in ds["files"]
        ]
        paths = [resolve(r, raw, local_root, verify=verify) for r in refs]
        groups = []
        for g in read_dataset(ds, paths, opts):
            g = prepare(g, role, seed)
            if g.candidates:
                groups.append(g)
            if limit is not None and len(groups) >= limit:
                break
        per_role[role].extend(groups)
        tallies[ds["name"]] = Tally()

    if not keep_overlap:
        drop_overlap(per_role, tallies)
    # Training questions only: dev keeps its real near-misses (Ibid's own) for fitting.
    per_role["train"].extend(near_miss_twins(per_role["train"], near_miss_share, seed))

    out.mkdir(parents=True, exist_ok=True)
    for role, groups in per_role.items():
        name = f"{role}.jsonl" + (".gz" if compress else "")
        for stale in (out / f"{role}.jsonl", out / f"{role}.jsonl.gz"):
            stale.unlink(missing_ok=True)
        if not groups:
            continue
        with _open_out(out / name, compress) as fh:
            for g in groups:
                t = tallies[g.dataset]
                t.groups += 1
                t.refusal_groups += g.positives == 0
                for sentence, label in g.candidates:
                    t.pairs += 1
                    t.positives += label
                    rec = {
                        "source": g.dataset,
                        "group": g.gid,
                        "question": g.question,
                        "sentence": sentence,
                        "title": g.title,
                        "label": label,
                    }
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if update_manifest:
        for ds in manifest["datasets"]:
            if ds["name"] in tallies:
                ds["counts"] = tallies[ds["name"]].as_dict()
        manifest_path.write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return tallies


def _open_out(path: Path, compress: bool) -> IO[str]:
    if compress:
        # mtime=0: the same pairs give the same bytes, so the file's sha256 is stable.
        raw = gzip.GzipFile(filename=str(path), mode="wb", mtime=0)
        return io.TextIOWrapper(raw, encoding="utf-8")
    return path.open("w", encoding="utf-8")


def summary(tallies: dict[str, Tally], manifest: dict[str, Any]) -> str:
    roles = {ds["name"]: ds["role"] for ds in manifest["datasets"]}
    lines = [
        f"{'dataset':16} {'role':9} {'groups':>7} {'pairs':>8} {'positives':>9} "
        f"{'refusal':>7} {'overlap':>7}"
    ]
    totals: Counter[str] = Counter()
    for name, t in tallies.items():
        lines.append(
            f"{name:16} {roles[name]:9} {t.groups:7} {t.pairs:8} {t.positives:9} "
            f"{t.refusal_groups:7} {t.overlap:7}"
        )
        for k, v in vars(t).items():
            totals[f"{roles[name]}:{k}"] += v
    for role in ROLES:
        if totals[f"{role}:groups"]:
            lines.append(
                f"{'= ' + role:16} {'':9} {totals[f'{role}:groups']:7} "
                f"{totals[f'{role}:pairs']:8} {totals[f'{role}:positives']:9} "
                f"{totals[f'{role}:refusal_groups']:7} {totals[f'{role}:overlap']:7}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    ap.add_argument("--raw", type=Path, default=RAW, help="download folder (see fetch.py)")
    ap.add_argument(
        "--local-root",
        type=Path,
        default=REPO_ROOT,
        help="root for the manifest's in-repo files (default: this repository)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-verify", action="store_true", help="skip sha256 checks (fixtures)")
    ap.add_argument("--only", nargs="*", help="dataset names to build (default: all)")
    ap.add_argument("--limit", type=int, help="at most this many groups per dataset")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--gzip", action="store_true", help="write .jsonl.gz")
    ap.add_argument("--update-manifest", action="store_true", help="record counts in manifest")
    ap.add_argument(
        "--keep-overlap",
        action="store_true",
        help="keep dev groups that share a sentence with the training pairs",
    )
    ap.add_argument(
        "--near-miss-share",
        type=float,
        default=0.35,
        help="share of answerable training questions given a near-miss twin (see nearmiss.py)",
    )
    args = ap.parse_args(argv)
    try:
        tallies = build(
            args.manifest,
            args.raw,
            args.local_root,
            args.out,
            verify=not args.no_verify,
            only=set(args.only) if args.only else None,
            limit=args.limit,
            seed=args.seed,
            compress=args.gzip,
            update_manifest=args.update_manifest,
            keep_overlap=args.keep_overlap,
            near_miss_share=args.near_miss_share,
        )
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(summary(tallies, load_manifest(args.manifest)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
