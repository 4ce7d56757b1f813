"""Questions in Turkish and Russian over English articles; Turkish and Russian versions of an
article linked, and the one in the asker's language cited; Ibid's own texts in that language."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from index.crosslingual import xl_model
from index.lang import analyze, detect
from index.library import Library
from index.settings import IndexSettings
from rag.chain import REFUSAL, AnswerChain
from rag.models import ScriptedChatModel
from rag.settings import RagSettings
from ui.cli.render import answer_text, article_json
from ui.web.render import card_html, refusal_html

from .conftest import FIXTURES, SAMPLE, run_cli

ML = FIXTURES / "multilingual"
TR_PAGE = ML / "india-us-rapprochement-tr.html"
RU_PAGE = ML / "india-us-rapprochement-ru.html"
TR_Q = "ABD, Hindistan mallarına uyguladığı gümrük vergisini yüzde kaça indirdi?"
RU_Q = "До какого уровня США снизили пошлины на индийские товары?"


def test_languages_are_detected_and_tokenized_by_their_own_rules() -> None:
    assert detect(TR_Q) == "tr"
    assert detect("kac kisi oldu bu kazada") == "tr"  # typed without Turkish letters
    assert detect(RU_Q) == "ru"
    assert detect("When did Trump announce the deal with Modi?") == "en"
    # The suffix after a name's apostrophe goes; the rest is stemmed by Snowball Turkish.
    assert analyze("Hindistan'a", "tr") == analyze("Hindistan", "tr")
    assert analyze("Modi'nin açıklaması", "tr")[0] == "modi"
    # Russian case endings meet: "пошлины" (question) and "пошлин" (article) share a stem.
    assert set(analyze("пошлины", "ru")) == set(analyze("пошлин", "ru"))
    # English keeps Ibid's own tokenizer.
    assert analyze("The tariffs were cut", "en") == ["tariff", "cut"]


def test_names_are_found_under_their_english_names_and_months_are_not_names() -> None:
    from rag.anchors import missing_names, question_names

    text = "India and Russia agreed on a privileged strategic partnership in August 2025."
    # Country names are looked for under their English CLDR names, in any case form.
    assert missing_names("Hindistan ile Rusya'nın ortaklığı nasıl tanımlandı?", "tr", text) == []
    assert missing_names("Как Индии и России назвали своё партнёрство?", "ru", text) == []
    assert missing_names("Как Японии и Гренландии назвали партнёрство?", "ru", text) == [
        "Японии",
        "Гренландии",
    ]
    # A month is capitalised in Turkish but names nothing; "Akım" is no "Ekim" (October).
    assert question_names("Trump Ağustos 2025'te ne yaptı?", "tr") == []
    assert question_names("Trump Kuzey Akım hattını ne zaman gördü?", "tr") == ["Kuzey", "Akım"]
    # A Turkish apostrophe marks a proper noun, even as the question's first word.
    assert question_names("Gazze'deki ateşkes ne zaman?", "tr") == ["Gazze"]


def test_multilingual_embedder_puts_a_question_near_its_answer(
    crosslingual_embedder: object,
) -> None:
    answer = (
        "Trump announced that he would reduce tariffs on Indian goods from 50% to 18%, and "
        "in return, India would reduce and stop its purchases of Russian oil."
    )
    other = "Geelong won the 2022 AFL Grand Final against Sydney by 81 points."
    emb = crosslingual_embedder
    # On the English model's scale: e5's raw cosines sit in a narrow band (index.crosslingual).
    cal = xl_model(IndexSettings()).calibrate
    docs = np.asarray(emb.embed_documents([answer, other]))  # type: ignore[attr-defined]
    for question in (TR_Q, RU_Q):
        q = np.asarray(emb.embed_query(question))  # type: ignore[attr-defined]
        assert cal(float(q @ docs[0])) > cal(float(q @ docs[1])) + 0.1


def test_turkish_and_russian_questions_are_answered_from_the_english_article(
    make_library: Callable[..., Library],
) -> None:
    lib = make_library()
    lib.ingest([SAMPLE])
    chain = AnswerChain(lib, RagSettings())
    for question in (TR_Q, RU_Q):
        a = chain.invoke(question)
        assert not a.refused, a.answer
        assert "18%" in a.answer  # quoted verbatim, in English, never translated
        cited = a.citations[0]
        assert cited.article_id == "india-us-rapprochement" and cited.language == "en"
        notes = [f for c in a.citations for f in [*c.footnotes, *c.nearby_notes]]
        assert any("bbc.com" in (f.url or "") for f in notes)
    tr = chain.invoke(TR_Q)
    assert tr.language == "tr"


def test_an_off_archive_question_is_refused_in_the_askers_language(
    make_library: Callable[..., Library],
) -> None:
    lib = make_library()
    lib.ingest([SAMPLE])
    chain = AnswerChain(lib, RagSettings())
    tr = chain.invoke("Avrupa Merkez Bankası'nın mevduat faizi şu an yüzde kaç?")
    assert tr.refused and tr.language == "tr" and "Arşiv bu soruyu kapsamıyor" in tr.answer
    ru = chain.invoke("Какова сейчас ключевая ставка Европейского центрального банка?")
    assert ru.refused and ru.language == "ru" and "В архиве нет ответа" in ru.answer
    # Labels around the answer follow the question too; English stays as it was.
    assert "Ayrıca bakınız" in refusal_html(tr) and "См. также" in answer_text(ru)
    en = chain.invoke("What is the ECB's deposit facility rate?")
    assert en.refused and en.answer == REFUSAL and en.language == "en"


def test_an_english_archive_answers_english_questions_without_the_multilingual_leg(
    make_library: Callable[..., Library],
) -> None:
    lib = make_library()
    lib.ingest([SAMPLE])
    chain = AnswerChain(lib, RagSettings())
    plan = chain.retriever.plan("When did Trump announce the deal with Modi?")
    assert plan.english and not plan.crosslingual
    assert chain.retriever.plan(TR_Q).crosslingual


def test_versions_are_linked_and_the_askers_version_is_cited(
    make_library: Callable[..., Library],
) -> None:
    lib = make_library()
    lib.ingest([SAMPLE, TR_PAGE, RU_PAGE])
    # The plain-text English sample has no URL: it joins the pages through their shared notes.
    versions = {v.language: v.article_id for v in lib.versions("india-us-rapprochement")}
    assert versions == {"tr": "india-us-rapprochement-tr", "ru": "india-us-rapprochement-ru"}
    chain = AnswerChain(lib, RagSettings())
    for question, lang in ((TR_Q, "tr"), (RU_Q, "ru")):
        a = chain.invoke(question)
        assert not a.refused
        cited = a.citations[0]
        assert cited.article_id == f"india-us-rapprochement-{lang}" and cited.language == lang
        assert {v.language for v in cited.versions} == {"en", "tr", "ru"} - {lang}
        # The version's own notes resolve (a.g.e. / Там же to the BBC report).
        assert "18" in a.answer and any(
            "bbc.com" in (f.url or "") for f in [*cited.footnotes, *cited.nearby_notes]
        )
    en = chain.invoke("To what level will Washington's duties on Indian products drop?")
    assert en.citations[0].article_id == "india-us-rapprochement"
    card = card_html(0, a.citations[0], None, [1], True, None, "ru")
    assert "На других языках" in card and "india-us-rapprochement-tr" in card


def test_translation_of_in_jsonl_links_versions_for_show(tmp_path: Path) -> None:
    rows = [
        {
            "id": "grain-corridor",
            "title": "The Black Sea Grain Corridor After the Deal",
            "language": "en",
            "url": "https://think.example.org/en/grain-corridor/",
            "body": "Ukraine shipped 33 million tonnes of grain through the corridor by July "
            "2023, according to the joint centre in Istanbul.",
        },
        {
            "id": "tahil-koridoru",
            "title": "Anlaşmanın Ardından Karadeniz Tahıl Koridoru",
            "translation_of": "grain-corridor",
            "body": "Ukrayna, İstanbul'daki ortak merkeze göre Temmuz 2023'e kadar koridor "
            "üzerinden 33 milyon ton tahıl sevk etti.",
        },
    ]
    path = tmp_path / "pair.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    home = tmp_path / "home"
    env = {"IBID_INDEX__CROSSLINGUAL__ENABLED": "false"}
    assert run_cli("--home", str(home), "ingest", str(path), env=env).returncode == 0
    shown = run_cli("--home", str(home), "show", "grain-corridor", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [(v["article_id"], v["language"]) for v in data["versions"]] == [
        ("tahil-koridoru", "tr")
    ]
    text = run_cli("--home", str(home), "show", "tahil-koridoru", env=env).stdout
    assert "version    en grain-corridor" in text


def test_llm_writes_in_the_question_language_and_searches_the_english_translation(
    make_library: Callable[..., Library],
) -> None:
    lib = make_library()
    lib.ingest([SAMPLE])
    model = ScriptedChatModel(
        rules=[
            {
                "when": "Translate this question into English",
                "reply": "To what level did the US cut tariffs on Indian goods?",
            },
            {"when": "Evidence:", "reply": "ABD gümrük vergisini %18'e indirdi [1]."},
        ]
    )
    a = AnswerChain(lib, RagSettings(), chat_model=model).invoke({"question": TR_Q, "mode": "llm"})
    assert any("Translate this question into English" in c for c in model.calls)
    answer_prompt = next(c for c in model.calls if "Evidence:" in c)
    assert "Write the answer in Turkish" in answer_prompt
    assert not a.refused and a.language == "tr" and a.citations
    assert article_json(lib.article(a.citations[0].article_id))["language"] == "en"
