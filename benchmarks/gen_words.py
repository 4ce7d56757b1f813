"""Word pools for the generated archive (benchmarks/generate.py): a think tank's beat.

Every word an article can contain comes from here or from the templates, so the synthetic
embedder's vocabulary table (benchmarks/synthetic.py) can cover the archive completely.
"""

from __future__ import annotations

COUNTRIES = """India|United States|Russia|China|Pakistan|Turkey|Iran|Iraq|Syria|Israel|Egypt|
Saudi Arabia|Qatar|United Arab Emirates|Japan|South Korea|North Korea|Indonesia|Vietnam|
Philippines|Malaysia|Thailand|Bangladesh|Sri Lanka|Afghanistan|Kazakhstan|Uzbekistan|
Azerbaijan|Armenia|Georgia|Ukraine|Poland|Germany|France|United Kingdom|Italy|Spain|Greece|
Hungary|Serbia|Brazil|Argentina|Mexico|Venezuela|Colombia|Nigeria|Ethiopia|Kenya|
South Africa|Algeria|Libya|Sudan|Australia|Canada|Norway|Finland|Sweden|Mongolia|Myanmar|
Nepal""".replace("\n", "").split("|")

CITIES = """New Delhi|Washington|Moscow|Beijing|Islamabad|Ankara|Tehran|Baghdad|Damascus|Cairo|
Riyadh|Doha|Abu Dhabi|Tokyo|Seoul|Jakarta|Hanoi|Manila|Kuala Lumpur|Bangkok|Dhaka|Colombo|
Kabul|Astana|Tashkent|Baku|Yerevan|Tbilisi|Kyiv|Warsaw|Berlin|Paris|London|Rome|Madrid|Athens|
Budapest|Belgrade|Brasilia|Buenos Aires|Mexico City|Caracas|Bogota|Abuja|Addis Ababa|Nairobi|
Pretoria|Algiers|Tripoli|Khartoum|Canberra|Ottawa|Oslo|Helsinki|Stockholm|Ulaanbaatar|
Naypyidaw|Kathmandu|Geneva|Vienna|Brussels|Tianjin|Samarkand|Davos|Munich|Singapore""".replace(
    "\n", ""
).split("|")

FIRST_NAMES = """Arjun|Maria|Ivan|Wei|Ayesha|Mehmet|Reza|Omar|Yusuf|Elena|Hiroshi|Min-jun|Siti|
Nguyen|Jose|Andrzej|Klaus|Claire|James|Giulia|Carlos|Nikos|Viktor|Lucia|Diego|Chinedu|Abebe|
Wanjiru|Thabo|Karim|Amira|Liam|Sofia|Lars|Aino|Erik|Bat-Erdene|Aung|Sita|Rahul|Olga|Li|Fatima|
Ahmet|Leila|Hassan|Yuki|Ji-woo|Budi|Tran|Ana|Piotr|Hans|Julien|Emily|Marco|Pablo|Dimitris|Zoltan|
Milan""".replace("\n", "").split("|")

LAST_NAMES = """Sharma|Petrova|Volkov|Zhang|Khan|Yilmaz|Moradi|Haddad|Aziz|Ivanova|Tanaka|Park|
Rahman|Van Thanh|Santos|Kowalski|Weber|Dubois|Harrison|Rossi|Mendoza|Papadopoulos|Orban|
Fernandez|Castillo|Okafor|Bekele|Mwangi|Nkosi|Benali|Mansour|Murphy|Lindqvist|Virtanen|Hansen|
Gantulga|Kyaw|Thapa|Gupta|Sokolova|Chen|Hussein|Demir|Karimi|Nasser|Suzuki|Kim|Santoso|Pham|
Costa|Nowak|Schmidt|Moreau|Clarke|Bianchi|Garcia|Georgiou|Horvath|Jovanovic|Tamer|Aksoy|Celik|
Kaya|Ozturk|Erdem|Sahin""".replace("\n", "").split("|")

ROLES = """President|Prime Minister|Foreign Minister|Defence Minister|Energy Minister|
Trade Minister|Finance Minister|National Security Adviser|Central Bank Governor|
Army Chief of Staff|Ambassador|Special Envoy""".replace("\n", "").split("|")

ORGS = """NATO|Shanghai Cooperation Organization|BRICS|ASEAN|European Union|
UN Security Council|International Monetary Fund|World Bank|OPEC|African Union|
Gulf Cooperation Council|G20|Organization of Turkic States|Quad|
Collective Security Treaty Organization|Arab League|World Trade Organization|
International Atomic Energy Agency|Eurasian Economic Union|Asian Development Bank""".replace(
    "\n", ""
).split("|")

_TOPIC_TEXT: dict[str, str] = {
    "energy": """oil imports|crude oil|natural gas|LNG terminals|pipeline|refinery capacity|
energy security|oil prices|gas supplies|nuclear power plant|renewable energy|electricity grid|
oil embargo|energy transition|coal exports|hydropower dam|fuel subsidies|strategic reserves""",
    "trade": """tariffs|free trade agreement|exports|imports|trade deficit|supply chains|
semiconductors|customs union|investment treaty|rare earth minerals|market access|
trade corridor|port concessions|currency swap|export controls|agricultural exports|steel quotas""",
    "defence": """missile defence|drone strikes|warships|joint military exercises|arms deal|
fighter jets|air defence systems|border clashes|naval base|military aid|ceasefire|
peacekeeping mission|defence budget|submarine fleet|ammunition production|troop deployment""",
    "diplomacy": """summit|state visit|bilateral talks|joint statement|strategic partnership|
mediation|peace talks|normalization|embassy|sanctions relief|diplomatic rapprochement|
foreign policy|strategic autonomy|multilateralism|non-alignment|confidence-building measures""",
    "economy": """inflation|debt restructuring|foreign reserves|currency crisis|growth forecast|
bailout package|interest rates|sovereign bonds|foreign direct investment|remittances|
infrastructure loans|credit rating|budget deficit|privatization programme|unemployment""",
    "security": """terrorism|counterterrorism operations|insurgency|cyber attacks|
intelligence sharing|border security|organized crime|extremist groups|refugee flows|
maritime security|piracy|hostage crisis|militant attacks|internal displacement|drug trafficking""",
    "technology": """artificial intelligence|5G networks|undersea cables|satellite launches|
space programme|data centres|chip factories|digital currency|cybersecurity cooperation|
critical technologies|quantum computing|electric vehicles|battery supply chain|telecom licences""",
    "climate": """climate finance|carbon emissions|drought|floods|water scarcity|
glacier melt|heatwaves|food security|wheat harvest|fertilizer shortages|desertification|
green hydrogen|climate adaptation|river basin dispute|irrigation projects""",
    "politics": """elections|coalition government|opposition parties|constitutional reform|
protests|parliamentary vote|referendum|political crisis|judicial reform|press freedom|
ruling party|early elections|cabinet reshuffle|presidential campaign|anti-corruption drive""",
}
TOPICS: dict[str, list[str]] = {k: v.replace("\n", "").split("|") for k, v in _TOPIC_TEXT.items()}

CONCEPTS = """strategic balance|balance of power|regional stability|economic interdependence|
great power competition|multipolar order|hedging strategy|security dilemma|
spheres of influence|regional integration|deterrence|energy diplomacy|connectivity projects|
win-win cooperation|zero-sum rivalry|strategic depth|soft power|economic coercion""".replace(
    "\n", ""
).split("|")

PUBLISHERS = {
    "BBC": "bbc.com/news",
    "Reuters": "reuters.com/world",
    "Al Jazeera": "aljazeera.com/news",
    "Times of India": "timesofindia.indiatimes.com/india",
    "Financial Times": "ft.com/content",
    "The Diplomat": "thediplomat.com",
    "Foreign Policy": "foreignpolicy.com",
    "Nikkei Asia": "asia.nikkei.com/politics",
    "TASS": "tass.com/politics",
    "Xinhua": "english.news.cn",
    "Anadolu Agency": "aa.com.tr/en",
    "Dawn": "dawn.com/news",
    "The Hindu": "thehindu.com/news",
    "Le Monde": "lemonde.fr/en",
    "Deutsche Welle": "dw.com/en",
    "Associated Press": "apnews.com/article",
    "The Guardian": "theguardian.com/world",
    "Carnegie Endowment": "carnegieendowment.org/research",
    "Chatham House": "chathamhouse.org/publications",
    "GMFUS": "gmfus.org/news",
    "Ministry of Foreign Affairs": "mfa.gov/press",
    "Kyodo News": "english.kyodonews.net/news",
}

CATEGORIES = ["Analysis", "Commentary", "Opinion", "Report", "Brief"]
MONTHS = """January|February|March|April|May|June|July|August|September|October|November|
December""".replace("\n", "").split("|")
SECTIONS = """Background|The Economic Dimension|Security Implications|Regional Reactions|
Domestic Politics|Outlook|The Energy Question|Diplomatic Calculations|Risks Ahead|
Conclusion""".replace("\n", "").split("|")
BIO_FIELDS = """International Relations|Political Science|Economics|Security Studies|
Middle Eastern Studies|Asia-Pacific Studies|Energy Policy|European Studies""".replace(
    "\n", ""
).split("|")
UNIVERSITIES = """Gazi University|Sakarya University|Ankara University|King's College London|
Jawaharlal Nehru University|Moscow State University|Peking University|Sciences Po|
Georgetown University|University of Tokyo|Seoul National University|
American University of Beirut""".replace("\n", "").split("|")
