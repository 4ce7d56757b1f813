"""Scraped text and Markdown as publishers' sites and scrapers really print them: YAML front
matter, pages flattened onto one line, the many shapes of a notes list, note numbers printed as
bare digits, and Ibid. in other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.notes import is_ibid, parse_note
from index.parse import parse_file
from index.parse.notes_list import link_bare_numbers
from index.types import Article


def parse(tmp_path: Path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [article] = parse_file(path)
    return article


def body(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


def labels(article: Article) -> list[str]:
    return [n.label for n in article.footnotes]


def cited(article: Article) -> list[str]:
    return [label for p in article.paragraphs for label in p.footnotes]


# --- YAML front matter ------------------------------------------------------------------------

HUGO_PAGE = """\
---
title: "Turkey’s Balancing Act in the Black Sea"
author:
  - Ayşe Demir
  - name: John Smith
    twitter: "@jsmith"
date: 2024-05-03T09:30:00+03:00
categories: [Analysis, Black Sea]
tags:
  - Turkey
  - Montreux
lang: en-US
canonical_url: https://example.org/analysis/black-sea-balancing/
description: "Ankara keeps the straits closed to warships while trading with both sides."
draft: false
---

Ankara closed the Turkish Straits to warships of the belligerents in February 2022, invoking Article 19 of the Montreux Convention.[^1] It has kept them closed since, while its trade with Russia grew by a third.[^2]

## What Montreux allows

The Convention lets Turkey close the straits in wartime but obliges it to let belligerent warships return to their home bases.[^3]

[^1]: Ragıp Soylu, “Turkey closes straits to warships”, Middle East Eye, 28 February 2022, https://www.middleeasteye.net/news/turkey-closes-straits-warships
[^2]: Ibid.
[^3]: “Convention Regarding the Regime of the Straits”, 1936, Article 19, https://treaties.un.org/montreux
"""


def test_front_matter_fills_metadata_and_never_becomes_text(tmp_path: Path) -> None:
    a = parse(tmp_path, "black-sea.md", HUGO_PAGE)
    assert a.title == "Turkey’s Balancing Act in the Black Sea"
    assert a.authors == ["Ayşe Demir", "John Smith"]
    assert a.published == "2024-05-03"
    assert a.category == "Analysis"
    assert a.language == "en"
    assert a.url == "https://example.org/analysis/black-sea-balancing/"
    assert a.highlights == []
    # The opening paragraph stays body text: it is not taken for the title.
    assert a.paragraphs[0].text.startswith("Ankara closed the Turkish Straits")
    assert "draft" not in body(a) and "---" not in body(a) and "Ankara keeps" not in body(a)
    assert cited(a) == ["1", "2", "3"] and labels(a) == ["1", "2", "3"]
    assert a.footnote("2").ibid_of == "1"
    assert a.warnings == []


JEKYLL_PAGE = """\
---
layout: post
title: Gas Diplomacy in the Eastern Mediterranean
author: Jane Doe and Mehmet Kaya
date: 3 May 2024
category: Energy
source_url: "https://thinktank.example.org/2024/05/gas-diplomacy"
language: tr
---
Gas Diplomacy in the Eastern Mediterranean

Commentary

Cyprus has licensed twelve offshore blocks since 2007, and Egypt liquefies Israeli gas for export to Europe.[1]

Notes
[1] “Cyprus offshore licensing round”, Cyprus Mail, 4 April 2024, https://cyprus-mail.com/2024/04/04/licensing
"""


def test_front_matter_string_fields_win_over_guesses(tmp_path: Path) -> None:
    a = parse(tmp_path, "gas.txt", JEKYLL_PAGE)
    assert a.title == "Gas Diplomacy in the Eastern Mediterranean"
    assert a.authors == ["Jane Doe", "Mehmet Kaya"]
    assert (a.published, a.category, a.language) == ("2024-05-03", "Energy", "tr")
    assert a.url == "https://thinktank.example.org/2024/05/gas-diplomacy"
    assert a.footnote("1").url == "https://cyprus-mail.com/2024/04/04/licensing"
    assert "layout" not in body(a)


@pytest.mark.parametrize(
    "front",
    [
        'title: "Grain Corridors After the Deal\nauthor: [Jane Doe\n',
        "title: Grain Corridors\nauthor: Jane Doe\ndate: 2024-13-45\n",
    ],
    ids=["unclosed-quote", "impossible-date"],
)
def test_malformed_front_matter_is_a_warning_not_a_crash(tmp_path: Path, front: str) -> None:
    text = (
        f"---\n{front}---\n\n"
        "# Grain Corridors After the Deal\n\n"
        "Ukraine has shipped grain through its own Black Sea corridor since August 2023.[1]\n\n"
        "Notes\n\n[1] “Ukraine’s Black Sea corridor”, Reuters, "
        "https://www.reuters.com/markets/commodities/ukraine-corridor/\n"
    )
    a = parse(tmp_path, "grain.md", text)
    assert a.title == "Grain Corridors After the Deal"
    assert any("front matter is not valid YAML" in w for w in a.warnings)
    assert "author:" not in body(a) and "Jane Doe" not in body(a)
    assert cited(a) == ["1"] and a.footnote("1").publisher == "Reuters"


# --- a page flattened onto one line -----------------------------------------------------------

FLAT_PAGE = (
    "Analysis Energy Security in the Caspian Basin Share Tweet Email The Caspian Pipeline "
    "Consortium carries about 80 percent of Kazakhstan’s crude exports through Russia to the "
    "Black Sea port of Novorossiysk.[1] Its loading buoys were shut twice in 2022 after storm "
    "damage, and Astana lost close to a billion dollars in revenue.[2] Kazakhstan has since "
    "tried to send more oil across the Caspian to Baku, but tanker capacity at Aktau remains "
    "limited to 1.5 million tonnes a year.[3] Endnotes [1] . Aigerim Sadykova, “CPC Exports "
    "Hit Record as Kazakhstan Seeks Alternatives”, Reuters, 3 May 2024, "
    "https://www.reuters.com/business/energy/cpc-exports-record-2024-05-03/ . [2] . Ibid., "
    "p. 4. [3] . “Trans-Caspian Route: Capacity and Constraints”, Caspian Policy Center "
    "(Washington, 2023), pp. 12–14, https://www.caspianpolicy.org/research/trans-caspian-route "
    "(Accessed: 5 May 2024).\n"
)


def test_flattened_page_keeps_its_notes(tmp_path: Path) -> None:
    a = parse(tmp_path, "caspian.txt", FLAT_PAGE)
    assert labels(a) == ["1", "2", "3"]
    assert len(a.paragraphs) == 1 and "Endnotes" not in body(a) and "Sadykova" not in body(a)
    assert a.paragraphs[0].footnotes == ["1", "2", "3"]
    assert a.paragraphs[0].text.endswith("limited to 1.5 million tonnes a year.[3]")
    one, two, three = a.footnotes
    assert one.url == "https://www.reuters.com/business/energy/cpc-exports-record-2024-05-03/"
    assert one.title == "CPC Exports Hit Record as Kazakhstan Seeks Alternatives"
    assert (two.ibid_of, two.locator) == ("1", "p. 4")
    assert three.url == "https://www.caspianpolicy.org/research/trans-caspian-route"
    assert three.accessed == "5 May 2024"
    assert a.warnings == []


FLAT_NUMBERED = (
    "Türkiye’s Defence Exports Türkiye’s defence exports reached 5.5 billion dollars in 2023, "
    "according to the Defence Industry Agency.1 Drones accounted for the largest share, with "
    "sales to more than 30 countries.2 In 2019, 31 countries bought Turkish equipment. Baykar "
    "alone signed contracts worth 1.8 billion dollars.3 The sector’s growth has been called "
    "“remarkable”.4 Notes 1. Savunma Sanayii Başkanlığı, Annual Report 2023 (Ankara, 2024), "
    "p. 4. 2. Ibid., p. 3. 3. Selim Koru, “The Drone Economy”, War on the Rocks, 12 June 2023, "
    "https://warontherocks.com/2023/06/the-drone-economy/. 4. Can Kasapoğlu, “Turkey’s Defense "
    "Industry”, Hudson Institute, 2019, p. 4. Similar Posts Turkey and the F-35 Program "
    "Read more\n"
)


def test_flattened_numbered_notes_split_only_at_the_next_number(tmp_path: Path) -> None:
    a = parse(tmp_path, "defence.txt", FLAT_NUMBERED)
    assert [(n.label, n.text) for n in a.footnotes] == [
        ("1", "Savunma Sanayii Başkanlığı, Annual Report 2023 (Ankara, 2024), p. 4."),
        ("2", "Ibid., p. 3."),
        (
            "3",
            "Selim Koru, “The Drone Economy”, War on the Rocks, 12 June 2023, "
            "https://warontherocks.com/2023/06/the-drone-economy/.",
        ),
        ("4", "Can Kasapoğlu, “Turkey’s Defense Industry”, Hudson Institute, 2019, p. 4."),
    ]
    assert a.footnote("3").url == "https://warontherocks.com/2023/06/the-drone-economy/"
    assert (a.footnote("2").ibid_of, a.footnote("2").locator) == ("1", "p. 3")
    text = a.paragraphs[0].text
    assert "Agency.[1] Drones" in text and "countries.[2] In 2019" in text
    assert "“remarkable”.[4]" in text
    assert "In 2019, 31 countries bought" in text and "5.5 billion" in text
    assert cited(a) == ["1", "2", "3", "4"]
    assert a.warnings == []


# --- notes-list shapes ------------------------------------------------------------------------

PIPE_PAGE = """\
Commentary

Why the Middle Corridor Still Struggles

Freight volumes on the Trans-Caspian International Transport Route tripled in 2022 as shippers avoided Russia.[1] Yet transit times still exceed three weeks, twice the rail journey through Russia.[2]

Customs procedures at the Kazakh–Chinese border at Khorgos remain the slowest link of the chain.[3] Georgia’s Anaklia port, which could take larger ships, has been stalled since 2020.[4]

Notes
1 | Nurlan Aliyev. The Middle Corridor Boom. The Diplomat. 14 March 2023. https://thediplomat.com/2023/03/the-middle-corridor-boom/
2 | World Bank. Middle Trade and Transport Corridor: Policies and Investments. 2023, p. 4. https://www.worldbank.org/en/region/eca/publication/middle-trade-corridor
3 | Ibid., p. 27.
4 | Giorgi Lomsadze. Anaklia port project revived, again. Eurasianet. 2 June 2024. https://eurasianet.org/anaklia-port-project-revived-again

Nurlan Aliyev
Nurlan Aliyev is a Baku-based analyst covering transport and energy in the South Caucasus.
"""


def test_pipe_numbered_notes(tmp_path: Path) -> None:
    a = parse(tmp_path, "middle-corridor.txt", PIPE_PAGE)
    assert labels(a) == ["1", "2", "3", "4"]
    assert a.footnote("1").url == "https://thediplomat.com/2023/03/the-middle-corridor-boom/"
    assert a.footnote("4").url == "https://eurasianet.org/anaklia-port-project-revived-again"
    assert (a.footnote("3").ibid_of, a.footnote("3").locator) == ("2", "p. 27")
    assert a.authors == ["Nurlan Aliyev"]
    assert a.author_bio is not None and a.author_bio.startswith("Nurlan Aliyev is")
    assert cited(a) == ["1", "2", "3", "4"]
    assert "|" not in body(a)
    assert a.warnings == []


MEKONG_BODY = (
    "# Water Diplomacy on the Mekong\n\n"
    "The Mekong River Commission has published flow data from Chinese dams since 2020.¹ "
    "Downstream states still say the data arrive too late to plan irrigation.²\n\n"
    "Cambodia’s Funan Techo canal would divert part of the river’s flow away from Vietnam’s "
    "delta.³\n\n"
)
MEKONG_NOTES = [
    "Brian Eyler, “Mekong Dam Monitor Data Show China Held Back Water”, Stimson Center, 2020, "
    "https://www.stimson.org/2020/new-evidence-how-china-turned-off-the-mekongs-tap/",
    "Ibid., p. 3.",
    "Sebastian Strangio, “Cambodia Breaks Ground on Funan Techo Canal”, The Diplomat, "
    "5 August 2024, https://thediplomat.com/2024/08/cambodia-breaks-ground-on-funan-techo-canal/",
]


@pytest.mark.parametrize(
    "notes",
    [
        # One <li> a line, each with its back-link; a note cited twice has two.
        "## Footnotes\n\n"
        + "\n\n".join(
            f"{n}. {t} ↩︎" + (" ↩︎" if n == 2 else "") for n, t in enumerate(MEKONG_NOTES, 1)
        ),
        # The list's numbers lost and all entries run together on one line.
        "Notes\n\n" + " ".join(f"{t} ↩" for t in MEKONG_NOTES),
        # No heading at all: a Markdown footnotes block after a horizontal rule.
        "---\n\n" + "\n".join(f"{t} ↩︎" for t in MEKONG_NOTES),
        # Numbered, and only some notes carry a back-link: the numbers count.
        "Notes\n\n"
        + "\n".join(f"{n}. {t}" + (" ↩" if n != 2 else "") for n, t in enumerate(MEKONG_NOTES, 1))
        + "\n\nBack to top ↩",
    ],
    ids=["numbered-per-line", "one-line", "no-heading", "some-back-links"],
)
def test_backlinked_notes_are_numbered_by_position(tmp_path: Path, notes: str) -> None:
    a = parse(tmp_path, "mekong.md", MEKONG_BODY + notes + "\n")
    assert labels(a) == ["1", "2", "3"]
    assert a.footnote("1").url == (
        "https://www.stimson.org/2020/new-evidence-how-china-turned-off-the-mekongs-tap/"
    )
    assert (a.footnote("2").ibid_of, a.footnote("2").locator) == ("1", "p. 3")
    assert a.footnote("3").publisher == "The Diplomat"
    assert not any("↩" in n.text for n in a.footnotes)
    assert cited(a) == ["1", "2", "3"]
    assert a.warnings == []


RARE_EARTHS = """\
Policy Brief

Rare Earths and the Green Transition

China refines about 90 percent of the world’s rare earth elements.[1] The European Union’s Critical Raw Materials Act sets a target of 40 percent domestic processing by 2030.[2] Few projects outside China are near production.[3]

{heading}
{one} International Energy Agency. The Role of Critical Minerals in Clean Energy Transitions. Paris, 2021, p. 4. https://www.iea.org/reports/the-role-of-critical-minerals-in-clean-energy-transitions
{two} European Commission, “Critical Raw Materials Act”, 16 March 2023, https://single-market-economy.ec.europa.eu/sectors/raw-materials/critical-raw-materials-act_en
{three} Ibid., pp. 3-4.

Related posts
Lithium Triangle Politics
"""


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("Notes", "{}."),
        ("ENDNOTES:", "{})"),
        ("## References", "[{}]"),
        ("**Works Cited**", "[{}]:"),
        ("Dipnotlar", "^{}"),
        ("Kaynaklar", "{}"),
        ("Примечания:", "{}."),
    ],
)
def test_numbered_note_shapes(tmp_path: Path, heading: str, label: str) -> None:
    one, two, three = (label.format(n) for n in (1, 2, 3))
    a = parse(
        tmp_path,
        "rare-earths.txt",
        RARE_EARTHS.format(heading=heading, one=one, two=two, three=three),
    )
    assert labels(a) == ["1", "2", "3"]
    assert a.footnote("1").text.endswith("Paris, 2021, p. 4. " + a.footnote("1").url)
    assert a.footnote("1").url == (
        "https://www.iea.org/reports/the-role-of-critical-minerals-in-clean-energy-transitions"
    )
    assert a.footnote("2").title == "Critical Raw Materials Act"
    assert (a.footnote("3").ibid_of, a.footnote("3").locator) == ("2", "pp. 3-4")
    assert "Lithium" not in body(a) and "International Energy Agency" not in body(a)
    assert a.warnings == []


@pytest.mark.parametrize(
    "heading",
    [
        "Notes",
        "Endnotes",
        "Footnotes",
        "References",
        "Sources",
        "Bibliography",
        "Works cited",
        "# Kaynakça",
        "KAYNAKLAR",
        "Dipnotlar:",
        "Notlar",
        "Примечания",
        "Источники",
        "ЛИТЕРАТУРА",
        "Сноски",
    ],
)
def test_every_notes_heading_opens_a_bare_numbered_list(tmp_path: Path, heading: str) -> None:
    text = (
        "The Strait of Hormuz carries a fifth of the world’s oil.[1] Iran has threatened to "
        "close it several times.[2]\n\n"
        f"{heading}\n"
        "1 U.S. Energy Information Administration, “World Oil Transit Chokepoints”, 2023, "
        "https://www.eia.gov/international/analysis/special-topics/World_Oil_Transit_Chokepoints\n"
        "2 Ibid.\n"
    )
    a = parse(tmp_path, "hormuz.txt", text)
    assert labels(a) == ["1", "2"]
    assert a.footnote("2").ibid_of == "1"
    assert cited(a) == ["1", "2"]


def test_wrapped_notes_and_numbers_inside_notes(tmp_path: Path) -> None:
    text = (
        "The 1994 Budapest Memorandum gave Ukraine security assurances.[1] Russia annexed Crimea "
        "twenty years later.[2] The memorandum had no enforcement clause.[3]\n\n"
        "Notes\n\n"
        "1. Steven Pifer, The Eagle and the Trident (Washington: Brookings, 2017),\n"
        "p. 4.\n"
        "2. Ibid., p. 2, citing UN General Assembly Resolution 68/262 of\n"
        "27 March 2014.\n"
        "3. Ibid., p. 4.\n"
    )
    a = parse(tmp_path, "budapest.txt", text)
    assert [(n.label, n.text) for n in a.footnotes] == [
        ("1", "Steven Pifer, The Eagle and the Trident (Washington: Brookings, 2017), p. 4."),
        ("2", "Ibid., p. 2, citing UN General Assembly Resolution 68/262 of 27 March 2014."),
        ("3", "Ibid., p. 4."),
    ]


# --- note numbers printed as bare digits in the body ------------------------------------------

BARE_PAGE = """\
Analysis

China’s Belt and Road in Central Asia

Chinese lending to Central Asia peaked in 2016 and has fallen since, most sharply in the Shanghai region. 1 Another reason is the debt burden of Kyrgyzstan and Tajikistan, whose external debt passed half of GDP in 2023.2 Officials in Bishkek now describe the railway project as “a matter of national survival”.3

In 2019, 31 countries signed new cooperation documents with Beijing. 2024 brought fewer. The plan sets out three steps. 1. Finish the railway. 2. Open the dry port. The summit ended. 7 Delegations left early.

Notes

1. Raffaello Pantucci, “China’s Lending in Central Asia”, RUSI, 2022, https://rusi.org/explore-our-research/publications/commentary/chinas-lending-central-asia
2. International Monetary Fund, “Kyrgyz Republic: Article IV Consultation”, 2023, p. 12.
3. Ibid., p. 14.
"""


def test_bare_number_markers_become_markers(tmp_path: Path) -> None:
    a = parse(tmp_path, "bri.txt", BARE_PAGE)
    first = a.paragraphs[0]
    assert first.footnotes == ["1", "2", "3"]
    assert "the Shanghai region.[1] Another reason" in first.text
    assert "half of GDP in 2023.[2] Officials" in first.text
    assert first.text.endswith("“a matter of national survival”.[3]")
    assert a.footnote("3").ibid_of == "2"
    assert a.warnings == []


def test_years_quantities_and_list_numbers_stay_text(tmp_path: Path) -> None:
    a = parse(tmp_path, "bri.txt", BARE_PAGE)
    second = a.paragraphs[1]
    assert second.markers == []
    assert second.text == (
        "In 2019, 31 countries signed new cooperation documents with Beijing. 2024 brought "
        "fewer. The plan sets out three steps. 1. Finish the railway. 2. Open the dry port. "
        "The summit ended. 7 Delegations left early."
    )


def test_stray_numbers_are_not_markers_when_brackets_cite_the_notes(tmp_path: Path) -> None:
    text = (
        "Susan Ellis founded the league in 1930. She ran it until her death (d. 19 February "
        "1974).[1] Her Op. 2 Suite was performed in 1951.[2] The league still exists. 3 Branches "
        "remain in London.\n\n"
        "References\n\n"
        "[1] https://www.theguardian.com/obituaries/ellis\n"
        "[2] https://www.bbc.co.uk/music/ellis-suite\n"
        "[3] https://www.thetimes.co.uk/league\n"
        "[4] https://www.ft.com/league\n"
        "[5] https://www.telegraph.co.uk/league\n"
    )
    a = parse(tmp_path, "ellis.txt", text)
    assert cited(a) == ["1", "2"]
    assert "(d. 19 February 1974)" in body(a) and "remain in London." in body(a)


# --- Ibid. in other languages -----------------------------------------------------------------


def test_turkish_and_russian_ibid_resolve_to_the_previous_note(tmp_path: Path) -> None:
    turkish = (
        "Analiz\n\nOrta Koridor’un Jeopolitiği\n\n"
        "Orta Koridor, Çin’den Avrupa’ya uzanan ve Rusya’yı dışarıda bırakan en kısa kara "
        "bağlantısıdır.[1] Koridordaki yük hacmi 2022 yılında üç katına çıkmıştır.[2] Hazar "
        "geçişindeki liman kapasitesi ise hâlâ yetersizdir.[3] Anaklia limanı projesi de "
        "yıllardır askıda beklemektedir.[4]\n\n"
        "Kaynakça\n\n"
        "[1] Ahmet Yılmaz, “Orta Koridor ve Türkiye”, Avrasya Etütleri, Cilt 5, Sayı 2, 2021, "
        "s. 45.\n"
        "[2] a.g.e., s. 47.\n"
        "[3] Dünya Bankası, “Middle Trade and Transport Corridor”, 2023, "
        "https://www.worldbank.org/en/region/eca/publication/middle-trade-corridor\n"
        "[4] age., s. 12.\n"
    )
    a = parse(tmp_path, "orta-koridor.txt", turkish)
    assert (a.footnote("2").ibid_of, a.footnote("2").locator) == ("1", "s. 47")
    assert (a.footnote("4").ibid_of, a.footnote("4").locator) == ("3", "s. 12")
    assert a.resolved_footnote("4").url == a.footnote("3").url
    assert a.language == "tr"

    russian = (
        "Комментарий\n\nКаспийский трубопроводный консорциум\n\n"
        "Через КТК проходит около 80 процентов казахстанского экспорта нефти.[1] В 2022 году "
        "работа терминала в Новороссийске дважды прерывалась.[2] Казахстан пытается увеличить "
        "поставки через Баку.[3]\n\n"
        "ПРИМЕЧАНИЯ:\n\n"
        "1. Иванов И. И. Нефтяной экспорт Казахстана // Вопросы экономики. 2023. № 4. "
        "С. 12–20. URL: https://www.vopreco.ru/jour/article/view/1234\n"
        "2. Там же. С. 14.\n"
        "3. Там же.\n"
    )
    a = parse(tmp_path, "ktk.txt", russian)
    assert a.footnote("1").url == "https://www.vopreco.ru/jour/article/view/1234"
    assert (a.footnote("2").ibid_of, a.footnote("2").locator) == ("1", "С. 14")
    assert a.footnote("3").ibid_of == "1"
    assert a.warnings == []


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("a.g.e., s. 12.", "s. 12"),
        ("A.g.m., s. 3", "s. 3"),
        ("age., s. 45.", "s. 45"),
        ("agm.", None),
        ("Там же. С. 14.", "С. 14"),
        ("Там же, с. 7", "с. 7"),
        ("Idem, p. 5.", "p. 5"),
        ("Id. at 212.", "at 212"),
        ("Ibidem, 23.", "23"),
    ],
)
def test_ibid_forms(text: str, locator: str | None) -> None:
    assert is_ibid(text)
    assert parse_note("2", text).locator == locator


@pytest.mark.parametrize(
    "text",
    [
        "Ibn Khaldun, The Muqaddimah, trans. Franz Rosenthal.",
        "Idaho Statesman, “Water Rights Ruling”, 2020.",
        "Age of Extremes, Eric Hobsbawm, 1994.",
        "Idem, “Another Title”, Foreign Affairs, 2020.",
    ],
)
def test_not_ibid(text: str) -> None:
    assert not is_ibid(text)
    assert parse_note("2", text).locator is None


@pytest.mark.parametrize(
    "text",
    [
        "She died in London (d. 19 February 1974). It was sunny.",
        "His Op. 2 Suite was first played there. No. 3 Squadron flew over.",
        "The fund grew by 4.5 Billion dollars. It was enough.",
        "Membership rose sharply. 3 countries joined in 2019. Others waited.",
        "It ended in 2023. 2024 brought new members.",
        "The plan has steps. 2. Open the port. 3) Build the line.",
    ],
)
def test_numbers_that_are_not_note_numbers(text: str) -> None:
    assert link_bare_numbers([text], ["2", "3", "19", "2024"]) == [text]


def test_flattened_wikipedia_style_references_in_citation_order(tmp_path: Path) -> None:
    text = (
        "# 2022 Istanbul bombing A bomb exploded on İstiklal Avenue on 13 November 2022, killing "
        "six people [2]. Turkish authorities blamed the PKK [1] [3]. # Aftermath Turkey "
        "launched Operation Claw-Sword a week later [3]. # References "
        "[2] https://www.bbc.com/news/world-europe-63615076 "
        "[1] https://www.aljazeera.com/news/2022/11/14/istanbul-blast-suspect-arrested "
        "[3] https://www.reuters.com/world/middle-east/turkey-launches-air-operation-2022-11-20/\n"
    )
    a = parse(tmp_path, "istanbul.md", text)
    assert labels(a) == ["2", "1", "3"]
    assert a.footnote("1").url == (
        "https://www.aljazeera.com/news/2022/11/14/istanbul-blast-suspect-arrested"
    )
    assert "References" not in body(a) and "bbc.com" not in body(a)
    assert a.warnings == []


def test_heading_word_in_a_flattened_sentence_is_not_the_notes_list(tmp_path: Path) -> None:
    text = (
        "Ankara signed the Montreux Convention in 1936.[1] It has been amended twice.[2] "
        "References [3] to the treaty were frequent in 2020.[4] Observers agreed.[5] "
        "Notes [1] Doe, “The Straits”, 2020. [2] Ibid. [3] Roe, “Montreux at 80”, 2016. "
        "[4] Ibid., p. 9. [5] Poe, “Black Sea Security”, 2022.\n"
    )
    a = parse(tmp_path, "montreux.txt", text)
    assert "References [3] to the treaty were frequent in 2020.[4]" in body(a)
    assert labels(a) == ["1", "2", "3", "4", "5"]
    assert (a.footnote("4").ibid_of, a.footnote("4").locator) == ("3", "p. 9")
    assert cited(a) == ["1", "2", "3", "4", "5"]


def test_notes_heading_after_page_chrome_on_a_flattened_page(tmp_path: Path) -> None:
    # "… Share this: Twitter LinkedIn Email Print Endnotes [1] . …": the heading opens no
    # sentence, but the notes the text cites follow it.
    text = (
        "# Lithium in the Andes\n\nBolivia nationalised lithium in 2008, and the state company has "
        "run the salt flats since.[1] Chile followed with a state partner for its mines.[2] "
        "Argentina left it to the provinces.[3] Share this: Twitter LinkedIn Email Print "
        "Endnotes [1] . Ana Ruiz, “Lithium and the State” (Nikkei Asia, 6 March 2020), "
        "https://asia.nikkei.com/lithium-and-the-state . [2] . Ibid., p. 4. [3] . Tom Berg, "
        "Salt Flats (London: Routledge, 2018).\n"
    )
    a = parse(tmp_path, "lithium.md", text)
    assert labels(a) == ["1", "2", "3"]
    assert "Ana Ruiz" not in body(a) and "Endnotes" not in body(a)
    assert a.footnote("1").url == "https://asia.nikkei.com/lithium-and-the-state"
    assert a.footnote("2").ibid_of == "1"


def test_chrome_then_a_bracket_in_prose_is_not_a_notes_list(tmp_path: Path) -> None:
    # The same chrome, then prose that merely mentions notes: nothing cited before it.
    text = (
        "Bolivia nationalised lithium in 2008. Share this: Twitter Print References [1] to "
        "the law were frequent. [2] was cited too. [3] was not.\n"
    )
    a = parse(tmp_path, "prose.txt", text)
    assert labels(a) == []
    assert "References [1] to the law were frequent" in body(a)


def test_urls_broken_across_lines_of_a_wrapped_notes_list_are_rejoined(tmp_path: Path) -> None:
    text = (
        "Automation at the Port\n\nBy Ana Ruiz\n\nShanghai automated its container terminals "
        "after a decade of pilots, and the city now runs the largest such port in the "
        "world.1 Costs rose faster than planned, and the operators say so openly.2\n\nNotes\n\n"
        "1. Tom Marchetti, “Zhenhua Launches Review,” Caixin Global, November 27, 2019, https:\n"
        "//www.caixinglobal.com/2019-11-27/zhenhua-launches-review-of-automated-containe\n"
        "r-terminals-855775744.html; and Sara Morales, “Doubts Linger,” The Wall Street\n"
        "Journal, October 13, 2020.\n"
        "2. Priya Delgado, “Costs Surge,” Nikkei Asia, December 7, 2019, https://asia.nikkei.com/\n"
        "Business/Costs-Surge.\n"
    )
    a = parse(tmp_path, "ports.txt", text)
    assert a.footnote("1").url == (
        "https://www.caixinglobal.com/2019-11-27/zhenhua-launches-review-of-automated-"
        "container-terminals-855775744.html"
    )
    assert "; and Sara Morales" in a.footnote("1").text
    assert a.footnote("2").url == "https://asia.nikkei.com/Business/Costs-Surge"
