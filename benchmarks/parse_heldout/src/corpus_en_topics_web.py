"""English topic banks for the four scraped web pages (.md and .txt).

A bank's keys are described in corpus_en.py.
"""

WEB_TOPICS = {
    "lithium": dict(
        X=[
            "lithium brine extraction",
            "direct lithium extraction",
            "state lithium companies",
            "royalty regimes",
            "water rights in salt flats",
            "lithium nationalization",
        ],
        Y=[
            "resource nationalism",
            "indigenous rights",
            "the energy transition",
            "foreign investment",
        ],
        A=["Santiago", "La Paz", "Buenos Aires", "Codelco", "YLB", "SQM", "Beijing"],
        P=["the Atacama salt flat", "the Uyuni salt flat", "Jujuy", "Catamarca", "Potosí", "Salta"],
        M=["lithium output", "royalty revenue", "water consumption", "export earnings"],
        heads=["Introduction", "Chile", "Bolivia", "Argentina", "The Chinese Role", "Conclusion"],
    ),
    "food": dict(
        X=[
            "food price inflation",
            "cash transfer programs",
            "public distribution systems",
            "wheat export bans",
            "fertilizer subsidies",
            "school meal schemes",
        ],
        Y=["social protection", "fiscal policy", "poverty reduction", "macroeconomic stability"],
        A=["New Delhi", "Islamabad", "Dhaka", "Colombo", "Kathmandu", "the Asian Development Bank"],
        P=["Sri Lanka", "Pakistan", "Bangladesh", "Nepal", "Bihar", "Sindh"],
        M=["food inflation", "caloric intake", "transfer coverage", "household debt"],
        heads=[
            "Overview",
            "The Price Shock",
            "How Safety Nets Responded",
            "Fiscal Constraints",
            "What Comes Next",
        ],
    ),
    "cables": dict(
        X=[
            "submarine cable networks",
            "cable landing stations",
            "cable repair capacity",
            "data center interconnection",
            "cable permitting regimes",
            "hyperscaler-owned cables",
        ],
        Y=[
            "digital security",
            "great-power competition",
            "critical infrastructure protection",
            "internet governance",
        ],
        A=["Washington", "Beijing", "HMN Technologies", "Google", "the Quad", "Brussels", "Taipei"],
        P=[
            "the Red Sea",
            "the Luzon Strait",
            "the Baltic Sea",
            "the Matsu Islands",
            "Djibouti",
            "Guam",
        ],
        M=["cable faults", "repair times", "landing capacity", "bandwidth demand"],
        heads=[
            "Introduction",
            "A Vulnerable Backbone",
            "Competition over Construction",
            "Sabotage and Accidents",
            "Policy Options",
        ],
    ),
    "ports": dict(
        X=[
            "port automation",
            "automated container terminals",
            "dockworker employment",
            "remote-controlled cranes",
            "the Yangshan deep-water port",
            "terminal operating systems",
        ],
        Y=[
            "labor relations",
            "productivity growth",
            "industrial upgrading",
            "logistics competition",
        ],
        A=[
            "Shanghai International Port Group",
            "the Ministry of Transport",
            "COSCO Shipping",
            "the Shanghai municipal government",
            "Ningbo-Zhoushan port",
            "Zhenhua Heavy Industries",
        ],
        P=[
            "the Shanghai region",
            "Yangshan",
            "Ningbo",
            "Qingdao",
            "Tianjin",
            "the Yangtze River Delta",
        ],
        M=[
            "container throughput",
            "crane moves per hour",
            "dockworker headcount",
            "berth productivity",
        ],
        heads=[
            "Summary",
            "The Yangshan Model",
            "Productivity",
            "Labor",
            "Security Concerns",
            "Conclusions",
        ],
    ),
}
