"""rag.citations builds a SourceRef from the resolved footnote: every field, Ibid. included."""

from __future__ import annotations

from index.types import Article, Footnote
from rag.citations import source_ref
from rag.types import SourceRef

ARTICLE = Article(
    id="a",
    title="A",
    footnotes=[
        Footnote(
            label="i",
            text="“Grain Deal”, Reuters, 3 May 2024, https://reuters.com/x (accessed 4 May 2024)",
            title="Grain Deal",
            publisher="Reuters",
            url="https://reuters.com/x",
            accessed="4 May 2024",
        ),
        Footnote(label="ii", text="Ibid., p. 4.", ibid_of="i", locator="p. 4"),
    ],
)


def test_source_ref_carries_each_field_of_the_note() -> None:
    assert source_ref(ARTICLE, "i") == SourceRef(
        label="i",
        title="Grain Deal",
        publisher="Reuters",
        url="https://reuters.com/x",
        accessed="4 May 2024",
        text="“Grain Deal”, Reuters, 3 May 2024, https://reuters.com/x (accessed 4 May 2024)",
        attached="sentence",
    )


def test_source_ref_of_an_ibid_takes_the_original_source_and_keeps_its_own_words() -> None:
    assert source_ref(ARTICLE, "ii", "following") == SourceRef(
        label="ii",
        title="Grain Deal",
        publisher="Reuters",
        url="https://reuters.com/x",
        accessed="4 May 2024",
        text="Ibid., p. 4.",
        ibid_of="i",
        attached="following",
    )
    assert source_ref(ARTICLE, "iii") is None
