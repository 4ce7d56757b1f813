"""Shared helpers for the HTML pages: runs to HTML, linked titles, body links, ids."""
import html
import json

from .util import render_runs, runs_text, slugify


def h(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def runs_html(runs, marker=None):
    return render_runs(
        runs, h,
        i=lambda r: f"<em>{h(r[1])}</em>",
        b=lambda r: f"<strong>{h(r[1])}</strong>",
        u=lambda r: f'<a href="{attr(r[1])}">{h(r[1])}</a>',
        a=lambda r: f'<a href="{attr(r[2])}">{h(r[1])}</a>',
        m=lambda r: marker(r[1]),
    )


def link_title(note):
    """Replace ', URL' with a link on the cited title (as CMS editors often do).
    Only for single-source notes whose title appears verbatim. Returns True if changed."""
    w = note.get("work")
    runs = note["runs"]
    us = [i for i, r in enumerate(runs) if isinstance(r, tuple) and r[0] == "u"]
    if not w or len(us) != 1 or not w.get("url"):
        return False
    ui = us[0]
    title = w["title"]
    for i, r in enumerate(runs[:ui]):
        if isinstance(r, tuple) and r[0] == "i" and r[1] == title:
            new = runs[:i] + [("a", title, r_url(runs[ui]))] + runs[i + 1:ui]
            break
        if isinstance(r, str) and title in r:
            a, b = r.split(title, 1)
            new = runs[:i] + [a, ("a", title, r_url(runs[ui])), b] + runs[i + 1:ui]
            break
    else:
        return False
    tail = runs[ui + 1:]
    # drop the separator that preceded the URL
    if isinstance(new[-1], str):
        new[-1] = new[-1].rstrip()
        if new[-1].endswith(","):
            new[-1] = new[-1][:-1]
    note["runs"] = [x for x in new + tail if x != ""]
    return True


def r_url(r):
    return r[1]


def add_body_links(rng, doc, topic, base, p=0.25):
    """Wrap the first mention of an actor in some paragraphs in a tag-page link."""
    for bi, b in enumerate(doc.blocks):
        if b[0] != "p" or rng.random() > p:
            continue
        runs = list(b[1])
        for ri, r in enumerate(runs):
            if not isinstance(r, str):
                continue
            for a in topic["actors"]:
                name = a[4:] if a.startswith("the ") else a
                if len(name) < 12:
                    continue
                if name in r:
                    x, y = r.split(name, 1)
                    runs[ri:ri + 1] = [x, ("a", name, f"{base}/tag/{slugify(name, 6)}/"), y]
                    doc.blocks[bi] = ("p", [z for z in runs if z != ""])
                    break
            else:
                continue
            break


def uuid(rng):
    hx = lambda n: "".join(rng.choice("0123456789abcdef") for _ in range(n))
    return f"{hx(8)}-{hx(4)}-4{hx(3)}-{rng.choice('89ab')}{hx(3)}-{hx(12)}"


def jsonld(obj):
    return '<script type="application/ld+json">' + json.dumps(obj, ensure_ascii=False).replace("</", "<\\/") + "</script>"


def plain(runs):
    return runs_text(runs)
