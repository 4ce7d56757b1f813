"""Where the eval sets and baselines are: light (pydantic only), so settings load fast."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

_HERE = Path(__file__).resolve().parent


class EvalSettings(BaseModel):
    sets_dir: Path = Field(
        default=_HERE / "sets",
        description="Folder of eval sets (*.jsonl) the web UI's eval tab offers.",
    )
    baselines_dir: Path = Field(
        default=_HERE / "baselines",
        description="Folder of baselines (*.json) the web UI's eval tab can gate against.",
    )

    def set_names(self) -> list[str]:
        return (
            sorted(p.name for p in self.sets_dir.glob("*.jsonl")) if self.sets_dir.is_dir() else []
        )

    def baseline_names(self) -> list[str]:
        if not self.baselines_dir.is_dir():
            return []
        return sorted(p.name for p in self.baselines_dir.glob("*.json"))
