"""A Hugo (PaperMod theme) article page: goldmark footnotes
(<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>,
<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>… ↩︎</p></li>),
two notes cited twice (fnref1:N, with two back-links), multi-paragraph notes,
table of contents, tags, prev/next links, share buttons, and a JSON-LD
BlogPosting whose articleBody repeats the whole text, notes included."""

from . import compose, notes as notes_mod, web
from .topics_b import PACIFIC
from .util import Doc, build_gold, write_gold, DOCS, runs_text, slugify, note_paras, note_text
from .web import h, attr, runs_html

NAME = "hugo_pacific_policing_footnotes"
TITLE = "Policing the Pacific: Why Canberra and Beijing Are Competing to Train Island Police"
DESC = "Police cooperation has become the sharpest edge of strategic competition in the Pacific Islands. What do island governments actually want?"
AUTHORS = ["Sione Taufa", "Rebecca Hale"]
SITE = "https://reefandridge.org"
URL = f"{SITE}/analysis/2024/policing-the-pacific/"

MORE = [
    "The Forum’s 2050 Strategy has given island governments a shared vocabulary for security. It has not yet given them a shared budget.",
    "A note on sources: several interviewees spoke on condition of anonymity because police cooperation agreements are not public.",
]


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="chicago", pfmt="{}",
             weights=dict(full=50, ibid=8, ibid_page=5, short=10, opcit=0, two=8, discursive=12, interview=7),
             interview_cities=["Honiara", "Suva", "Port Moresby", "Canberra", "Port Vila"])


def build(seed=707):
    doc = Doc(NAME, "html", TITLE, AUTHORS, "2024-03-07", "html_hugo_goldmark_footnotes")
    doc.subtitle = DESC
    rng, nm, prose = compose.start(seed, PACIFIC, doc, dict(years=(2020, 2024), until=(2024, 3, 1)),
                                   (2016, 2023), **NOTES)
    compose.body(rng, doc, prose, nm, PACIFIC["headings"], 50, untitled_first=True, per_para=(1, 3),
                 extra=(0, 2), plain_every=4)
    notes_mod.finalize(doc.notes)
    # two multi-paragraph notes
    disc = [n for n in doc.notes if n["kind"] == "discursive"]
    for n, extra in zip(disc[:2], MORE):
        n["runs"] = n["runs"] + [("p",), extra]
    # two notes cited a second time later in the text
    repeats = add_repeats(rng, doc)

    seen = {}

    def marker(ni):
        lab = doc.notes[ni]["label"]
        c = seen.get(ni, 0)
        seen[ni] = c + 1
        rid = f"fnref:{lab}" if c == 0 else f"fnref{c}:{lab}"
        return f'<sup id="{rid}"><a href="#fn:{lab}" class="footnote-ref" role="doc-noteref">{lab}</a></sup>'

    content = []
    toc = []
    for b in doc.blocks:
        if b[0] == "h1":
            sid = slugify(b[1], 8)
            toc.append(f'<li><a href="#{sid}" aria-label="{attr(b[1])}">{h(b[1])}</a></li>')
            content.append(f'<h2 id="{sid}">{h(b[1])}<a hidden class="anchor" aria-hidden="true" href="#{sid}">#</a></h2>\n')
        elif b[0] == "p":
            content.append(f"<p>{runs_html(b[1], marker)}</p>\n")
    content.append('<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n')
    for ni, n in enumerate(doc.notes):
        lab = n["label"]
        back = "".join(f'&#160;<a href="#{"fnref" if c == 0 else "fnref" + str(c)}:{lab}" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>'
                       for c in range(seen.get(ni, 1)))
        paras = note_paras(n["runs"])
        ps = [f"<p>{runs_html(p)}</p>" for p in paras[:-1]] + [f"<p>{runs_html(paras[-1])}{back}</p>"]
        content.append(f'<li id="fn:{lab}">\n' + "\n".join(ps) + "\n</li>\n")
    content.append("</ol>\n</div>\n")
    body_plain = " ".join(runs_text(b[1]) for b in doc.blocks if b[0] == "p")
    notes_plain = " ".join(f"{note_text(n)} ↩︎" for n in doc.notes)
    ld = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": TITLE, "name": TITLE,
          "description": DESC, "keywords": ["Pacific", "policing", "China", "Australia"],
          "articleBody": body_plain + " " + notes_plain, "wordCount": len((body_plain + notes_plain).split()),
          "inLanguage": "en", "image": [f"{SITE}/images/honiara-police.jpg"],
          "datePublished": "2024-03-07T06:00:00+11:00", "dateModified": "2024-03-08T09:41:00+11:00",
          "author": [{"@type": "Person", "name": a} for a in AUTHORS],
          "mainEntityOfPage": {"@type": "WebPage", "@id": URL},
          "publisher": {"@type": "Organization", "name": "Reef & Ridge", "logo": {"@type": "ImageObject", "url": f"{SITE}/favicon.ico"}}}
    page = PAGE.format(title=h(TITLE), atitle=attr(TITLE), desc=attr(DESC), hdesc=h(DESC), url=URL, site=SITE,
                       jsonld=web.jsonld(ld), toc="".join(toc), content="".join(content),
                       authors=" &amp; ".join(h(a) for a in AUTHORS))
    with open(f"{DOCS}/{NAME}.html", "w", encoding="utf-8") as f:
        f.write(page)
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes),
                      extra={"numbering": "1..N goldmark footnotes; notes " + ", ".join(str(r + 1) for r in repeats) +
                             " are cited twice (second marker id fnref1:N)"})
    write_gold(doc, gold)
    return doc, gold


def add_repeats(rng, doc):
    """Append a second marker for two early notes at the end of a later paragraph."""
    paras = [i for i, b in enumerate(doc.blocks) if b[0] == "p"]
    done = []
    for target in (4, 11):
        ni = target
        later = [i for i in paras if i > paras[len(paras) // 2]]
        bi = later[2] if not done else later[-3]
        runs = list(doc.blocks[bi][1])
        tail = " As noted above, the same source records a similar pattern for the years that followed."
        if done:
            tail = " The earlier episode, discussed above, offers a useful point of comparison here."
        runs = runs + [tail, ("m", ni)]
        doc.blocks[bi] = ("p", runs)
        done.append(ni)
    return done


PAGE = """<!DOCTYPE html>
<html lang="en" dir="auto">
<head><meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="robots" content="index, follow">
<title>{title} | Reef &amp; Ridge</title>
<meta name="keywords" content="Pacific, policing, China, Australia">
<meta name="description" content="{desc}">
<meta name="author" content="Sione Taufa, Rebecca Hale">
<link rel="canonical" href="{url}">
<link crossorigin="anonymous" href="/assets/css/stylesheet.b609c58d5c11bb90b1a54e04005d74ad1ddf22165eb79f5533967e57df9c3b50.css" integrity="sha256-tgnFjVwRu5CxpU4EAF10rR3fIhZet59VM5Z+V9+cO1A=" rel="preload stylesheet" as="style">
<link rel="icon" href="{site}/favicon.ico">
<meta name="generator" content="Hugo 0.123.7">
<meta property="og:title" content="{atitle}">
<meta property="og:description" content="{desc}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{site}/images/honiara-police.jpg">
<meta property="article:section" content="analysis">
<meta property="article:published_time" content="2024-03-07T06:00:00+11:00">
<meta property="article:modified_time" content="2024-03-08T09:41:00+11:00">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{atitle}">
<meta name="twitter:description" content="{desc}">
{jsonld}
</head>
<body id="top">
<script>if (localStorage.getItem("pref-theme") === "dark") {{ document.body.classList.add('dark'); }}</script>
<header class="header">
<nav class="nav">
<div class="logo"><a href="{site}/" accesskey="h" title="Reef &amp; Ridge (Alt + H)">Reef &amp; Ridge</a>
<div class="logo-switches"><button id="theme-toggle" accesskey="t" title="(Alt + T)">Toggle theme</button></div></div>
<ul id="menu">
<li><a href="{site}/analysis/" title="Analysis"><span>Analysis</span></a></li>
<li><a href="{site}/briefs/" title="Briefs"><span>Briefs</span></a></li>
<li><a href="{site}/people/" title="People"><span>People</span></a></li>
<li><a href="{site}/search/" title="Search (Alt + /)" accesskey="/"><span>Search</span></a></li>
</ul>
</nav>
</header>
<main class="main">
<article class="post-single">
<header class="post-header">
<div class="breadcrumbs"><a href="{site}/">Home</a>&nbsp;»&nbsp;<a href="{site}/analysis/">Analysis</a></div>
<h1 class="post-title entry-hint-parent">{title}</h1>
<div class="post-description">{hdesc}</div>
<div class="post-meta"><span title='2024-03-07 06:00:00 +1100 +1100'>March 7, 2024</span>&nbsp;·&nbsp;19 min&nbsp;·&nbsp;4012 words&nbsp;·&nbsp;{authors}</div>
</header>
<figure class="entry-cover"><img loading="eager" src="{site}/images/honiara-police.jpg" alt="Police recruits at a passing-out parade in Honiara">
<p>Recruits at a passing-out parade in Honiara, 2023. Image: Reef &amp; Ridge</p></figure>
<div class="toc"><details open><summary accesskey="c" title="(Alt + C)"><span class="details">Table of Contents</span></summary>
<div class="inner"><ul>{toc}</ul></div></details></div>
<div class="post-content">{content}</div>
<footer class="post-footer">
<ul class="post-tags">
<li><a href="{site}/tags/pacific/">Pacific</a></li>
<li><a href="{site}/tags/policing/">Policing</a></li>
<li><a href="{site}/tags/china/">China</a></li>
<li><a href="{site}/tags/australia/">Australia</a></li>
</ul>
<nav class="paginav">
<a class="prev" href="{site}/analysis/2024/tonga-cable-outage/"><span class="title">« Prev</span><br><span>Tonga’s Second Cable Outage and the Case for Redundancy</span></a>
<a class="next" href="{site}/analysis/2024/fiji-coalition-foreign-policy/"><span class="title">Next »</span><br><span>Fiji’s Coalition Government and the Politics of ‘Friends to All’</span></a>
</nav>
<ul class="share-buttons">
<li><a target="_blank" rel="noopener noreferrer" aria-label="share on x" href="https://x.com/intent/tweet/?text=Policing%20the%20Pacific&amp;url={url}&amp;hashtags=Pacific%2cpolicing">X</a></li>
<li><a target="_blank" rel="noopener noreferrer" aria-label="share on linkedin" href="https://www.linkedin.com/shareArticle?mini=true&amp;url={url}&amp;title=Policing%20the%20Pacific">LinkedIn</a></li>
<li><a target="_blank" rel="noopener noreferrer" aria-label="share on whatsapp" href="https://api.whatsapp.com/send?text=Policing%20the%20Pacific%20-%20{url}">WhatsApp</a></li>
</ul>
</footer>
</article>
</main>
<footer class="footer">
<span>&copy; 2024 <a href="{site}/">Reef &amp; Ridge</a></span> ·
<span>Powered by <a href="https://gohugo.io/" rel="noopener noreferrer" target="_blank">Hugo</a> &amp;
<a href="https://github.com/adityatelange/hugo-PaperMod/" rel="noopener" target="_blank">PaperMod</a></span>
</footer>
<a href="#top" aria-label="go to top" title="Go to Top (Alt + G)" class="top-link" id="top-link" accesskey="g">↑</a>
<script>document.getElementById("theme-toggle").addEventListener("click", () => {{ document.body.classList.toggle("dark"); }})</script>
</body>
</html>
"""
