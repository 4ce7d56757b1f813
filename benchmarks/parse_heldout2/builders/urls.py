"""URL shapes copied from real publishers (all paths invented)."""
from .util import slugify, MONTHS


def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _uuid(rng):
    return f"{_hex(rng, 8)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 12)}"


def news_url(rng, outlet, title, d):
    y, m, dd = d
    s = slugify(title, 14)
    mon = MONTHS[m - 1].lower()[:3]
    sec = rng.choice(["world", "business", "politics", "economy"])
    region = rng.choice(["europe", "asia-pacific", "middle-east", "africa", "americas"])
    table = {
        "Reuters": f"https://www.reuters.com/{sec}/{region}/{s}-{y}-{m:02d}-{dd:02d}/",
        "Financial Times": f"https://www.ft.com/content/{_uuid(rng)}",
        "The New York Times": f"https://www.nytimes.com/{y}/{m:02d}/{dd:02d}/world/{region.split('-')[0]}/{slugify(title, 8)}.html",
        "The Guardian": f"https://www.theguardian.com/{sec}/{y}/{mon}/{dd:02d}/{s}",
        "Bloomberg": f"https://www.bloomberg.com/news/articles/{y}-{m:02d}-{dd:02d}/{s}",
        "Politico Europe": f"https://www.politico.eu/article/{s}/",
        "Associated Press": f"https://apnews.com/article/{slugify(title, 7)}-{_hex(rng, 32)}",
        "Le Monde": f"https://www.lemonde.fr/en/international/article/{y}/{m:02d}/{dd:02d}/{slugify(title, 9)}_{rng.randint(6000000, 6099999)}_4.html",
        "Al Jazeera": f"https://www.aljazeera.com/news/{y}/{m}/{dd}/{s}",
        "BBC News": f"https://www.bbc.com/news/world-{region}-{rng.randint(64000000, 68999999)}",
        "The Wall Street Journal": f"https://www.wsj.com/articles/{slugify(title, 10)}-{_hex(rng, 8)}",
        "Nikkei Asia": "https://asia.nikkei.com/Politics/International-relations/" + "-".join(w.capitalize() for w in slugify(title, 9).split("-")),
        "South China Morning Post": f"https://www.scmp.com/news/china/diplomacy/article/{rng.randint(3200000, 3259999)}/{slugify(title, 10)}",
        "The Economist": f"https://www.economist.com/{rng.choice(['europe', 'asia', 'finance-and-economics', 'international'])}/{y}/{m:02d}/{dd:02d}/{slugify(title, 8)}",
        "Deutsche Welle": f"https://www.dw.com/en/{slugify(title, 9)}/a-{rng.randint(64000000, 68999999)}",
        "The Washington Post": f"https://www.washingtonpost.com/world/{y}/{m:02d}/{dd:02d}/{slugify(title, 9)}/",
        "Lloyd’s List": f"https://www.lloydslist.com/LL{rng.randint(1140000, 1149999)}/{'-'.join(w.capitalize() for w in slugify(title, 9).split('-'))}",
        "TradeWinds": f"https://www.tradewindsnews.com/tankers/{slugify(title, 10)}/2-1-{rng.randint(1400000, 1599999)}",
        "High North News": f"https://www.highnorthnews.com/en/{s}",
        "The Diplomat": f"https://thediplomat.com/{y}/{m:02d}/{slugify(title, 10)}/",
        "Eurasianet": f"https://eurasianet.org/{slugify(title, 10)}",
        "RFE/RL": f"https://www.rferl.org/a/{slugify(title, 8)}/{rng.randint(32100000, 32999999)}.html",
        "Folha de S.Paulo": f"https://www1.folha.uol.com.br/internacional/en/business/{y}/{m:02d}/{slugify(title, 10)}.shtml",
        "Mongabay": f"https://news.mongabay.com/{y}/{m:02d}/{slugify(title, 11)}/",
        "The Hindu": f"https://www.thehindu.com/business/Economy/{slugify(title, 10)}/article{rng.randint(66000000, 67999999)}.ece",
        "Mint": f"https://www.livemint.com/economy/{slugify(title, 10)}-{rng.randint(11600000000000, 11709999999999)}.html",
        "Devex": f"https://www.devex.com/news/{slugify(title, 9)}-{rng.randint(100000, 109999)}",
        "ABC News (Australia)": f"https://www.abc.net.au/news/{y}-{m:02d}-{dd:02d}/{slugify(title, 10)}/{rng.randint(102000000, 103999999)}",
        "RNZ": f"https://www.rnz.co.nz/international/pacific-news/{rng.randint(490000, 519999)}/{slugify(title, 9)}",
        "Kyiv Independent": f"https://kyivindependent.com/{slugify(title, 10)}/",
    }
    return table[outlet]


def tt_url(rng, tt, title, d, series):
    y, m, dd = d
    s = slugify(title, 10)
    rr = rng.randint(1000, 3999)
    table = {
        "Center for Strategic and International Studies": f"https://www.csis.org/analysis/{s}",
        "Carnegie Endowment for International Peace": f"https://carnegieendowment.org/research/{y}/{m:02d}/{s}?lang=en",
        "Brookings Institution": f"https://www.brookings.edu/articles/{s}/",
        "Chatham House": f"https://www.chathamhouse.org/{y}/{m:02d}/{s}",
        "International Institute for Strategic Studies": f"https://www.iiss.org/online-analysis/survival-online/{y}/{m:02d}/{s}/",
        "RAND Corporation": f"https://www.rand.org/content/dam/rand/pubs/research_reports/RRA{rr}/RRA{rr}-{rng.randint(1, 4)}/RAND_RRA{rr}-{rng.randint(1, 4)}.pdf",
        "European Council on Foreign Relations": f"https://ecfr.eu/publication/{s}/",
        "Stiftung Wissenschaft und Politik": f"https://www.swp-berlin.org/publications/products/research_papers/{y}RP{rng.randint(1, 19):02d}_{s.split('-')[0].capitalize()}.pdf",
        "Stockholm International Peace Research Institute": f"https://www.sipri.org/sites/default/files/{y}-{m:02d}/{s}.pdf",
        "International Crisis Group": f"https://www.crisisgroup.org/{rng.choice(['europe-central-asia', 'asia', 'africa', 'latin-america-caribbean'])}/{rng.randint(200, 340)}-{s}",
        "Bruegel": f"https://www.bruegel.org/policy-brief/{s}",
        "Peterson Institute for International Economics": f"https://www.piie.com/publications/policy-briefs/{y}/{s}",
        "Council on Foreign Relations": f"https://www.cfr.org/article/{s}",
        "Norwegian Institute of International Affairs": f"https://www.nupi.no/en/publications/cristin-pub/{s}",
        "Finnish Institute of International Affairs": f"https://www.fiia.fi/wp-content/uploads/{y}/{m:02d}/bp{rng.randint(340, 399)}_{slugify(title, 5).replace('-', '_')}.pdf",
        "Oxford Institute for Energy Studies": f"https://www.oxfordenergy.org/wpcms/wp-content/uploads/{y}/{m:02d}/{'-'.join(w.capitalize() for w in slugify(title, 7).split('-'))}-{rng.choice(['NG', 'ET', 'EL'])}{rng.randint(170, 199)}.pdf",
        "Lowy Institute": f"https://www.lowyinstitute.org/the-interpreter/{s}",
        "Observer Research Foundation": f"https://www.orfonline.org/research/{s}",
        "Center for Security and Emerging Technology": f"https://cset.georgetown.edu/wp-content/uploads/CSET-{'-'.join(w.capitalize() for w in slugify(title, 7).split('-'))}.pdf",
        "Royal United Services Institute": f"https://www.rusi.org/explore-our-research/publications/commentary/{s}",
    }
    return table[tt]


def doi(rng, key, y):
    n7 = rng.randint(2100000, 2299999)
    table = {
        "ia": f"10.1093/ia/iiad{rng.randint(100, 320):03d}",
        "tandf_surv": f"10.1080/00396338.{y}.{n7}",
        "enpol": f"10.1016/j.enpol.{y}.{rng.randint(113000, 114999)}",
        "tandf_cas": f"10.1080/02634937.{y}.{n7}",
        "wiley_jcms": f"10.1111/jcms.{rng.randint(13400, 13699)}",
        "marpol": f"10.1016/j.marpol.{y}.{rng.randint(105500, 106299)}",
        "sage_sdi": f"10.1177/0967010623{rng.randint(1100000, 1199999)}",
        "tandf_ripe": f"10.1080/09692290.{y}.{n7}",
        "mit_glep": f"10.1162/glep_a_00{rng.randint(700, 799)}",
        "tandf_rwin": f"10.1080/02508060.{y}.{n7}",
        "tandf_twq": f"10.1080/0163660X.{y}.{n7}",
        "cup_pol": f"10.1017/S00322474{rng.randint(23000000, 23999999)}",
        "mit_isec": f"10.1162/isec_a_00{rng.randint(450, 480)}",
        "erss": f"10.1016/j.erss.{y}.{rng.randint(103000, 103499)}",
        "tandf_fcsp": f"10.1080/13523260.{y}.{n7}",
        "tandf_fjss": f"10.1080/01402390.{y}.{n7}",
    }
    return table[key]


def archive_wrap(rng, url, d):
    y, m, dd = d
    return f"https://web.archive.org/web/{y}{m:02d}{dd:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}/{url}"
