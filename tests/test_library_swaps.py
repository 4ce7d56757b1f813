"""Pieces once written by hand, now done by a library: what our wrappers keep of their meaning.

decode_html (bs4's EncodingDetector), the two URL keys (courlan), the eval report's page
(Jinja2) and the checker's balanced accuracy and ROC AUC (scikit-learn).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from eval.claims import normalize_url
from eval.metrics import CaseResult, SentenceJudgement
from eval.report import render_html
from eval.runner import RunReport
from eval.summedits import Item, Scored, balanced_accuracy, calibrate, evaluate, roc_auc
from index.errors import ParseError
from index.parse import decode_html
from index.versions import VersionRow, _norm, group_versions

PAGE = (
    "<html><head>{meta}<title>Dış politika</title></head><body><article><h1>Dış politika</h1>"
    "<p>Bakanın Münih ziyareti iki saat sürdü ve ortak bir açıklamayla sona erdi.</p>"
    "</article></body></html>"
)


# decode_html ---------------------------------------------------------------------------------


def test_a_declared_charset_is_read_in_any_case_and_quoting(tmp_path: Path) -> None:
    data = PAGE.format(meta="<META CHARSET=ISO-8859-9>").encode("iso-8859-9")
    assert "Bakanın Münih ziyareti" in decode_html(tmp_path / "p.html", data)


def test_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    data = PAGE.format(meta='<meta charset="windows-1252">').encode("utf-8")
    assert "Dış politika" in decode_html(tmp_path / "p.html", data)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('<meta charset="no-such-charset">', "declares an unknown charset 'no-such-charset'"),
        ('<meta charset="ascii">', "not valid ascii text as the page declares"),
        ("", "not UTF-8 text"),
    ],
)
def test_charset_failures_say_why(tmp_path: Path, meta: str, message: str) -> None:
    data = PAGE.format(meta=meta).encode("iso-8859-9")
    with pytest.raises(ParseError, match=re.escape(message)):
        decode_html(tmp_path / "p.html", data)


def test_a_charset_named_only_far_below_the_head_is_not_a_declaration(tmp_path: Path) -> None:
    filler = "<p>" + "x " * 3000 + "</p>"
    data = PAGE.format(meta=filler + '<meta charset="iso-8859-9">').encode("iso-8859-9")
    with pytest.raises(ParseError, match="not UTF-8 text"):
        decode_html(tmp_path / "p.html", data)


# URL keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "http://example.org/a/b",
        "https://www.example.org/a/b/",
        "HTTPS://WWW.EXAMPLE.ORG/A/B",
        "  https://example.org/a/b//  ",
    ],
)
def test_claim_url_key_ignores_scheme_www_slash_and_case(variant: str) -> None:
    assert normalize_url(variant) == normalize_url("https://example.org/a/b") == "example.org/a/b"


def test_claim_url_key_keeps_query_and_fragment_as_written() -> None:
    # courlan alone would drop ref= and uid= as trackers and sort the parameters.
    keys = {
        normalize_url(u)
        for u in [
            "https://example.org/doc",
            "https://example.org/doc?uid=1",
            "https://example.org/doc?uid=2",
            "https://example.org/doc?ref=a&b=1",
            "https://example.org/doc?b=1&ref=a",
            "https://example.org/doc#sec-2",
        ]
    }
    assert len(keys) == 6
    assert normalize_url("https://example.org/doc?uid=1") == "example.org/doc?uid=1"


def test_claim_url_key_of_text_that_is_no_web_url() -> None:
    assert normalize_url("www.example.org/a/") == "www.example.org/a"
    assert normalize_url("doi:10.1000/XYZ") == "doi:10.1000/xyz"
    assert normalize_url("http://[broken/a") == "[broken/a"


def test_version_url_key_is_host_and_path_only() -> None:
    assert _norm("https://www.Example.org:8443/tr/Analiz/?lang=tr#top") == "example.org/tr/analiz"
    assert _norm("http://example.org/tr/analiz;print") == "example.org/tr/analiz"
    assert _norm("") is None and _norm(None) is None


def test_versions_join_through_a_link_written_differently() -> None:
    rows = [
        VersionRow("en", "Title", "en", "https://example.org/en/piece/", {}, None),
        VersionRow(
            "tr", "Başlık", "tr", None, {"en": "http://www.example.org/EN/piece?utm_source=x"}, None
        ),
    ]
    assert [v.article_id for v in group_versions(rows)["tr"]] == ["en"]


# eval report ---------------------------------------------------------------------------------


def _report() -> RunReport:
    return RunReport(
        set="sets/<odd>.jsonl",
        created="2026-01-01",
        mode="extractive",
        k=6,
        metrics={"mrr": 0.5, "faithfulness": None, "latency_p50_ms": 12.0},
        gate=[{"metric": "mrr", "baseline": 0.6, "delta": -0.1, "tolerance": 0.05, "failed": True}],
        cases=[
            CaseResult(
                id="q1",
                text="<script>alert('x')</script> & more",
                sentences=[SentenceJudgement(text="A <b> claim", citations=[1], supported=True)],
            )
        ],
    )


def test_report_page_escapes_what_the_cases_say() -> None:
    page = render_html(_report())
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)" in page
    assert "Eval report: &lt;odd&gt;.jsonl" in page
    assert (
        '<li class="ok">A &lt;b&gt; claim [1] <em>(not entailed by its citations)</em></li>' in page
    )
    assert '<tr class="fail"><td>mrr</td><td>0.500</td><td>0.600</td><td>-0.100</td></tr>' in page
    assert page.endswith("</body></html>\n")


def test_report_page_carries_the_metrics_as_json_in_order() -> None:
    page = render_html(_report())
    island = re.search(r'id="report-data">(.*?)</script>', page)
    assert island is not None
    assert json.loads(island.group(1)) == {"mrr": 0.5, "faithfulness": None, "latency_p50_ms": 12.0}
    assert list(json.loads(island.group(1))) == ["mrr", "faithfulness", "latency_p50_ms"]


# checker metrics ----------------------------------------------------------------------------


def _scored(pairs: list[tuple[int, float]], domain: str = "d") -> list[Scored]:
    return [
        Scored(Item(id=str(i), domain=domain, doc="", summary="", label=lab, split="t"), s)
        for i, (lab, s) in enumerate(pairs)
    ]


def test_roc_auc_is_the_exact_pair_count_ratio() -> None:
    # 31.5 of 48 pairs won (ties count a half): 0.65625 exactly, which rounds to 0.6562;
    # scikit-learn's trapezoid sum comes out a hair above it and alone would round to 0.6563.
    pos = [0.3, 0.2, 0.7, 0.8, 0.3, 0.5]
    neg = [0.2, 0.05, 0.75, 0.3, 0.75, 0.05, 0.05, 0.6]
    scored = _scored([(1, s) for s in pos] + [(0, s) for s in neg])
    assert roc_auc(scored) == 31.5 / 48 == 0.65625
    assert evaluate(scored, 0.5)["roc_auc"] == 0.6562


def test_roc_auc_counts_ties_as_half_and_is_nan_for_one_class() -> None:
    assert roc_auc(_scored([(1, 0.5), (0, 0.5)])) == 0.5
    assert math.isnan(roc_auc(_scored([(1, 0.5), (1, 0.7)])))


def test_balanced_accuracy_of_one_class_is_its_recall(recwarn: pytest.WarningsRecorder) -> None:
    assert balanced_accuracy([True, True, True], [True, False, True]) == pytest.approx(2 / 3)
    assert balanced_accuracy([False, False], [False, False]) == 1.0
    assert balanced_accuracy([], []) == 0.0
    assert not [w for w in recwarn if "sklearn" in str(w.filename)]


def test_calibrate_takes_the_best_midpoint_nearest_one_half() -> None:
    scored = _scored([(1, 0.9), (1, 0.7), (0, 0.2), (0, 0.1)])
    assert calibrate(scored) == 0.45
