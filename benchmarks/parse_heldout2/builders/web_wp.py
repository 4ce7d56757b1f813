"""A WordPress article page as the server sends it: theme header and nav,
breadcrumbs, share buttons, pull quote, core footnotes block (WordPress 6.3+:
<sup data-fn=UUID class="fn"><a href="#UUID" id="UUID-link">n</a></sup> and
<ol class="wp-block-footnotes">), author box, related posts, sidebar,
Complianz-style cookie banner, Yoast-style JSON-LD and Open Graph tags."""
from . import compose, notes as notes_mod, web
from .topics_b import GRAIN
from .util import Doc, build_gold, write_gold, DOCS, runs_text
from .web import h, attr, runs_html

NAME = "wordpress_black_sea_grain_corridor"
TITLE = "The Corridor That Outlived the Deal: How Ukraine Kept Grain Moving Through the Black Sea"
AUTHORS = ["Olena Kravchenko", "Marek Zieliński"]
SITE = "https://easternflankreview.org"
SLUG = "corridor-outlived-deal-ukraine-grain-black-sea"
URL = f"{SITE}/2024/02/19/{SLUG}/"

RELATED = [("Romania’s Danube Ports Are Running Out of Room", "2024/01/11/romania-danube-ports-capacity"),
           ("Why Poland’s Farmers Turned Against Ukrainian Grain", "2023/10/03/poland-farmers-ukrainian-grain"),
           ("Mines, Missiles and Marine Insurance in the Western Black Sea", "2023/12/07/mines-missiles-insurance-black-sea")]
MOST_READ = ["Turkey’s Straits Diplomacy After Two Years of War", "Moldova’s Energy Gamble",
             "What the Kerch Bridge Strikes Changed", "Europe’s Ammunition Gap, in Five Charts"]


def head(desc):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": URL + "#article", "isPartOf": {"@id": URL},
         "author": [{"name": a, "@id": f"{SITE}/#/schema/person/{i}f3c{i}a"} for i, a in enumerate(AUTHORS)],
         "headline": TITLE, "datePublished": "2024-02-19T07:30:00+00:00", "dateModified": "2024-02-21T16:02:11+00:00",
         "mainEntityOfPage": {"@id": URL}, "wordCount": 4870, "publisher": {"@id": SITE + "/#organization"},
         "image": {"@id": URL + "#primaryimage"}, "thumbnailUrl": f"{SITE}/wp-content/uploads/2024/02/odesa-port-grain.jpg",
         "keywords": ["Black Sea", "Food security", "Ukraine"], "articleSection": ["Analysis"], "inLanguage": "en-GB"},
        {"@type": "WebPage", "@id": URL, "url": URL, "name": TITLE + " - Eastern Flank Review",
         "isPartOf": {"@id": SITE + "/#website"}, "datePublished": "2024-02-19T07:30:00+00:00",
         "breadcrumb": {"@id": URL + "#breadcrumb"}, "inLanguage": "en-GB"},
        {"@type": "Organization", "@id": SITE + "/#organization", "name": "Eastern Flank Review", "url": SITE + "/"},
        ] + [{"@type": "Person", "@id": f"{SITE}/#/schema/person/{i}f3c{i}a", "name": a,
              "url": f"{SITE}/author/{a.split()[0].lower()}-{a.split()[1].lower().replace('ń', 'n')}/"} for i, a in enumerate(AUTHORS)]}
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(TITLE)} - Eastern Flank Review</title>
<meta name="description" content="{attr(desc)}">
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<link rel="canonical" href="{URL}">
<meta property="og:locale" content="en_GB">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(TITLE)} - Eastern Flank Review">
<meta property="og:description" content="{attr(desc)}">
<meta property="og:url" content="{URL}">
<meta property="og:site_name" content="Eastern Flank Review">
<meta property="article:published_time" content="2024-02-19T07:30:00+00:00">
<meta property="article:modified_time" content="2024-02-21T16:02:11+00:00">
<meta property="og:image" content="{SITE}/wp-content/uploads/2024/02/odesa-port-grain.jpg">
<meta name="author" content="{attr(', '.join(AUTHORS))}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="{attr(', '.join(AUTHORS))}">
<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="22 minutes">
{web.jsonld(ld)}
<link rel="stylesheet" id="wp-block-library-css" href="{SITE}/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<link rel="stylesheet" id="efr-theme-css" href="{SITE}/wp-content/themes/efr/style.css?ver=2.3.1" media="all">
<link rel="alternate" type="application/rss+xml" title="Eastern Flank Review &raquo; Feed" href="{SITE}/feed/">
<meta name="generator" content="WordPress 6.4.3">
</head>
<body class="post-template-default single single-post postid-48213 single-format-standard wp-embed-responsive">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div id="page" class="site">
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{SITE}/" rel="home">Eastern Flank Review</a></p>
<p class="site-description">Analysis of security and politics from the Baltic to the Black Sea</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary menu"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="{SITE}/category/analysis/">Analysis</a></li>
<li class="menu-item"><a href="{SITE}/category/commentary/">Commentary</a></li>
<li class="menu-item"><a href="{SITE}/category/podcast/">Podcast</a></li>
<li class="menu-item"><a href="{SITE}/regions/">Regions</a></li>
<li class="menu-item"><a href="{SITE}/about/">About</a></li>
<li class="menu-item"><a href="{SITE}/support-us/">Support us</a></li></ul></nav>
<form role="search" method="get" class="search-form" action="{SITE}/"><label><span class="screen-reader-text">Search for:</span>
<input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label><input type="submit" class="search-submit" value="Search"></form>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
"""


# How these notes cite: style, page format, the mix of note kinds, where interviews took place.
NOTES = dict(style="chicago", pfmt="{}",
             weights=dict(full=50, ibid=9, ibid_page=4, short=10, opcit=0, two=9, discursive=10, interview=8),
             interview_cities=["Odesa", "Kyiv", "Istanbul", "Izmail", "Bucharest"])


def build(seed=606):
    doc = Doc(NAME, "html", TITLE, AUTHORS, "2024-02-19", "html_wordpress_core_footnotes")
    rng, nm, prose = compose.start(seed, GRAIN, doc, dict(years=(2021, 2024), until=(2024, 2, 10)),
                                   (2015, 2023), **NOTES)
    compose.body(rng, doc, prose, nm, GRAIN["headings"], 52, untitled_first=True, per_para=(1, 3),
                 extra=(0, 2), plain_every=3)
    notes_mod.finalize(doc.notes)
    linked = [i for i, n in enumerate(doc.notes) if n["kind"] == "full" and rng.random() < 0.35 and web.link_title(n)]
    web.add_body_links(rng, doc, GRAIN, SITE)
    ids = [web.uuid(rng) for _ in doc.notes]

    def marker(ni):
        u = ids[ni]
        return f'<sup data-fn="{u}" class="fn"><a href="#{u}" id="{u}-link">{doc.notes[ni]["label"]}</a></sup>'

    first_plain = runs_text(next(b[1] for b in doc.blocks if b[0] == "p"))
    desc = " ".join(first_plain.split()[:28]) + " …"
    out = [head(desc)]
    out.append(f"""<article id="post-48213" class="post-48213 post type-post status-publish format-standard has-post-thumbnail hentry category-analysis tag-black-sea tag-food-security tag-ukraine">
<nav class="breadcrumbs" aria-label="Breadcrumb"><span><a href="{SITE}/">Home</a></span> &raquo; <span><a href="{SITE}/category/analysis/">Analysis</a></span> &raquo; <span class="breadcrumb_last" aria-current="page">{h(TITLE)}</span></nav>
<header class="entry-header">
<span class="cat-links"><a href="{SITE}/category/analysis/" rel="category tag">Analysis</a></span>
<h1 class="entry-title">{h(TITLE)}</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="{SITE}/author/olena-kravchenko/">Olena Kravchenko</a></span> and <span class="author vcard"><a class="url fn n" href="{SITE}/author/marek-zielinski/">Marek Zieliński</a></span></span>
<span class="posted-on"><time class="entry-date published" datetime="2024-02-19T07:30:00+00:00">19 February 2024</time><time class="updated" datetime="2024-02-21T16:02:11+00:00">21 February 2024</time></span>
<span class="reading-time">22 min read</span></div>
</header>
<figure class="post-thumbnail"><img width="1200" height="675" src="{SITE}/wp-content/uploads/2024/02/odesa-port-grain.jpg" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="Bulk carrier loading grain at the port of Odesa" decoding="async" fetchpriority="high">
<figcaption>A bulk carrier loads wheat at Chornomorsk, January 2024. Photo: Serhii Bondar / Eastern Flank Review</figcaption></figure>
{share()}
<div class="entry-content">
""")
    pq_done = False
    for b in doc.blocks:
        if b[0] == "h1":
            out.append(f'<h2 class="wp-block-heading">{h(b[1])}</h2>\n')
        elif b[0] == "p":
            out.append(f"<p>{runs_html(b[1], marker)}</p>\n")
            if not pq_done and rng.random() < 0.08:
                q = rng.choice(GRAIN["quotes"])
                out.append(f'<figure class="wp-block-pullquote"><blockquote><p>“{h(q[0].upper() + q[1:])}”</p></blockquote></figure>\n')
                pq_done = True
    out.append('<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<ol class="wp-block-footnotes">')
    for ni, n in enumerate(doc.notes):
        u = ids[ni]
        out.append(f'<li id="{u}">{runs_html(n["runs"])} <a href="#{u}-link" aria-label="Jump to footnote reference {n["label"]}">↩︎</a></li>')
    out.append("</ol>\n</div><!-- .entry-content -->\n")
    out.append(tail())
    html_text = "".join(out)
    with open(f"{DOCS}/{NAME}.html", "w", encoding="utf-8") as f:
        f.write(html_text)
    gold = build_gold(doc, notes_mod.phrases(rng, doc.notes),
                      extra={"numbering": "1..N WordPress core footnotes; markers link to UUID ids",
                             "linked_title_notes": [i + 1 for i in linked],
                             "note": "in the linked_title_notes the URL is only in the href of the cited title (gold url = that href)"})
    write_gold(doc, gold)
    return doc, gold


def share():
    t = "The%20Corridor%20That%20Outlived%20the%20Deal"
    return f"""<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>
<li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button" href="https://twitter.com/intent/tweet?text={t}&amp;url={URL}&amp;via=EastFlankReview" target="_blank" title="Click to share on X"><span>X</span></a></li>
<li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button" href="https://www.facebook.com/sharer/sharer.php?u={URL}" target="_blank"><span>Facebook</span></a></li>
<li class="share-linkedin"><a rel="nofollow noopener noreferrer" class="share-linkedin sd-button" href="https://www.linkedin.com/shareArticle?mini=true&amp;url={URL}&amp;title={t}" target="_blank"><span>LinkedIn</span></a></li>
<li class="share-email"><a rel="nofollow noopener noreferrer" class="share-email sd-button" href="mailto:?subject={t}&amp;body={URL}" target="_blank"><span>Email</span></a></li>
<li class="share-print"><a rel="nofollow noopener noreferrer" class="share-print sd-button" href="{URL}#print" target="_blank"><span>Print</span></a></li>
</ul></div></div></div>
"""


def tail():
    rel = "".join(f"""<article class="related-post"><h3><a href="{SITE}/{p}/">{h(t)}</a></h3><p class="excerpt">{h(e)}</p></article>
""" for (t, p), e in zip(RELATED, [
        "Constanța and the smaller river ports have absorbed far more cargo than planned. Can they keep it up?",
        "A trade dispute inside the EU has become a test of solidarity with Kyiv.",
        "Drifting mines and missile strikes have changed how underwriters price a Black Sea voyage."]))
    most = "".join(f'<li><a href="{SITE}/2024/0{i + 1}/{i + 3}/most-read-{i}/">{h(t)}</a></li>' for i, t in enumerate(MOST_READ))
    return f"""<footer class="entry-footer"><span class="tags-links">Tagged <a href="{SITE}/tag/black-sea/" rel="tag">Black Sea</a>, <a href="{SITE}/tag/food-security/" rel="tag">Food security</a>, <a href="{SITE}/tag/ukraine/" rel="tag">Ukraine</a></span></footer>
{share()}
<div class="author-box"><h2 class="author-title">About the authors</h2>
<p><strong>Olena Kravchenko</strong> is a non-resident fellow at Eastern Flank Review and a former adviser to Ukraine’s Ministry of Infrastructure. <strong>Marek Zieliński</strong> is an editor at Eastern Flank Review, covering Poland and Central Europe.</p></div>
</article><!-- #post-48213 -->
<section class="related-posts"><h2 class="related-title">Related posts</h2>
{rel}</section>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="{SITE}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<p class="comment-form-comment"><label for="comment">Comment *</label><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</main><!-- #main -->
<aside id="secondary" class="widget-area">
<section id="block-7" class="widget widget_block"><h2 class="widget-title">Most read</h2><ol class="most-read">{most}</ol></section>
<section id="block-9" class="widget widget_block"><h2 class="widget-title">Newsletter</h2><p>Our weekly briefing on the eastern flank, every Friday.</p>
<form class="newsletter" action="https://easternflankreview.us21.list-manage.com/subscribe/post?u=5f2a9c&amp;id=8e1b7d" method="post"><input type="email" name="EMAIL" placeholder="Email address"><button type="submit">Subscribe</button></form></section>
<section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Topics</h2><div class="tagcloud"><a href="{SITE}/tag/baltic/">Baltic</a> <a href="{SITE}/tag/black-sea/">Black Sea</a> <a href="{SITE}/tag/energy/">Energy</a> <a href="{SITE}/tag/nato/">NATO</a> <a href="{SITE}/tag/sanctions/">Sanctions</a></div></section>
</aside>
</div><!-- #content -->
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Eastern Flank Review. All rights reserved. <a href="{SITE}/privacy-policy/">Privacy policy</a> | <a href="{SITE}/contact/">Contact</a> | Proudly powered by WordPress</div></footer>
</div><!-- #page -->
<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner cmplz-hidden banner-1 optin cmplz-bottom-right" aria-modal="true" data-nosnippet="true" role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin" aria-describedby="cmplz-message-1-optin">
<div class="cmplz-header"><div class="cmplz-title" id="cmplz-header-1-optin">Manage Cookie Consent</div></div>
<div class="cmplz-body"><div class="cmplz-message" id="cmplz-message-1-optin"><p>To provide the best experiences, we use technologies like cookies to store and/or access device information. Consenting to these technologies will allow us to process data such as browsing behaviour or unique IDs on this site. Not consenting or withdrawing consent may adversely affect certain features and functions.</p></div></div>
<div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">Accept</button><button class="cmplz-btn cmplz-deny">Deny</button><button class="cmplz-btn cmplz-view-preferences">View preferences</button></div>
<div class="cmplz-links cmplz-documents"><ul><li><a href="{SITE}/cookie-policy-eu/" class="cmplz-link cookie-statement">Cookie Policy</a></li><li><a href="{SITE}/privacy-policy/" class="cmplz-link privacy-statement">Privacy Statement</a></li></ul></div>
</div></div>
<script src="{SITE}/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1707148800" id="cmplz-cookiebanner-js"></script>
<script src="{SITE}/wp-content/themes/efr/js/navigation.js?ver=2.3.1" id="efr-navigation-js"></script>
</body>
</html>
"""
