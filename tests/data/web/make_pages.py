#!/usr/bin/env python3
"""Writes the extraction evaluation set: each article of `articles.py` inside the page
templates of two kinds of news site or CMS, with everything a real page carries around an
article (navigation, share bars, inline ads, related links, comments, cookie banners,
newsletter boxes, live-blog furniture). For each page: NAME.html (or .html.gz), the
expected article text NAME.expected.txt (standfirst, subheadings, paragraphs and list items;
no headline, byline, captions or boilerplate) and the expected metadata NAME.meta.json.

Run from this folder: python3 make_pages.py (the output is committed; rerunning it gives
the same bytes)."""
import gzip, html, json, os

from articles import ARTICLES

L = {
    "nl": dict(home="Home", news="Nieuws", sport="Sport", region="Regio", economy="Economie",
               culture="Cultuur", weather="Weer", read_also="Lees ook", share="Delen",
               ad="Advertentie", comments="Reacties", react="Reageer", cookie="Wij gebruiken cookies om je de beste ervaring te bieden en voor gepersonaliseerde advertenties. Lees meer in onze cookieverklaring.",
               accept="Accepteren", reject="Weigeren", newsletter="Ontvang elke ochtend het belangrijkste nieuws in je mailbox.", subscribe="Aanmelden",
               most_read="Meest gelezen", more="Meer nieuws", by="Door", updated="Bijgewerkt", photo="Foto",
               privacy="Privacy", contact="Contact", about="Over ons", terms="Gebruiksvoorwaarden", tips="Tip de redactie",
               premium="Lees onbeperkt voor 1 euro per week", related="Gerelateerd", tags="Onderwerpen"),
    "en": dict(home="Home", news="News", sport="Sport", region="Local", economy="Business",
               culture="Culture", weather="Weather", read_also="Read more", share="Share",
               ad="Advertisement", comments="Comments", react="Leave a comment", cookie="We use cookies to give you the best experience and to show personalised advertising. See our cookie policy for details.",
               accept="Accept all", reject="Reject", newsletter="Get the morning briefing delivered to your inbox every weekday.", subscribe="Sign up",
               most_read="Most read", more="More stories", by="By", updated="Updated", photo="Photo",
               privacy="Privacy", contact="Contact us", about="About us", terms="Terms of use", tips="Send us a tip",
               premium="Subscribe for unlimited access from £1 a week", related="Related", tags="Topics"),
}

OTHER_HEADLINES = {
    "nl": ["Kabinet wil snellere aanpak van wachtlijsten in de jeugdzorg", "Ajax verliest ook in Europa, trainer onder vuur",
           "Huizenprijzen stijgen voor het eerst in twee jaar niet", "Onderzoek: jongeren slapen gemiddeld een uur te weinig",
           "Brand in leegstaand pand in Rotterdam-Zuid onder controle", "Minder toeristen naar Amsterdam door hogere toeristenbelasting",
           "Nieuwe fietsbrug over het Amsterdam-Rijnkanaal open", "KNMI: kans op eerste nachtvorst dit weekend"],
    "en": ["Prime minister faces questions over hospital waiting lists", "Striker's late goal sends City into the final",
           "House prices flat for the first time in two years", "Study finds teenagers sleep an hour less than they need",
           "Fire at empty warehouse brought under control", "Tourist tax cuts visitor numbers in Edinburgh",
           "New cycle bridge opens across the river", "Forecasters warn of first frost this weekend"],
}


def esc(text):
    return html.escape(text, quote=False)


def attr(text):
    return html.escape(text, quote=True)


def nav(lang, cls="nav"):
    l = L[lang]
    items = [l["home"], l["news"], l["region"], l["economy"], l["sport"], l["culture"], l["weather"]]
    links = "".join(f'<li><a href="/{i.lower()}">{esc(i)}</a></li>' for i in items)
    return f'<nav class="{cls}" aria-label="main"><ul>{links}</ul></nav>'


def link_list(lang, start, n, cls):
    heads = OTHER_HEADLINES[lang]
    items = "".join(f'<li><a href="/artikel/{1000 + start + k}">{esc(heads[(start + k) % len(heads)])}</a></li>' for k in range(n))
    return f'<ul class="{cls}">{items}</ul>'


def footer(lang):
    l = L[lang]
    cols = " ".join(f'<a href="/{k}">{esc(l[k])}</a>' for k in ("privacy", "contact", "about", "terms", "tips"))
    return f'<footer class="site-footer"><div class="links">{cols}</div><p class="copyright">© 2026 Mediahuis Example B.V. All rights reserved.</p></footer>'


def cookie_banner(lang):
    l = L[lang]
    return (f'<div id="cookie-consent" class="cookie-banner" role="dialog"><p>{esc(l["cookie"])}</p>'
            f'<button>{esc(l["accept"])}</button> <button>{esc(l["reject"])}</button></div>')


def newsletter(lang):
    l = L[lang]
    return (f'<aside class="newsletter-signup"><h3>Newsletter</h3><p>{esc(l["newsletter"])}</p>'
            f'<form><input type="email" placeholder="e-mail"><button>{esc(l["subscribe"])}</button></form></aside>')


def share_bar(lang):
    l = L[lang]
    return (f'<div class="share-bar"><span>{esc(l["share"])}</span><a href="https://facebook.com/share">Facebook</a>'
            '<a href="https://x.com/intent">X</a><a href="https://wa.me/">WhatsApp</a><a href="mailto:?">E-mail</a></div>')


def json_ld(a, kind="NewsArticle", extra=None):
    slug, lang, headline, stand, blocks, meta = a
    data = {"@context": "https://schema.org", "@type": kind, "headline": headline,
            "datePublished": meta["published"], "mainEntityOfPage": meta["url"],
            "publisher": {"@type": "Organization", "name": meta["site"]}, "inLanguage": lang}
    if meta["modified"]:
        data["dateModified"] = meta["modified"]
    if meta["author"]:
        data["author"] = [{"@type": "Person", "name": n} for n in meta["author"]]
    if extra:
        data.update(extra)
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def og(a, with_time=True):
    slug, lang, headline, stand, blocks, meta = a
    tags = [f'<meta property="og:title" content="{attr(headline)}">',
            f'<meta property="og:url" content="{attr(meta["url"])}">',
            f'<meta property="og:site_name" content="{attr(meta["site"])}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:description" content="{attr(stand or headline)}">']
    if with_time:
        tags.append(f'<meta property="article:published_time" content="{meta["published"]}">')
        if meta["modified"]:
            tags.append(f'<meta property="article:modified_time" content="{meta["modified"]}">')
    return "".join(tags)


def head(a, title_suffix, extra, charset="utf-8"):
    slug, lang, headline, stand, blocks, meta = a
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">'
            f'<title>{esc(headline)} | {esc(title_suffix)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js"></script>'
            '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date());</script>'
            f'{extra}</head>')


def body_blocks(blocks, p_tag="p", p_cls=None, inserts=None):
    """The article's blocks as HTML; `inserts` maps a block index to HTML put before it."""
    out = []
    cls = f' class="{p_cls}"' if p_cls else ""
    for i, (kind, content) in enumerate(blocks):
        if inserts and i in inserts:
            out.append(inserts[i])
        if kind == "p":
            out.append(f"<{p_tag}{cls}>{esc(content)}</{p_tag}>")
        elif kind == "h2":
            out.append(f"<h2>{esc(content)}</h2>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in content) + "</ul>")
    return "".join(out)


def byline(a, lang):
    meta = a[5]
    if not meta["author"]:
        return ""
    return f'{L[lang]["by"]} ' + " & ".join(meta["author"])


def figure(lang, n):
    caption = {"nl": "Archiefbeeld van de locatie", "en": "File picture of the site"}[lang]
    return (f'<figure class="article-image"><img src="/img/{n}.jpg" alt="">'
            f'<figcaption>{esc(caption)} ({L[lang]["photo"]}: ANP / Reuters)</figcaption></figure>')


def inline_ad(lang):
    return f'<div class="ad-slot ad-inline" data-ad="mid"><span class="ad-label">{esc(L[lang]["ad"])}</span><div id="div-gpt-ad-123"></div></div>'


def read_also(lang, n):
    return (f'<aside class="read-also"><h3>{esc(L[lang]["read_also"])}</h3>'
            f'{link_list(lang, n, 2, "related-inline")}</aside>')


def comments(lang, n):
    texts = {
        "nl": ["Eindelijk wordt er iets gedaan, dit had jaren geleden al moeten gebeuren. Wie betaalt dit uiteindelijk? Juist, de burger weer.",
               "Ik snap de kritiek niet zo. Als je de cijfers goed leest zie je dat het best meevalt, maar dat past natuurlijk niet in het verhaal.",
               "Wat een onzin. Vorig jaar zeiden ze precies het tegenovergestelde en nu moeten we dit geloven?",
               "Goed artikel, dank voor de heldere uitleg. Ik mis alleen de reactie van de gemeente zelf."],
        "en": ["About time something was done, this should have happened years ago. And who pays in the end? The taxpayer, as always.",
               "I don't understand the criticism. If you read the figures properly it is not that bad, but that doesn't fit the story, does it.",
               "Complete nonsense. Last year they said the exact opposite and now we are supposed to believe this?",
               "Good article, thanks for explaining it clearly. I would have liked to hear from the council itself though."],
    }[lang]
    items = "".join(
        f'<li class="comment"><div class="comment-author">user{n * 7 + k}</div><div class="comment-body"><p>{esc(t)}</p></div>'
        f'<a class="reply" href="#">Reply</a></li>' for k, t in enumerate(texts))
    return f'<section id="comments" class="comments"><h2>{esc(L[lang]["comments"])} ({len(texts)})</h2><ol>{items}</ol><a href="#respond">{esc(L[lang]["react"])}</a></section>'


def stand_html(stand, cls="intro"):
    return f'<p class="{cls}">{esc(stand)}</p>' if stand else ""


# ---- templates: (a, n) -> html ----

def t_public_broadcaster(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a) + json_ld(a) + f'<link rel="canonical" href="{attr(meta["url"])}">')
    inserts = {2: read_also(lang, n)}
    return (h + f'<body>{cookie_banner(lang)}<header class="site-header"><a class="logo" href="/">{esc(meta["site"])}</a>{nav(lang)}</header>'
            f'<main><article><header><h1>{esc(headline)}</h1><p class="meta"><time datetime="{meta["published"]}">{meta["published"][:10]}</time></p></header>'
            f'{share_bar(lang)}{figure(lang, n)}{stand_html(stand)}{body_blocks(blocks, inserts=inserts)}{share_bar(lang)}</article>'
            f'<section class="more-news"><h2>{esc(L[lang]["more"])}</h2>{link_list(lang, n, 6, "teasers")}</section></main>'
            f'{footer(lang)}</body></html>')


def t_paywalled_newspaper(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], json_ld(a) + f'<link rel="canonical" href="{attr(meta["url"])}">'
             + f'<meta property="og:title" content="{attr(headline)}">')
    inserts = {1: inline_ad(lang), 3: read_also(lang, n + 1)}
    by = byline(a, lang)
    return (h + f'<body class="article-page"><div class="cmp-wall">{cookie_banner(lang)}</div>'
            f'<div class="top-bar"><a href="/abonnement">{esc(L[lang]["premium"])}</a></div><header>{nav(lang, "menu")}</header>'
            f'<div class="container"><div class="article__header"><span class="label">{esc(L[lang]["region"])}</span><h1 class="article__title">{esc(headline)}</h1>'
            f'<div class="article__byline"><span class="author">{esc(by)}</span> <span class="date">{meta["published"][:10]}</span></div></div>'
            f'{figure(lang, n)}<div class="article__body">{stand_html(stand, "article__intro")}'
            f'{body_blocks(blocks, p_cls="article__paragraph", inserts=inserts)}</div>'
            f'<div class="article__tags"><h4>{esc(L[lang]["tags"])}</h4><a href="/t/1">{esc(L[lang]["region"])}</a> <a href="/t/2">{esc(L[lang]["economy"])}</a></div>'
            f'{newsletter(lang)}</div><aside class="sidebar"><h3>{esc(L[lang]["most_read"])}</h3>{link_list(lang, n + 2, 5, "most-read")}</aside>'
            f'{footer(lang)}</body></html>')


def t_component_blocks(a, n):
    """BBC-like: each paragraph in its own text-block component."""
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a, with_time=False) + f'<meta name="author" content="{attr(", ".join(meta["author"]))}">' if meta["author"] else og(a, with_time=False))
    parts = []
    if stand:
        parts.append(f'<div data-component="text-block"><p><b>{esc(stand)}</b></p></div>')
    for i, (kind, content) in enumerate(blocks):
        if i == 2:
            parts.append(f'<div data-component="image-block">{figure(lang, n)}</div>')
        if kind == "p":
            parts.append(f'<div data-component="text-block"><p>{esc(content)}</p></div>')
        elif kind == "h2":
            parts.append(f'<div data-component="subheadline-block"><h2>{esc(content)}</h2></div>')
        else:
            parts.append('<div data-component="unordered-list-block"><ul>' + "".join(f"<li>{esc(x)}</li>" for x in content) + "</ul></div>")
    by = byline(a, lang)
    return (h + f'<body><div id="orb-banner">{cookie_banner(lang)}</div><header>{nav(lang, "orb-nav")}</header>'
            f'<div id="main-content"><article><header><h1 id="main-heading">{esc(headline)}</h1></header>'
            f'<div data-component="byline-block"><span>{esc(by)}</span></div>'
            f'<div data-component="timestamp-block"><time datetime="{meta["published"]}">{meta["published"][:10]}</time></div>'
            + "".join(parts) +
            f'<div data-component="links-block"><h2>{esc(L[lang]["related"])}</h2>{link_list(lang, n, 3, "related-topics")}</div></article>'
            f'<section data-component="more-on-this-story"><h2>{esc(L[lang]["more"])}</h2>{link_list(lang, n + 3, 4, "more-stories")}</section></div>'
            f'{footer(lang)}</body></html>')


def t_quality_paper(a, n):
    """Guardian-like: support-us epic, most viewed, share buttons."""
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a) + json_ld(a) + f'<link rel="canonical" href="{attr(meta["url"])}">'
             + "".join(f'<meta name="author" content="{attr(x)}">' for x in meta["author"]))
    epic = {"nl": "Onafhankelijke journalistiek kost geld. Steun ons vandaag al vanaf 2 euro per maand.",
            "en": "Independent journalism costs money. Support us today from as little as £2 a month."}[lang]
    inserts = {len(blocks) - 1: f'<aside class="contributions-epic"><p>{esc(epic)}</p><a href="/support">Support</a></aside>'}
    return (h + f'<body><a class="skip" href="#maincontent">Skip to main content</a><header>{nav(lang, "pillars")}</header>'
            f'<main><article><div class="headline"><h1>{esc(headline)}</h1></div>'
            f'<div class="standfirst">{stand_html(stand, "standfirst-text")}</div>'
            f'<aside class="meta"><address><a rel="author" href="/profile/x">{esc(", ".join(meta["author"]))}</a></address>'
            f'<time datetime="{meta["published"]}">{meta["published"][:10]}</time>{share_bar(lang)}</aside>'
            f'{figure(lang, n)}<div id="maincontent" class="article-body-commercial-selector">{body_blocks(blocks, inserts=inserts)}</div>'
            f'<div class="submeta">{esc(L[lang]["tags"])}: <a href="/world">World</a> <a href="/environment">Environment</a></div></article>'
            f'<aside class="most-viewed"><h2>{esc(L[lang]["most_read"])}</h2>{link_list(lang, n + 1, 8, "most-viewed-list")}</aside></main>'
            f'{footer(lang)}</body></html>')


def t_wordpress(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], f'<link rel="canonical" href="{attr(meta["url"])}">'
             + (f'<meta name="author" content="{attr(meta["author"][0])}">' if meta["author"] else "")
             + f'<meta property="article:published_time" content="{meta["published"]}">'
             + f'<meta property="og:site_name" content="{attr(meta["site"])}">')
    widgets = (f'<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2>{link_list(lang, n, 5, "recent")}</section>'
               '<section class="widget"><h2 class="widget-title">Categories</h2><ul><li><a href="/c/1">Local</a></li><li><a href="/c/2">Politics</a></li><li><a href="/c/3">Uncategorized</a></li></ul></section>'
               '<section class="widget"><h2 class="widget-title">Archives</h2><ul><li><a href="/2026/11">November 2026</a></li><li><a href="/2026/10">October 2026</a></li></ul></section></aside>')
    by = byline(a, lang)
    return (h + f'<body class="post-template-default single single-post"><div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{esc(meta["site"])}</a></p>{nav(lang, "main-navigation")}</header>'
            f'<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">'
            f'<article class="post type-post status-publish hentry"><header class="entry-header"><h1 class="entry-title">{esc(headline)}</h1>'
            f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{meta["published"]}">{meta["published"][:10]}</time></span> <span class="byline">{esc(by)}</span></div></header>'
            f'<div class="entry-content">{stand_html(stand, "has-large-font-size")}{body_blocks(blocks)}'
            f'<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{esc(L[lang]["share"])}:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div></div>'
            f'<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/1">Local</a></span></footer></article>'
            f'<nav class="post-navigation"><a href="/prev">Previous post</a> <a href="/next">Next post</a></nav>{comments(lang, n)}</main></div>{widgets}</div>'
            f'{footer(lang)}</div></body></html>')


def t_live_blog(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a) + json_ld(a, "LiveBlogPosting"))
    times = ["18:02", "17:40", "17:15", "16:58", "16:31", "16:05", "15:47", "15:20", "14:55"]
    updates = []
    for i, block in enumerate(blocks):
        t = times[i % len(times)]
        inner = body_blocks([block])
        updates.append(f'<div class="block" id="block-{i}"><p class="block-time"><time datetime="{meta["published"][:11]}{t}:00">{t}</time></p>'
                       f'<div class="block-elements">{inner}</div><div class="block-share"><a href="#block-{i}">Link</a> {share_bar(lang)}</div></div>')
        if i == 1:
            updates.append(inline_ad(lang))
    summary = stand_html(stand, "liveblog-summary") if stand else ""
    return (h + f'<body>{cookie_banner(lang)}<header>{nav(lang)}</header><main><article class="liveblog"><h1>{esc(headline)}</h1>'
            f'<div class="live-badge">LIVE</div><p class="updated">{esc(L[lang]["updated"])} <time datetime="{meta["published"]}">{meta["published"][11:16]}</time></p>'
            f'<div class="key-events"><h2>Key events</h2>{link_list(lang, n, 3, "key-events")}</div>'
            f'{summary}<div class="live-blog-body">{"".join(updates)}</div></article></main>{newsletter(lang)}{footer(lang)}</body></html>')


def t_old_cms_br(a, n, encoding="windows-1252"):
    """A regional site on an old CMS: paragraphs separated by <br><br> in one div, a
    legacy charset declared in a meta http-equiv."""
    slug, lang, headline, stand, blocks, meta = a
    h = (f'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><head>'
         f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
         f'<title>{esc(meta["site"])} - {esc(headline)}</title>'
         + (f'<meta name="author" content="{attr(", ".join(meta["author"]))}">' if meta["author"] else "")
         + f'<meta name="date" content="{meta["published"]}"><meta http-equiv="content-language" content="{lang}"></head>')
    texts = []
    for kind, content in blocks:
        if kind == "p":
            texts.append(esc(content))
        elif kind == "h2":
            texts.append(f"<b>{esc(content)}</b>")
        else:
            texts.append("<br>".join("- " + esc(x) for x in content))
    body = "<br><br>\n".join(([f"<b>{esc(stand)}</b>"] if stand else []) + texts)
    left = "".join(f'<tr><td><a href="/{x}">{x}</a></td></tr>' for x in ["Nieuws", "Sport", "Weer", "Verkeer", "Agenda", "Video", "Radio", "TV-gids"])
    return (h + f'<body bgcolor="#ffffff"><table width="980"><tr><td colspan="2"><img src="/logo.gif" alt="{esc(meta["site"])}"></td></tr>'
            f'<tr><td width="180" valign="top"><table class="menu">{left}</table></td><td valign="top">'
            f'<h1 class="kop">{esc(headline)}</h1><span class="datum">{meta["published"][:10]}</span>'
            f'<div class="tekst">{body}</div><br><div class="tip">{esc(L[lang]["tips"])}: tips@example.nl</div>'
            f'<table class="gerelateerd"><tr><td><b>{esc(L[lang]["related"])}</b></td></tr>'
            + "".join(f'<tr><td><a href="/a/{k}">{esc(OTHER_HEADLINES[lang][(n + k) % 8])}</a></td></tr>' for k in range(4)) +
            f'</table></td></tr></table><div class="voet">{footer(lang)}</div></body></html>')


def t_drupal(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a) + f'<link rel="canonical" href="{attr(meta["url"])}">'
             + (f'<meta name="author" content="{attr(meta["author"][0])}">' if meta["author"] else ""))
    crumbs = f'<nav class="breadcrumb"><ol><li><a href="/">{esc(L[lang]["home"])}</a></li><li><a href="/news">{esc(L[lang]["news"])}</a></li><li>{esc(headline[:30])}</li></ol></nav>'
    inserts = {3: f'<div class="field--name-field-pullquote"><blockquote>{esc(blocks[0][1][:80])}…</blockquote></div>'}
    return (h + f'<body class="path-node page-node-type-article"><div class="dialog-off-canvas-main-canvas"><header role="banner">{nav(lang, "menu--main")}</header>{crumbs}'
            f'<main role="main"><div class="region region-content"><article role="article" class="node node--type-article node--view-mode-full">'
            f'<h1 class="page-title"><span class="field field--name-title">{esc(headline)}</span></h1>'
            f'<div class="node__meta"><span class="field--name-uid">{esc(byline(a, lang))}</span> <span class="field--name-created"><time datetime="{meta["published"]}">{meta["published"][:10]}</time></span></div>'
            f'<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field__item">'
            f'{stand_html(stand, "lead")}{body_blocks(blocks, inserts=inserts)}</div>'
            f'<div class="field field--name-field-tags"><div class="field__label">{esc(L[lang]["tags"])}</div><div class="field__items"><a href="/t/a">{esc(L[lang]["news"])}</a></div></div>'
            f'{share_bar(lang)}</div></article></div>{newsletter(lang)}'
            f'<div class="region region-sidebar"><div class="block-views-blockmost-read"><h2>{esc(L[lang]["most_read"])}</h2>{link_list(lang, n, 5, "views-list")}</div></div></main>'
            f'{footer(lang)}</div></body></html>')


def t_amp(a, n):
    slug, lang, headline, stand, blocks, meta = a
    h = (f'<!doctype html><html ⚡ lang="{lang}"><head><meta charset="utf-8"><title>{esc(headline)}</title>'
         f'<link rel="canonical" href="{attr(meta["url"])}"><meta name="viewport" content="width=device-width">'
         f'<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{{font-family:sans-serif}}.x{{color:red}}</style>'
         f'{json_ld(a)}</head>')
    ad = f'<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/amp"><div placeholder>{esc(L[lang]["ad"])}</div></amp-ad>'
    return (h + f'<body><amp-consent id="consent" layout="nodisplay"><div class="consent-ui">{esc(L[lang]["cookie"])}<button>{esc(L[lang]["accept"])}</button></div></amp-consent>'
            f'<header class="amp-header"><a href="/">{esc(meta["site"])}</a><amp-sidebar id="sb" layout="nodisplay">{nav(lang)}</amp-sidebar></header>'
            f'<article class="amp-article"><h1>{esc(headline)}</h1><div class="amp-byline">{esc(byline(a, lang))} · <time datetime="{meta["published"]}">{meta["published"][:10]}</time></div>'
            f'<amp-img src="/img/{n}.jpg" width="800" height="450" layout="responsive"></amp-img>{stand_html(stand)}{body_blocks(blocks, inserts={2: ad})}'
            f'<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook"></amp-social-share></article>'
            f'<section class="amp-related"><h2>{esc(L[lang]["related"])}</h2>{link_list(lang, n, 4, "amp-list")}</section>{footer(lang)}</body></html>')


def t_newsletter_platform(a, n):
    """Substack-like: paragraphs in nested divs, subscribe widgets, a footnote."""
    slug, lang, headline, stand, blocks, meta = a
    h = head(a, meta["site"], og(a) + json_ld(a, "NewsArticle"))
    sub = {"nl": "Abonneer je gratis om nieuwe berichten te ontvangen.", "en": "Subscribe for free to receive new posts."}[lang]
    widget = f'<div class="subscription-widget-wrap"><p class="cta">{esc(sub)}</p><form><input type="email"><button>{esc(L[lang]["subscribe"])}</button></form></div>'
    parts = []
    for i, (kind, content) in enumerate(blocks):
        if i == len(blocks) // 2:
            parts.append(widget)
        if kind == "p":
            parts.append(f'<div class="paragraph-wrap"><div class="pw-inner"><p><span>{esc(content)}</span></p></div></div>')
        elif kind == "h2":
            parts.append(f'<h2 class="header-anchor-post">{esc(content)}</h2>')
        else:
            parts.append("<ul>" + "".join(f"<li><p>{esc(x)}</p></li>" for x in content) + "</ul>")
    return (h + f'<body><div class="topbar"><a href="/">{esc(meta["site"])}</a><a href="/subscribe">{esc(L[lang]["subscribe"])}</a><a href="/signin">Sign in</a></div>'
            f'<div class="post-header"><h1 class="post-title">{esc(headline)}</h1>{stand_html(stand, "subtitle")}'
            f'<div class="post-meta"><a href="/profile">{esc(", ".join(meta["author"]))}</a> <time datetime="{meta["published"]}">{meta["published"][:10]}</time>'
            f'<div class="post-ufi"><a href="#">♥ 214</a> <a href="#comments">💬 37</a> <a href="#">{esc(L[lang]["share"])}</a></div></div></div>'
            f'<div class="available-content"><div class="body markup">{"".join(parts)}</div></div>{widget}'
            f'<div class="post-footer"><a href="#">♥ 214</a> <a href="#">Restack</a></div>{comments(lang, n)}'
            f'<div class="footer-recommendations"><h3>{esc(L[lang]["more"])}</h3>{link_list(lang, n, 3, "recs")}</div></body></html>')


TEMPLATES = [t_public_broadcaster, t_paywalled_newspaper, t_component_blocks, t_quality_paper, t_wordpress,
             t_live_blog, t_old_cms_br, t_drupal, t_amp, t_newsletter_platform]


def expected_text(a):
    slug, lang, headline, stand, blocks, meta = a
    parts = [stand] if stand else []
    for kind, content in blocks:
        if kind == "ul":
            parts.extend(content)
        else:
            parts.append(content)
    return "\n\n".join(parts) + "\n"


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")
    os.makedirs(out, exist_ok=True)
    for i, a in enumerate(ARTICLES):
        for j, t in enumerate((TEMPLATES[i % len(TEMPLATES)], TEMPLATES[(i + 4) % len(TEMPLATES)])):
            name = f"{a[0]}.{t.__name__[2:]}"
            page = t(a, i * 3 + j)
            encoding = "windows-1252" if t is t_old_cms_br else "utf-8"
            data = page.encode(encoding)
            if j == 1 and i % 4 == 3:
                with open(os.path.join(out, name + ".html.gz"), "wb") as f:
                    f.write(gzip.compress(data, mtime=0))
            else:
                with open(os.path.join(out, name + ".html"), "wb") as f:
                    f.write(data)
            with open(os.path.join(out, name + ".expected.txt"), "w", encoding="utf-8") as f:
                f.write(expected_text(a))
            meta = a[5]
            expected_meta = {"title": a[2], "language": a[1], "published": meta["published"][:10]}
            if t in (t_public_broadcaster, t_paywalled_newspaper, t_quality_paper, t_wordpress, t_drupal, t_amp):
                expected_meta["url"] = meta["url"]
            if meta["author"] and t is not t_live_blog:
                expected_meta["authors"] = meta["author"]
            with open(os.path.join(out, name + ".meta.json"), "w", encoding="utf-8") as f:
                json.dump(expected_meta, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.write("\n")


if __name__ == "__main__":
    main()
