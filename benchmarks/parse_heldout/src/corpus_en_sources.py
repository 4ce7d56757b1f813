"""English content banks: who is cited and where.

Month names, personal names, news outlets, think tanks, journals, presses and
government agencies with the shapes of their URLs and report numbers, and the
roles of interviewees.  Everything is invented for the benchmark: people,
titles and report numbers are fictitious; outlet names and URL shapes imitate
real publishers so that citations look like the ones in real policy reports.
"""

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MON3 = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

FIRST = """James Maria Wei Aisha Daniel Olga Rahul Sophie Kenji Fatima Thomas Elena Tomasz
Ngozi Pablo Ingrid Hiroshi Leila Samuel Anna Dmitri Chiara Yusuf Hannah Marcus Priya Jonathan
Mei Lukas Amara Gabriel Nadia Oliver Yuki Kwame Rebecca Andrés Svetlana Michael Zhang Laura
Benjamin Aditi Felix Camille Ibrahim Sarah Mateo Keiko Patrick Lindiwe Erik Isabel Ravi Claire
Matthew Jin Alessandro Deborah Hamza Katarzyna Victor Emily Tariq Julia Nicholas Min-jun Rosa
David Ayesha Stefan Grace Omar Helen Sebastián Marta Kofi Natalie Arjun Eleanor Jae-won""".split()

LAST = """Anderson Chen Okonkwo Müller Tanaka Haddad Kowalski Fernández Nakamura Petrov Singh
Dubois Rossi Lindqvist Mensah Kaplan O'Neill Ibrahim Schmidt Gupta Morales Hoffmann Sato Novak
Brennan Zhou Adeyemi Lefebvre Castillo Yamamoto Barros Whitfield Kumar Lambert Osei Park Garcia
Richter Moreau Hassan Eriksson Bianchi Kim Mahmoud Carver Delgado Iyer Lin Fischer Vandenberg
Patel Goldstein Ramírez Jovanović Achterberg Huang Clarke Nowak Mukherjee Santos Bauer Liang
Ferreira Ahmed Kristensen Obi Marchetti Wójcik Harrington Chowdhury Vasquez Sørensen Lee""".split()

NEWS = [  # name, url shape
    ("Reuters", "https://www.reuters.com/{section}/{slug}-{y}-{m:02d}-{d:02d}/"),
    ("Financial Times", "https://www.ft.com/content/{uuid}"),
    ("Bloomberg", "https://www.bloomberg.com/news/articles/{y}-{m:02d}-{d:02d}/{slug}"),
    ("The New York Times", "https://www.nytimes.com/{y}/{m:02d}/{d:02d}/{section}/{slug}.html"),
    ("Nikkei Asia", "https://asia.nikkei.com/{Section}/{Slug}"),
    ("South China Morning Post", "https://www.scmp.com/news/{section}/article/{n7}/{slug}"),
    ("The Economist", "https://www.economist.com/{section}/{y}/{m:02d}/{d:02d}/{slug}"),
    ("Politico Europe", "https://www.politico.eu/article/{slug}/"),
    ("The Wall Street Journal", "https://www.wsj.com/articles/{slug}-{hex8}"),
    ("The Guardian", "https://www.theguardian.com/{section}/{y}/{mon}/{d:02d}/{slug}"),
    ("Deutsche Welle", "https://www.dw.com/en/{slug}/a-{n8}"),
    ("Associated Press", "https://apnews.com/article/{slug}-{hex32}"),
    ("Al Jazeera", "https://www.aljazeera.com/news/{y}/{m}/{d}/{slug}"),
    ("Caixin Global", "https://www.caixinglobal.com/{y}-{m:02d}-{d:02d}/{slug}-{n9}.html"),
    (
        "Le Monde",
        "https://www.lemonde.fr/en/{section}/article/{y}/{m:02d}/{d:02d}/{slug}_{n7}_{n2}.html",
    ),
    ("The Diplomat", "https://thediplomat.com/{y}/{m:02d}/{slug}/"),
    ("Foreign Policy", "https://foreignpolicy.com/{y}/{m:02d}/{d:02d}/{slug}/"),
    ("Euractiv", "https://www.euractiv.com/section/{section}/news/{slug}/"),
]

THINK = [  # name, city, url shape
    (
        "Center for Strategic and International Studies",
        "Washington, DC",
        "https://www.csis.org/analysis/{slug}",
    ),
    ("Brookings Institution", "Washington, DC", "https://www.brookings.edu/articles/{slug}/"),
    (
        "Carnegie Endowment for International Peace",
        "Washington, DC",
        "https://carnegieendowment.org/research/{y}/{m:02d}/{slug}?lang=en",
    ),
    ("Chatham House", "London", "https://www.chathamhouse.org/{y}/{m:02d}/{slug}"),
    (
        "RAND Corporation",
        "Santa Monica, CA",
        "https://www.rand.org/pubs/research_reports/RRA{n4}-{n1}.html",
    ),
    (
        "International Institute for Strategic Studies",
        "London",
        "https://www.iiss.org/online-analysis/online-analysis/{y}/{m:02d}/{slug}/",
    ),
    ("Bruegel", "Brussels", "https://www.bruegel.org/policy-brief/{slug}"),
    ("European Council on Foreign Relations", "Berlin", "https://ecfr.eu/publication/{slug}/"),
    ("Lowy Institute", "Sydney", "https://www.lowyinstitute.org/the-interpreter/{slug}"),
    (
        "Peterson Institute for International Economics",
        "Washington, DC",
        "https://www.piie.com/publications/policy-briefs/{y}/{slug}",
    ),
    ("Council on Foreign Relations", "New York", "https://www.cfr.org/backgrounder/{slug}"),
    (
        "Atlantic Council",
        "Washington, DC",
        "https://www.atlanticcouncil.org/in-depth-research-reports/report/{slug}/",
    ),
    (
        "Oxford Institute for Energy Studies",
        "Oxford",
        "https://www.oxfordenergy.org/wpcms/wp-content/uploads/{y}/{m:02d}/{Slug}-{code}.pdf",
    ),
    ("International Energy Agency", "Paris", "https://www.iea.org/reports/{slug}"),
    (
        "World Bank",
        "Washington, DC",
        "https://documents1.worldbank.org/curated/en/{n18}/pdf/{Slug}.pdf",
    ),
    (
        "International Monetary Fund",
        "Washington, DC",
        "https://www.imf.org/en/Publications/WP/Issues/{y}/{m:02d}/{d:02d}/{Slug}-{n6}",
    ),
    ("OECD", "Paris", "https://www.oecd-ilibrary.org/economics/{slug}_{hex8}-en"),
    ("Mercator Institute for China Studies", "Berlin", "https://merics.org/en/report/{slug}"),
    (
        "Stockholm International Peace Research Institute",
        "Stockholm",
        "https://www.sipri.org/publications/{y}/sipri-insights-peace-and-security/{slug}",
    ),
    (
        "Center for a New American Security",
        "Washington, DC",
        "https://www.cnas.org/publications/reports/{slug}",
    ),
]

JOURNALS = [  # name, doi prefix or None
    ("International Security", "10.1162/isec_a_"),
    ("Survival", "10.1080/00396338."),
    ("The China Quarterly", "10.1017/S0305741"),
    ("Energy Policy", "10.1016/j.enpol."),
    ("Journal of Contemporary China", "10.1080/10670564."),
    ("Resources Policy", "10.1016/j.resourpol."),
    ("World Development", "10.1016/j.worlddev."),
    ("Review of International Political Economy", "10.1080/09692290."),
    ("Asian Survey", None),
    ("Global Environmental Change", "10.1016/j.gloenvcha."),
    ("Security Studies", "10.1080/09636412."),
    ("Journal of Common Market Studies", "10.1111/jcms."),
    ("International Affairs", "10.1093/ia/iiad"),
    ("Foreign Affairs", None),
    ("The Washington Quarterly", "10.1080/0163660X."),
    ("Journal of Strategic Studies", "10.1080/01402390."),
    ("Third World Quarterly", "10.1080/01436597."),
    ("Ocean Development & International Law", "10.1080/00908320."),
]

PRESSES = [
    ("Cambridge", "Cambridge University Press"),
    ("New York", "Oxford University Press"),
    ("Princeton, NJ", "Princeton University Press"),
    ("New Haven, CT", "Yale University Press"),
    ("Washington, DC", "Brookings Institution Press"),
    ("New York", "Columbia University Press"),
    ("Cambridge", "Polity"),
    ("London", "Routledge"),
    ("Ithaca, NY", "Cornell University Press"),
    ("Stanford, CA", "Stanford University Press"),
    ("Chicago", "University of Chicago Press"),
    ("Cambridge, MA", "Harvard University Press"),
    ("London", "Hurst"),
    ("Basingstoke", "Palgrave Macmillan"),
]

GOV = [  # agency, url shape, report number shape
    (
        "U.S. Government Accountability Office",
        "https://www.gao.gov/assets/gao-{yy}-{n6}.pdf",
        "GAO-{yy}-{n6}",
    ),
    (
        "Congressional Research Service",
        "https://crsreports.congress.gov/product/pdf/R/R{n5}",
        "R{n5}",
    ),
    (
        "European Commission",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:5{y}DC0{n3}",
        "COM({y}) {n3} final",
    ),
    (
        "The White House",
        "https://www.whitehouse.gov/briefing-room/statements-releases/{y}/{m:02d}/{d:02d}/{slug}/",
        None,
    ),
    (
        "Federal Register",
        "https://www.federalregister.gov/documents/{y}/{m:02d}/{d:02d}/{y}-{n5}/{slug}",
        "{n2} FR {n5}",
    ),
    (
        "U.S. Department of Energy",
        "https://www.energy.gov/sites/default/files/{y}-{m:02d}/{Slug}.pdf",
        None,
    ),
    (
        "UK Department for Business and Trade",
        "https://assets.publishing.service.gov.uk/media/{hex24}/{slug}.pdf",
        None,
    ),
    (
        "European Parliamentary Research Service",
        "https://www.europarl.europa.eu/RegData/etudes/BRIE/{y}/{n6}/EPRS_BRI({y}){n6}_EN.pdf",
        "PE {n3}.{n3}",
    ),
    (
        "Australian Department of Industry, Science and Resources",
        "https://www.industry.gov.au/sites/default/files/{y}-{m:02d}/{slug}.pdf",
        None,
    ),
    (
        "Ministry of Economy, Trade and Industry (Japan)",
        "https://www.meti.go.jp/english/press/{y}/{m:02d}{d:02d}_00{n1}.html",
        None,
    ),
]

ROLES = [
    "senior official at the Ministry of Foreign Affairs",
    "former trade negotiator",
    "industry executive who requested anonymity",
    "member of the regional assembly",
    "port authority official",
    "European Commission official",
    "diplomat posted to the region",
    "researcher at a state-affiliated think tank",
    "logistics company manager",
    "civil society representative",
]
