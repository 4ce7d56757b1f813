"""Chat models by provider name. Real and fake models are registered the same way.

`scripted` is a real `BaseChatModel` that replays canned replies: it stands in for an LLM in
tests and in the eval gate, where the model is not the thing under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, SecretStr

from index.errors import ConfigError
from rag.settings import LLMSettings


class ScriptedChatModel(BaseChatModel):
    """Replies from a list, in order, or by the first rule whose `when` text is in the prompt."""

    replies: list[str] = Field(default_factory=list)
    rules: list[dict[str, str]] = Field(default_factory=list)
    calls: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _reply(self, messages: list[BaseMessage]) -> str:
        prompt = "\n".join(str(m.content) for m in messages)
        self.calls.append(prompt)
        for rule in self.rules:
            if rule["when"] in prompt:
                return rule["reply"]
        if self.replies:
            return self.replies[(len(self.calls) - 1) % len(self.replies)]
        return "NOT_IN_ARCHIVE"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(
            generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))]
        )

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for word in self._reply(messages).split(" "):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word + " "))


def _openai(s: LLMSettings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=s.model or "",
        base_url=s.base_url,
        api_key=s.api_key or SecretStr("not-needed"),  # local servers accept any key
        temperature=s.temperature,
        timeout=s.timeout_s,
        max_retries=1,
    )


def _ollama(s: LLMSettings) -> BaseChatModel:
    from langchain_ollama import ChatOllama

    return ChatOllama(
        model=s.model or "",
        base_url=s.base_url,
        temperature=s.temperature,
        client_kwargs={"timeout": s.timeout_s},
    )


def _scripted(s: LLMSettings) -> BaseChatModel:
    if not s.script:
        return ScriptedChatModel()
    path = Path(s.script)
    if not path.is_file():
        raise ConfigError(f"llm.script {path} is not a file")
    data = json.loads(path.read_text())
    return ScriptedChatModel(replies=data.get("replies", []), rules=data.get("rules", []))


PROVIDERS: dict[str, Callable[[LLMSettings], BaseChatModel]] = {
    "openai": _openai,
    "llamacpp": _openai,  # llama.cpp's server speaks the OpenAI API
    "ollama": _ollama,
    "scripted": _scripted,
}


def register(name: str, factory: Callable[[LLMSettings], BaseChatModel]) -> None:
    PROVIDERS[name] = factory


def chat_model(settings: LLMSettings) -> BaseChatModel:
    if not settings.configured:
        raise ConfigError(
            "mode 'llm' needs a model: set IBID_RAG__LLM__MODEL (and IBID_RAG__LLM__BASE_URL for "
            "an OpenAI-compatible or Ollama server)"
        )
    factory = PROVIDERS.get(settings.provider)
    if factory is None:
        raise ConfigError(
            f"llm.provider must be one of {', '.join(sorted(PROVIDERS))}; got '{settings.provider}'"
        )
    return factory(settings)
