"""Ibid's one `Settings`: env (IBID_…, nested with __), an optional ibid.toml, and defaults.

Each lower layer owns its section (`index.settings`, …); this top layer composes them.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from eval.settings import EvalSettings
from index.errors import ConfigError
from index.settings import IndexSettings
from rag.settings import RagSettings


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ibid"


class UISettings(BaseModel):
    host: str = Field(default="127.0.0.1", description="Address `ibid serve` binds.")
    port: int = Field(default=7860, description="Port `ibid serve` binds.")
    auth: str | None = Field(
        default=None, description="'user:password' to require a login for the web UI."
    )
    max_upload_mb: float = Field(default=20.0, description="Largest file the UI accepts.")
    concurrency: int = Field(default=2, description="Chat requests answered at once.")

    @model_validator(mode="after")
    def _check(self) -> UISettings:
        if self.auth is not None and ":" not in self.auth:
            raise ValueError("ui.auth must look like 'user:password'")
        if self.concurrency <= 0:
            raise ValueError(f"ui.concurrency must be > 0, got {self.concurrency}")
        return self


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="IBID_", env_nested_delimiter="__", extra="ignore", validate_default=True
    )

    home: Path = Field(
        default_factory=default_home,
        description="Where Ibid keeps its state: manifest, Chroma data, BM25, vector cache.",
    )
    chroma_url: str | None = Field(
        default=None, description="Shortcut for index.chroma.url: use a Chroma server."
    )
    index: IndexSettings = Field(default_factory=IndexSettings)
    rag: RagSettings = Field(default_factory=RagSettings)
    ui: UISettings = Field(default_factory=UISettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)

    @model_validator(mode="after")
    def _apply_shortcuts(self) -> Settings:
        if self.chroma_url:
            self.index.chroma.url = self.chroma_url
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get("IBID_CONFIG", "ibid.toml"))
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_path),
        )


def load_settings(**overrides: object) -> Settings:
    """Settings from env and ibid.toml, with `overrides` (CLI flags) on top."""
    config = os.environ.get("IBID_CONFIG")
    if config and not Path(config).is_file():
        raise ConfigError(f"IBID_CONFIG points at {config}, which is not a file")
    toml = Path(config or "ibid.toml")
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{toml}: not valid TOML ({exc}); fix the file or unset IBID_CONFIG"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"{toml}: not a text file (not UTF-8); point --config at ibid.toml"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{toml}: cannot be read ({exc.strerror or exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from exc
    check_home(settings.home)
    return settings


def check_home(home: Path) -> None:
    """The state folder exists (made if need be), is a folder, and can be written."""
    if home.exists() and not home.is_dir():
        raise ConfigError(f"home {home} is a file, not a folder; pass --home DIR or set IBID_HOME")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create the home folder {home} ({exc.strerror or exc}); "
            "pass --home DIR or set IBID_HOME to a folder you can write"
        ) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise ConfigError(
            f"the home folder {home} is not writable; pass --home DIR or set IBID_HOME"
        )
