#!/usr/bin/env python3
"""Writes the HTML test set: each article of articles.py in two page templates shaped like real CMS
output (WordPress, Drupal, SiteVision, a BBC-like and a Guardian-like newspaper, local news sites old and
new, a municipal site), into pages/NAME.html, and its gold body (lead and body blocks, one per line)
into gold/NAME.txt. Run from anywhere: python3 eval/html/make_pages.py
"""
import html
import json
import os

from articles import ARTICLES

HERE = os.path.dirname(os.path.abspath(__file__))
E = html.escape


def L(a, sv, en):
    return sv if a["lang"] == "sv" else en


def site(a):
    return L(a, "Exempelstad", "The Northern Courier")


def host(a):
    return L(a, "www.exempelstad.se", "www.northern-courier.example")


def url(a, tpl):
    return f"https://{host(a)}/{tpl}/{a['id']}"


def body_html(a, p="<p>{}</p>", h="<h2>{}</h2>", q="<blockquote><p>{}</p></blockquote>"):
    out = []
    for kind, text in a["body"]:
        out.append({"p": p, "h": h, "q": q}[kind].format(E(text)))
    return "\n".join(out)


def nav(a):
    items = L(a, ["Start", "Nyheter", "Kommun och politik", "Trafik", "Kultur och fritid", "Kontakt"],
              ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Weather"])
    return "<nav class=\"main-nav\"><ul>" + "".join(f"<li><a href=\"/{E(i.lower())}\">{E(i)}</a></li>" for i in items) + "</ul></nav>"


def cookie(a):
    return L(a, "<div id=\"cookie-banner\" class=\"cookie-consent\"><p>Vi använder kakor för att förbättra webbplatsen. Genom att fortsätta godkänner du att vi använder kakor.</p><button>Godkänn</button><a href=\"/kakor\">Läs mer om kakor</a></div>",
             "<div class=\"cookie-consent\" role=\"dialog\"><p>We use cookies to give you the best experience on our website. You can change your settings at any time.</p><button>Accept all</button><button>Manage settings</button></div>")


def teasers(a, cls="related-teasers"):
    titles = L(a, ["Stadsbiblioteket firar 50 år med öppet hus", "Så röstade fullmäktige om budgeten", "Nya regler för sophämtning från januari"],
               ["Council tax to rise by five per cent", "Weekend road closures announced", "Local team wins regional cup final"])
    head = L(a, "Mer från Exempelstad", "More stories")
    return f"<section class=\"{cls}\"><h2>{head}</h2>" + "".join(f"<article class=\"teaser\"><a href=\"/n/{i}\"><img src=\"/t{i}.jpg\" alt=\"\"><h3>{E(t)}</h3></a><p>{E(t)}. {L(a,'Läs mer','Read more')}.</p></article>" for i, t in enumerate(titles)) + "</section>"


def footer(a):
    return L(a, "<footer class=\"site-footer\"><p>Exempelstad, 123 45 Exempelstad. Telefon 010-123 45 67.</p><ul><li><a href=\"/tillganglighet\">Tillgänglighetsredogörelse</a></li><li><a href=\"/personuppgifter\">Personuppgifter</a></li></ul><p>Copyright Exempelstad 2024</p></footer>",
             "<footer class=\"site-footer\"><p>The Northern Courier, 1 Market Street. All rights reserved.</p><ul><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms and conditions</a></li><li><a href=\"/contact\">Contact us</a></li></ul></footer>")


def related_list(a, cls="related-links"):
    if not a["related"]:
        return ""
    label = L(a, "Läs också", "Related")
    return f"<aside class=\"{cls}\"><h3>{label}</h3><ul>" + "".join(f"<li><a href=\"/r/{i}\">{E(t)}</a></li>" for i, t in enumerate(a["related"])) + "</ul></aside>"


def share(a):
    return L(a, "<div class=\"share-buttons\"><span>Dela:</span><a href=\"#\">Facebook</a><a href=\"#\">LinkedIn</a><a href=\"#\">E-post</a></div>",
             "<div class=\"social-share\"><a href=\"#\">Share on Facebook</a><a href=\"#\">Share on X</a><a href=\"#\">Email</a></div>")


def json_ld(a, tpl, graph=False):
    art = {"@type": "NewsArticle", "headline": a["headline"], "datePublished": a["date"] + "T08:00:00+01:00",
           "author": {"@type": "Person", "name": a["author"], "url": f"https://{host(a)}/people/{a['author'].lower().replace(' ', '-')}"},
           "publisher": {"@type": "Organization", "name": site(a), "logo": {"@type": "ImageObject", "url": f"https://{host(a)}/logo.png"}},
           "image": f"https://{host(a)}/images/{a['id']}.jpg", "articleSection": a["section"], "inLanguage": a["lang"],
           "mainEntityOfPage": url(a, tpl)}
    doc = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "@id": url(a, tpl)}, art]} if graph else dict({"@context": "https://schema.org"}, **art)
    return "<script type=\"application/ld+json\">" + json.dumps(doc, ensure_ascii=False) + "</script>"


def og(a, tpl):
    return (f"<meta property=\"og:title\" content=\"{E(a['headline'])}\"><meta property=\"og:type\" content=\"article\">"
            f"<meta property=\"og:url\" content=\"{url(a, tpl)}\"><meta property=\"og:site_name\" content=\"{site(a)}\">"
            f"<meta property=\"og:image\" content=\"https://{host(a)}/images/{a['id']}.jpg\">"
            f"<meta property=\"og:description\" content=\"{E(a['lead'])}\">"
            f"<meta property=\"article:published_time\" content=\"{a['date']}T08:00:00+01:00\">"
            f"<meta property=\"article:section\" content=\"{E(a['section'])}\">")


def wordpress(a):
    t = "wp"
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}"><head><meta charset="UTF-8"><title>{E(a['headline'])} &#8211; {site(a)}</title>
<link rel="canonical" href="{url(a, t)}">{og(a, t)}
<link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css"><script>window.wp = {{}};</script></head>
<body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="site-header" class="header-footer-group"><div class="header-inner"><p class="site-title"><a href="/">{site(a)}</a></p>{nav(a)}</div></header>
<main id="site-content" role="main">
<article class="post-1234 post type-post status-publish format-standard has-post-thumbnail category-news" id="post-1234">
<header class="entry-header has-text-align-center"><div class="entry-categories"><a href="/category/news">{E(a['section'])}</a></div>
<h1 class="entry-title">{E(a['headline'])}</h1>
<div class="post-meta-wrapper post-meta-single"><ul class="post-meta"><li class="post-author meta-wrapper"><span class="meta-text">By <a href="/author/x">{E(a['author'])}</a></span></li><li class="post-date"><a href="#">{a['date']}</a></li></ul></div></header>
<figure class="featured-media"><img src="/wp-content/uploads/{a['id']}.jpg" alt=""><figcaption class="wp-caption-text">{E(a['caption'])}</figcaption></figure>
<div class="post-inner thin"><div class="entry-content">
<p>{E(a['lead'])}</p>
{body_html(a)}
{related_list(a, "wp-block-related")}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
</div></div>
<div class="section-inner"><div class="author-bio"><h2 class="author-title">{E(a['author'])}</h2><p class="author-description">{E(a['author'])} writes about local news and has worked for the paper since 2015.</p></div></div>
<div class="comments-wrapper section-inner" id="comments"><h2 class="comment-reply-title">{L(a,'Kommentarer','Leave a Reply')}</h2>
<div class="comment-body"><p>{L(a,'Bra att det händer något äntligen, men varför tog det så lång tid?','Great news for the area, but I wonder why it took so long to decide on this.')}</p></div>
<form id="commentform"><textarea></textarea><input type="submit" value="Post Comment"></form></div>
</article></main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="#">{L(a,'Nytt äventyrsbad planeras','Town hall clock repaired')}</a></li><li><a href="#">{L(a,'Sommarjobb för unga','Summer fair returns')}</a></li></ul></section></aside>
{footer(a)}<script src="/wp-includes/js/wp-embed.min.js"></script>
</body></html>
"""


def drupal(a):
    t = "drupal"
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}" dir="ltr"><head><meta charset="utf-8"><meta name="Generator" content="Drupal 10">
<title>{E(a['headline'])} | {site(a)}</title><meta name="description" content="{E(a['lead'])}">
<link rel="canonical" href="{url(a, t)}">{json_ld(a, t, graph=True)}</head>
<body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<header role="banner"><div class="region region-header"><a href="/" rel="home">{site(a)}</a></div><div class="region region-primary-menu">{nav(a)}</div></header>
<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">{L(a,'Start','Home')}</a></li><li><a href="/news">{L(a,'Nyheter','News')}</a></li></ol></nav></div>
<main role="main"><div class="layout-content"><div class="region region-content">
<div id="block-mainpagecontent" class="block block-system block-system-main-block">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{E(a['headline'])}</span></h1>
<div class="node__meta"><span class="field field--name-uid">{E(a['author'])}</span><span class="field field--name-created">{a['date']}</span></div>
<div class="node__content">
<div class="field field--name-field-lead field--type-string-long"><p>{E(a['lead'])}</p></div>
<div class="field field--name-field-image"><figure><img src="/sites/default/files/{a['id']}.jpg" alt=""><figcaption>{E(a['caption'])}</figcaption></figure></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{body_html(a)}
</div>
<div class="field field--name-field-tags"><div class="field__label">Tags</div><div class="field__items"><div class="field__item"><a href="/t/1">{E(a['section'])}</a></div></div></div>
</div></article></div>
<div class="views-element-container block block-views"><div class="view view-related-content">{teasers(a, "view-content")}</div></div>
</div></div></main>
{footer(a)}</div></div></body></html>
"""


def sitevision(a):
    t = "sv"
    rel = "".join(f"<li><a href=\"/nyheter/{i}\">{E(x)}</a></li>" for i, x in enumerate(a["related"]))
    paras = []
    for kind, text in a["body"]:
        if kind == "h":
            paras.append(f"<h2 class=\"subheading\">{E(text)}</h2>")
        elif kind == "q":
            paras.append(f"<blockquote class=\"quote\">{E(text)}</blockquote>")
        else:
            paras.append(f"<p class=\"normal\">{E(text)}</p>")
    return f"""<!DOCTYPE html>
<html lang="sv" class="sv-no-js"><head><meta charset="utf-8"><title>{E(a['headline'])} - {site(a)}</title>
<meta name="description" content="{E(a['lead'])}"><meta property="og:title" content="{E(a['headline'])}">
<meta property="og:site_name" content="{site(a)}"><meta name="DC.date.issued" content="{a['date']}">
<link rel="canonical" href="{url(a, t)}"><script>svDocReady(function(){{}});</script></head>
<body class="sv-responsive">
<div class="sv-layout sv-skip-spacer" id="svid10_cookie"><div class="sv-custom-module sv-cookie-consent-banner env-cookie-banner"><div class="env-cookie-banner__content"><p>Exempelstad använder kakor (cookies) för att webbplatsen ska fungera på ett bra sätt för dig.</p><a href="/kakor">Läs mer om hur vi använder kakor</a><button>Tillåt alla</button><button>Endast nödvändiga</button></div></div></div>
<div class="sv-layout" id="svid10_header"><div class="sv-script-portlet"><a class="skip-link" href="#content">Gå direkt till innehåll</a></div>
<div class="sv-custom-module header-module"><a href="/"><img src="/logo.svg" alt="Exempelstad"></a>{nav(a)}<div class="sv-search-portlet"><form><input type="text"><button>Sök</button></form></div></div></div>
<div class="sv-layout" id="svid10_breadcrumbs"><div class="sv-breadcrumbs-portlet"><ol><li><a href="/">Start</a></li><li><a href="/nyheter">Nyheter</a></li></ol></div></div>
<div class="sv-layout sv-template-layout" id="svid10_main">
<div class="sv-row"><div class="sv-column-8 sv-layout" id="content">
<div class="sv-text-portlet sv-use-margins" id="svid12_title"><div class="sv-text-portlet-content"><h1 class="heading" id="h-rubrik">{E(a['headline'])}</h1></div></div>
<div class="sv-text-portlet sv-use-margins" id="svid12_ingress"><div class="sv-text-portlet-content"><p class="lead">{E(a['lead'])}</p></div></div>
<div class="sv-image-portlet sv-portlet"><img class="sv-noborder" src="/images/18.{a['id']}.jpg" alt=""><div class="sv-image-portlet-caption"><p class="bildtext">{E(a['caption'])}</p></div></div>
<div class="sv-text-portlet sv-use-margins" id="svid12_body"><div class="sv-text-portlet-content">
{chr(10).join(paras)}
</div></div>
<div class="sv-text-portlet sv-use-margins lasocksa"><div class="sv-text-portlet-content"><h2 class="subheading">Läs också</h2><ul class="sv-defaultlist">{rel}</ul></div></div>
<div class="sv-text-portlet sv-use-margins"><div class="sv-text-portlet-content"><p class="normal">Publicerad {a['date']}</p></div></div>
<div class="sv-custom-module sv-feedback"><h2>Hjälpte informationen dig?</h2><form><button>Ja</button><button>Nej</button></form></div>
</div>
<div class="sv-column-4 sv-layout"><div class="sv-text-portlet contact-box"><h2 class="subheading">Kontakt</h2><p class="normal">Kommunikationsavdelningen, telefon 010-123 45 67, e-post kommunikation@exempelstad.se</p></div>{teasers(a, "sv-related-news")}</div>
</div></div>
<div class="sv-layout" id="svid10_footer">{footer(a)}</div>
</body></html>
"""


def bbc(a):
    t = "news"
    blocks = []
    for kind, text in a["body"]:
        if kind == "h":
            blocks.append(f"<div data-component=\"subheadline-block\" class=\"ssrcss-subheadline\"><h2 class=\"ssrcss-heading\">{E(text)}</h2></div>")
        elif kind == "q":
            blocks.append(f"<div data-component=\"text-block\"><blockquote class=\"ssrcss-quote\"><p>{E(text)}</p></blockquote></div>")
        else:
            blocks.append(f"<div data-component=\"text-block\" class=\"ssrcss-uf6wea-RichTextComponentWrapper\"><div class=\"ssrcss-7uxr49-RichTextContainer\"><p class=\"ssrcss-1q0x1qg-Paragraph\">{E(text)}</p></div></div>")
    rel = "".join(f"<li><a class=\"ssrcss-link\" href=\"/news/{i}\">{E(x)}</a></li>" for i, x in enumerate(a["related"]))
    return f"""<!DOCTYPE html>
<html lang="{L(a,'sv','en-GB')}" class="no-js"><head><meta charset="utf-8"><title>{E(a['headline'])} - {site(a)} News</title>
<meta name="description" content="{E(a['lead'])}"><link rel="canonical" href="{url(a, t)}">{json_ld(a, t)}{og(a, t)}</head>
<body><div id="__next">
<header data-component="global-header" class="ssrcss-header"><a href="/">{site(a)}</a>{nav(a)}</header>
<div class="ssrcss-banner" data-component="consent-banner" id="consent-banner"><p>{L(a,'Vi och våra partner använder teknik som kakor.','Let us know you agree to cookies. We use cookies to give you the best online experience.')}</p><button>{L(a,'Ja','Yes, I agree')}</button></div>
<div class="ssrcss-pv1rh6-ArticleWrapper"><div class="ssrcss-1ocoo3l-Wrap">
<main id="main-content" data-testid="main-content" class="ssrcss-main"><article class="ssrcss-pv1rh6">
<header data-component="headline-block" class="ssrcss-headline"><h1 id="main-heading" class="ssrcss-15xko80-StyledHeading">{E(a['headline'])}</h1></header>
<div data-component="byline-block" class="ssrcss-byline"><time datetime="{a['date']}T08:00:00.000Z">{a['date']}</time><div class="ssrcss-contributor"><span>By {E(a['author'])}</span><span>{L(a,'Reporter','Local Democracy Reporter')}</span></div></div>
<div data-component="image-block"><figure class="ssrcss-figure"><img src="https://ichef.example/{a['id']}.jpg" alt=""><figcaption class="ssrcss-caption">{E(a['caption'])}</figcaption></figure></div>
<div data-component="text-block" class="ssrcss-uf6wea-RichTextComponentWrapper"><div class="ssrcss-7uxr49-RichTextContainer"><p class="ssrcss-1q0x1qg-Paragraph"><b class="ssrcss-hmf8ql-BoldText">{E(a['lead'])}</b></p></div></div>
{chr(10).join(blocks)}
<div data-component="links-block" class="ssrcss-links"><h2>{L(a,'Läs också','Related')}</h2><ul>{rel}</ul></div>
<div data-component="topic-list" class="ssrcss-topic-list"><h2>{L(a,'Fler ämnen','More on this story')}</h2><ul role="list" class="ssrcss-tags"><li><a href="/t1">{E(a['section'])}</a></li><li><a href="/t2">{L(a,'Lokalt','Local government')}</a></li></ul></div>
</article>
<section data-component="most-read" class="ssrcss-most-read"><h2>{L(a,'Mest läst','Most read')}</h2><ol><li><a href="#">{L(a,'Stormen drabbade kusten','Storm causes damage along coast')}</a></li><li><a href="#">{L(a,'Nytt köpcentrum öppnar','New shopping centre opens')}</a></li></ol></section>
</main></div></div>
{footer(a)}</div></body></html>
"""


def guardian(a):
    t = "world"
    blocks = []
    for i, (kind, text) in enumerate(a["body"]):
        if kind == "h":
            blocks.append(f"<h2 id=\"h{i}\">{E(text)}</h2>")
        elif kind == "q":
            blocks.append(f"<blockquote class=\"dcr-quote\"><p>{E(text)}</p></blockquote>")
        else:
            blocks.append(f"<p class=\"dcr-s3ycb2\">{E(text)}</p>")
        if i == 1 and a["related"]:
            blocks.append(f"<aside data-gu-name=\"rich-link\" class=\"dcr-rich-link\"><p>{L(a,'Läs också','Related')}: <a href=\"/r/0\">{E(a['related'][0])}</a></p></aside>")
    return f"""<!doctype html>
<html lang="{L(a,'sv','en')}"><head><meta charset="utf-8"><title>{E(a['headline'])} | {E(a['section'])} | {site(a)}</title>
<meta name="description" content="{E(a['lead'])}"><link rel="canonical" href="{url(a, t)}">
<meta property="og:title" content="{E(a['headline'])}"><meta name="author" content="{E(a['author'])}">
<meta property="article:published_time" content="{a['date']}T07:30:00.000Z"><meta property="article:section" content="{E(a['section'])}">
<meta property="article:tag" content="{E(a['section'])}"><meta property="article:tag" content="{L(a,'Samhälle','UK news')}"></head>
<body><div id="bannerandheader"><header data-component="header"><a href="/">{site(a)}</a>{nav(a)}<a href="/support" class="dcr-support">{L(a,'Stöd oss','Support us')}</a></header></div>
<main data-layout="StandardLayout"><div class="dcr-article-grid">
<div data-gu-name="headline"><h1 class="dcr-headline">{E(a['headline'])}</h1></div>
<div data-gu-name="standfirst" class="dcr-standfirst"><p>{E(a['lead'])}</p></div>
<div data-gu-name="media"><figure class="dcr-figure"><picture><img src="https://i.example/{a['id']}.jpg" alt=""></picture><figcaption>{E(a['caption'])}</figcaption></figure></div>
<div data-gu-name="meta" class="dcr-meta"><address aria-label="Contributor info"><a rel="author" href="/profile/x">{E(a['author'])}</a></address><div class="dcr-date">{a['date']} 07.30 GMT</div></div>
<div data-gu-name="body"><div id="maincontent" class="article-body-commercial-selector article-body-viewer-selector dcr-body">
{chr(10).join(blocks)}
</div>
<div class="submeta"><a href="/t/1">{E(a['section'])}</a></div>
<div class="dcr-share"><a href="#">{L(a,'Dela','Share')}</a></div></div>
</div>
<div id="newsletter-signup" class="dcr-newsletter"><p>{L(a,'Prenumerera på vårt nyhetsbrev','Sign up to First Edition, our free daily newsletter, every weekday morning')}</p><form><input type="email"></form></div>
<section data-component="onwards-content" class="dcr-onwards">{teasers(a, "dcr-more")}</section>
<section id="comments" data-component="comments"><h2>{L(a,'Kommentarer','Comments')} (112)</h2><div class="dcr-comment"><p>{L(a,'Det här borde ha gjorts för länge sedan.','This should have been done years ago, frankly.')}</p></div></section>
</main>{footer(a)}</body></html>
"""


def local_old(a):
    """A 2000s local news site: tables, cp1252, text as <br><br> runs in one div, bold subheadings."""
    t = "artikel"
    parts = []
    for kind, text in a["body"]:
        if kind == "h":
            parts.append(f"<b>{E(text)}</b><br>")
        else:
            parts.append(f"{E(text)}<br><br>")
    rel = "<br>".join(f"<a href=\"/a/{i}\">{E(x)}</a>" for i, x in enumerate(a["related"]))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{site(a)} - {E(a['headline'])}</title><meta name="keywords" content="{E(a['section'])}, nyheter, {site(a)}"></head>
<body bgcolor="#ffffff"><table width="980" cellpadding="0" cellspacing="0"><tr><td colspan="2" class="top"><img src="/gfx/logo.gif" alt="{site(a)}"><br>
<a href="/">Start</a> | <a href="/nyheter">Nyheter</a> | <a href="/sport">Sport</a> | <a href="/noje">Nöje</a> | <a href="/familj">Familj</a></td></tr>
<tr><td valign="top" width="660"><div id="artikel"><span class="datum">{L(a,'Publicerad','Published')} {a['date']} 08:00</span>
<h1>{E(a['headline'])}</h1>
<div class="ingress"><b>{E(a['lead'])}</b></div>
<div class="bild"><img src="/bilder/{a['id']}.jpg" width="640"><br><i class="bildtext">{E(a['caption'])}</i></div>
<div class="brodtext">
{chr(10).join(parts)}
<b>{L(a,'Läs mer','Read more')}:</b><br>{rel}<br><br>
<span class="av">Text: {E(a['author'])}</span></div>
<div class="tipsa"><a href="/tipsa">{L(a,'Tipsa en vän','Tell a friend')}</a> | <a href="/skrivut">{L(a,'Skriv ut','Print')}</a></div></div></td>
<td valign="top" width="320" class="hoger"><div class="annons"><img src="/annons/bil.gif"><br>ANNONS</div>
<div class="mestlast"><b>{L(a,'Mest läst','Most read')}</b><br><a href="#">{L(a,'Bilbrand i natt','Car fire overnight')}</a><br><a href="#">{L(a,'Ny pizzeria på torget','New pizzeria opens')}</a></div></td></tr>
<tr><td colspan="2" class="botten">{site(a)} | Box 123 | {L(a,'Ansvarig utgivare','Editor')}: Per Persson</td></tr></table></body></html>
"""


def local_modern(a):
    """A current local news site: microdata, itemprop=articleBody, dash quotes, bold paragraph subheadings, paywall teaser."""
    t = "nyheter"
    parts = []
    for kind, text in a["body"]:
        if kind == "h":
            parts.append(f"<p><strong>{E(text)}</strong></p>")
        elif kind == "q":
            parts.append(f"<blockquote>{E(text)}</blockquote>")
        else:
            parts.append(f"<p>{E(text)}</p>")
    mid = len(parts) // 2
    rel = "".join(f"<li><a href=\"/r/{i}\">{E(x)}</a></li>" for i, x in enumerate(a["related"]))
    parts.insert(mid, f"<div class=\"article-ad ad-slot\"><span>{L(a,'Annons','Advertisement')}</span><div id=\"ad-panorama-2\"></div></div>")
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}"><head><meta charset="utf-8"><title>{E(a['headline'])}</title>
<meta property="og:title" content="{E(a['headline'])}"><meta property="og:url" content="{url(a, t)}"><meta property="og:site_name" content="{L(a,'Lokaltidningen','The Local Post')}">
<meta name="viewport" content="width=device-width"></head>
<body><div class="page">
<div class="top-bar"><a href="/">{L(a,'Lokaltidningen','The Local Post')}</a><a href="/login" class="login">{L(a,'Logga in','Log in')}</a><a href="/prenumerera" class="subscribe-button">{L(a,'Prenumerera','Subscribe')}</a></div>
{nav(a)}
<div class="content-wrapper"><article class="article" itemscope itemtype="https://schema.org/NewsArticle">
<meta itemprop="datePublished" content="{a['date']}">
<span class="article__section">{E(a['section'])}</span>
<h1 class="article__headline" itemprop="headline">{E(a['headline'])}</h1>
<div class="article__byline"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{E(a['author'])}</span></span> <time datetime="{a['date']}">{a['date']}</time></div>
<figure class="article__image"><img itemprop="image" src="https://{host(a)}/img/{a['id']}.jpg" alt=""><figcaption>{E(a['caption'])} {L(a,'Foto','Photo')}: {E(a['author'])}</figcaption></figure>
<p class="article__lead" itemprop="description">{E(a['lead'])}</p>
<div class="article__body" itemprop="articleBody">
{chr(10).join(parts)}
</div>
<div class="article__related"><h2>{L(a,'Läs också','Related')}</h2><ul>{rel}</ul></div>
<div class="article__share share-tools"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">{L(a,'Kopiera länk','Copy link')}</a></div>
</article>
<div class="paywall-teaser promo-box"><h3>{L(a,'Läs vidare för 1 krona','Read on for one pound')}</h3><p>{L(a,'Bli prenumerant och få tillgång till alla artiklar.','Subscribe and get unlimited access to every article.')}</p></div>
{teasers(a, "recommended-articles")}
</div>
<footer class="footer">{L(a,'Lokaltidningen AB','The Local Post Ltd')}</footer></div></body></html>
"""


def municipal(a):
    """A municipal site (Episerver/Optimizely-like): OpenGraph only, main, ingress class, share links, 'Relaterade sidor'."""
    t = "kommun"
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}"><head><meta charset="utf-8"><title>{E(a['headline'])} - {site(a)}</title>
{og(a, t)}<meta name="author" content="{E(a['author'])}"></head>
<body>
<div class="cookie-notice" id="cookie-notice"><p>{L(a,'Den här webbplatsen använder kakor. Läs mer i vår kakpolicy.','This site uses cookies. Read our cookie policy.')}</p><button>OK</button></div>
<a href="#main" class="skip-to-content">{L(a,'Till huvudinnehåll','Skip to main content')}</a>
<header class="page-header"><div class="logo">{site(a)}</div>{nav(a)}<div class="search"><form role="search"><input type="search"></form></div></header>
<div class="breadcrumbs"><a href="/">{L(a,'Start','Home')}</a> / <a href="/nyheter">{L(a,'Nyheter','News')}</a></div>
<main id="main" class="main-content"><div class="container">
<div class="content-area"><h1>{E(a['headline'])}</h1>
<p class="ingress">{E(a['lead'])}</p>
<div class="main-image"><img src="/globalassets/{a['id']}.jpg" alt=""><p class="image-caption">{E(a['caption'])}</p></div>
<div class="editorial-content">
{body_html(a, h='<h3>{}</h3>')}
</div>
<div class="page-info"><p>{L(a,'Sidan uppdaterades','Page updated')}: {a['date']}</p></div>
{share(a)}
</div>
<aside class="content-sidebar"><div class="related-pages"><h2>{L(a,'Relaterade sidor','Related pages')}</h2><ul><li><a href="/a">{L(a,'Trafik och resor','Roads and travel')}</a></li><li><a href="/b">{L(a,'Bygga och bo','Housing')}</a></li></ul></div></aside>
</div></main>
{footer(a)}</body></html>
"""


TEMPLATES = {"wordpress": wordpress, "drupal": drupal, "sitevision": sitevision, "bbc": bbc,
             "guardian": guardian, "localold": local_old, "localmodern": local_modern, "municipal": municipal}

SV = ["sitevision", "localold", "localmodern", "municipal", "drupal", "wordpress"]
EN = ["bbc", "guardian", "wordpress", "drupal", "localmodern", "municipal", "localold"]


def main():
    os.makedirs(os.path.join(HERE, "pages"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    count = 0
    for i, a in enumerate(ARTICLES):
        names = SV if a["lang"] == "sv" else EN
        for k in range(2):
            tpl = names[(i + k * 3) % len(names)]
            page = TEMPLATES[tpl](a)
            name = f"{tpl}-{a['id']}"
            enc = "cp1252" if tpl == "localold" else "utf-8"
            with open(os.path.join(HERE, "pages", name + ".html"), "w", encoding=enc, newline="\n") as f:
                f.write(page)
            gold = [a["lead"]] + [text for _, text in a["body"]]
            with open(os.path.join(HERE, "gold", name + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(gold) + "\n")
            count += 1
    print(f"{count} pages")


if __name__ == "__main__":
    main()
