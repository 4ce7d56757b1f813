"""Invented people and real-looking outlets, agencies and journals (names only)."""

FIRST = """Aino Bjørn Camille Dariusz Elif Farida Gustavo Hanne Ines Jarrah Kaveh
Leilani Mateus Nadia Oskar Priya Quentin Rasmus Saule Tomasz Ulla Valentina Wen
Ximena Yusuf Zofia Anders Beatriz Cormac Dmitri Esther Fumiko Gaspard Helga Imran
Jorunn Kwame Liesl Marit Niamh Olumide Pilar Rustam Sigrid Tariq Uzma Vilja Wiktor
Yerlan Zainab Alessia Benedikt Chiara Dilnoza Emeka Frieda Gulnara Hamid Isolde
Joaquim Katarzyna Lorcan Mehmet Noor Orla Pieter Rania Sebastián Thandiwe Viktor
Wanjiru Xavier Yasmin Aleksander Birgitta Caio Delphine Eun-ji Florin Greta Hugo
Ivana Jonas Kiri Lucia Mirela Nikolai Ottilie Paulo Ragnhild Soren Teodora""".split()

LAST = """Aaltonen Bergqvist Castellanos Duarte Eriksen Fonseca Grabowski Haddad
Iversen Jaramillo Kowalczyk Lindqvist Mahlangu Nakamura Okonkwo Pellegrini Quist
Rautio Sandoval Takahashi Urquhart Vasquez Wójcik Xu Yilmaz Zhakupova Achterberg
Brennan Chaudhry Delacroix Engström Fairbairn Gallagher Holmberg Ibragimova Jansen
Karlsson Lemaire Mbeki Nordahl Ortega Pires Ravensberg Solberg Tanaka Uribe Vogel
Whitcombe Yamada Zubkova Abernathy Bakirov Cardoso Dhillon Eklund Ferreira Gunnarsson
Hollis Ismoilov Jovanović Kapoor Lindahl Moreau Novak Østby Petrenko Quraishi
Rahimov Schaefer Tokayeva Ulrich Valkonen Wainwright Yusupova Zeller Adeyemi
Baranowski Costa Draper Espinoza Fitzgerald Gorski Hartmann Ilves Juneja Kruger""".split()

CITIES_PRESS = [
    ("Cambridge", "Cambridge University Press"), ("Oxford", "Oxford University Press"),
    ("New York", "Columbia University Press"), ("Washington, DC", "Brookings Institution Press"),
    ("London", "Routledge"), ("Ithaca, NY", "Cornell University Press"),
    ("Stanford, CA", "Stanford University Press"), ("Cham", "Palgrave Macmillan"),
    ("Princeton, NJ", "Princeton University Press"), ("London", "Hurst"),
    ("Manchester", "Manchester University Press"), ("Abingdon", "Routledge"),
]

JOURNALS = [
    # name, doi prefix pattern key
    ("International Affairs", "ia"), ("Survival", "tandf_surv"),
    ("Energy Policy", "enpol"), ("Central Asian Survey", "tandf_cas"),
    ("Journal of Common Market Studies", "wiley_jcms"), ("Marine Policy", "marpol"),
    ("Security Dialogue", "sage_sdi"), ("Review of International Political Economy", "tandf_ripe"),
    ("Global Environmental Politics", "mit_glep"), ("Water International", "tandf_rwin"),
    ("The Washington Quarterly", "tandf_twq"), ("Polar Record", "cup_pol"),
    ("International Security", "mit_isec"), ("Energy Research & Social Science", "erss"),
    ("Contemporary Security Policy", "tandf_fcsp"), ("Journal of Strategic Studies", "tandf_fjss"),
]

NEWS = ["Reuters", "Financial Times", "The New York Times", "The Guardian",
        "Bloomberg", "Politico Europe", "Associated Press", "Le Monde",
        "Al Jazeera", "BBC News", "The Wall Street Journal", "Nikkei Asia",
        "South China Morning Post", "The Economist", "Deutsche Welle",
        "The Washington Post", "Lloyd’s List", "TradeWinds", "High North News",
        "The Diplomat", "Eurasianet", "RFE/RL", "Folha de S.Paulo", "Mongabay",
        "The Hindu", "Mint", "Devex", "ABC News (Australia)", "RNZ", "Kyiv Independent"]

THINK_TANKS = ["Center for Strategic and International Studies", "Carnegie Endowment for International Peace",
               "Brookings Institution", "Chatham House", "International Institute for Strategic Studies",
               "RAND Corporation", "European Council on Foreign Relations",
               "Stiftung Wissenschaft und Politik", "Stockholm International Peace Research Institute",
               "International Crisis Group", "Bruegel", "Peterson Institute for International Economics",
               "Council on Foreign Relations", "Norwegian Institute of International Affairs",
               "Finnish Institute of International Affairs", "Oxford Institute for Energy Studies",
               "Lowy Institute", "Observer Research Foundation", "Center for Security and Emerging Technology",
               "Royal United Services Institute"]

TT_SHORT = {"Center for Strategic and International Studies": "CSIS",
            "Carnegie Endowment for International Peace": "Carnegie Endowment",
            "International Institute for Strategic Studies": "IISS",
            "European Council on Foreign Relations": "ECFR",
            "Stiftung Wissenschaft und Politik": "SWP",
            "Stockholm International Peace Research Institute": "SIPRI",
            "Peterson Institute for International Economics": "PIIE",
            "Norwegian Institute of International Affairs": "NUPI",
            "Finnish Institute of International Affairs": "FIIA",
            "Oxford Institute for Energy Studies": "OIES",
            "Center for Security and Emerging Technology": "CSET",
            "Royal United Services Institute": "RUSI"}

REPORT_SERIES = ["Policy Brief", "Research Paper", "Briefing Paper", "Working Paper",
                 "Analysis", "Report", "Commentary", "Issue Brief"]

INTERVIEW_ROLES = [
    "a senior official at the ministry of foreign affairs", "a diplomat based in the region",
    "two industry representatives", "a former government adviser",
    "an official of the European External Action Service", "a shipping insurance broker",
    "a regional analyst who asked not to be named", "a member of parliament",
    "an executive at a state-owned company", "a researcher at a local university",
    "a retired naval officer", "a trade negotiator", "an environmental campaigner",
]


def MONTHS_IEEE(d):
    from .util import MON3
    return f"{MON3[d[1]-1]} {d[0]}"
