"""Story data for the demo news site.

Every story here is invented for the newsetl project (fictional outlets, officials, analysts
and companies). Times are offsets from an anchor (``now`` floored to the hour), so the site
always looks fresh.

Fields of an article:
    id, outlet, section, headline, summary, dateline, authors, tags, hours_ago, body
    optional: modified_ago (hours), lang (default "en"), event (same real-world event covered by
    several outlets), body_from (id of a wire story republished verbatim), credit.
Headline-only items (``BRIEFS``) appear only in an outlet's feed or listing and link to an
existing article of the same outlet (``links_to``).
"""

OUTLETS = {
    "meridian": {
        "name": "Meridian Wire",
        "language": "en",
        "tz_hours": 0,
        "sections": ["world", "business", "science", "sport", "tech"],
    },
    "harbour": {
        "name": "Harbour Times",
        "language": "en",
        "tz_hours": 8,
        "sections": ["city", "world", "business", "science", "sport", "tech", "culture"],
    },
    "courier": {
        "name": "The Daily Courier",
        "language": "en",
        "tz_hours": 0,
        "sections": ["world", "uk", "business", "science", "sport", "tech"],
    },
}

ARTICLES = [
    # ------------------------------------------------------------------ Meridian Wire
    {
        "id": "m-asia-markets",
        "outlet": "meridian",
        "section": "business",
        "event": "asia-markets-us-data",
        "headline": "Asian shares edge higher ahead of US inflation data",
        "summary": "Most Asian markets rose as investors bet that US consumer price figures would clear the way for another Federal Reserve rate cut.",
        "dateline": "SINGAPORE",
        "authors": ["Lena Marsh"],
        "tags": ["markets", "stocks", "Federal Reserve", "Asia"],
        "hours_ago": 2,
        "modified_ago": 1,
        "body": """
Most Asian stock markets rose in early trade as investors positioned themselves ahead of US consumer price figures that are expected to show inflation cooling enough for the Federal Reserve to cut interest rates again next month.

Tokyo's Nikkei 225 added 0.6 percent, lifted by exporters as the yen weakened slightly against the dollar, while Seoul gained 0.4 percent and Sydney was up 0.3 percent. Hong Kong's Hang Seng was flat after a volatile session in which property developers swung between gains and losses. Shanghai slipped 0.2 percent.

Futures markets are pricing in a roughly 80 percent chance of a quarter-point cut at the Fed's next meeting, up from about 60 percent a week ago after a string of softer labour market readings.

"The market has talked itself into a cut, so the inflation number is now the main risk," said Priya Natarajan, a strategist at Halcyon Securities in Singapore. "Anything hotter than expected and we could see a sharp reversal in tech names."

Oil prices were little changed, with Brent crude hovering near $63 a barrel, while gold edged up 0.3 percent to sit just below its record high.
""",
    },
    {
        "id": "m-vietnam-floods",
        "outlet": "meridian",
        "section": "world",
        "event": "vietnam-floods",
        "headline": "Floods and landslides kill at least 14 in central Vietnam",
        "summary": "Days of torrential rain triggered floods and landslides across central Vietnam, forcing thousands from their homes.",
        "dateline": "HANOI",
        "authors": ["Nguyen Thu Ha"],
        "tags": ["Vietnam", "floods", "weather", "disaster"],
        "hours_ago": 7,
        "modified_ago": 4,
        "body": """
At least 14 people have died and nine are missing after days of torrential rain triggered floods and landslides across central Vietnam, disaster officials said.

Most of the deaths were in the mountainous districts of Quang Ngai and Quang Nam provinces, where hillsides collapsed onto homes and roads during the night. More than 30,000 houses were flooded and some 18,000 people had been moved to schools and government buildings on higher ground, the national disaster management agency said in a statement.

Television footage showed residents wading through waist-deep water in the old town of Hoi An, while soldiers used boats to deliver food and drinking water to villages cut off by the rising Thu Bon river.

"Rain is still falling and the soil is saturated, so the risk of further landslides remains very high," said Le Van Hoang, a deputy director at the provincial weather office. Forecasters expect another 200 to 400 millimetres of rain over the next two days.

Vietnam is regularly hit by storms and floods in the second half of the year, and scientists say the rains are becoming more intense as the climate warms.
""",
    },
    {
        "id": "m-eu-plastics",
        "outlet": "meridian",
        "section": "world",
        "event": "eu-plastic-sachets",
        "headline": "EU ministers agree to phase out single-use plastic sachets by 2030",
        "summary": "Restaurants and hotels will have to switch to refillable dispensers under a deal that still needs approval from the European Parliament.",
        "dateline": "BRUSSELS",
        "authors": ["Sophie Laurent", "Jan de Vries"],
        "tags": ["EU", "environment", "plastics", "packaging"],
        "hours_ago": 20,
        "body": """
European Union environment ministers agreed to phase out single-use plastic sachets for sauces, sugar and shampoo by 2030, as the bloc seeks to cut the amount of packaging waste that ends up in landfills and the sea.

The deal, reached after all-night talks in Brussels, still needs formal approval from the European Parliament, but officials said they expected it to pass without major changes.

Under the agreement, restaurants and hotels will have to switch to refillable dispensers or paper-based alternatives, while manufacturers will face new targets for recycled content in bottles and food containers.

"Every year Europeans throw away tens of billions of these little packets after a few seconds of use," said Karin Lindqvist, the environment minister who chaired part of the negotiations. "There are better solutions, and this gives industry the time to adopt them."

Packaging industry groups warned the rules would raise costs for small businesses, and some southern European countries secured an exemption for products sold in hospitals and care homes on hygiene grounds. Environmental campaigners welcomed the deal but said it did not go far enough.
""",
    },
    {
        "id": "m-marathon",
        "outlet": "meridian",
        "section": "sport",
        "event": "valencia-marathon-record",
        "headline": "Ethiopia's Worku breaks marathon world record in Valencia",
        "summary": "The 24-year-old ran 2:00:21, taking 14 seconds off the previous best in only his third marathon.",
        "dateline": "VALENCIA",
        "authors": ["Diego Serrano"],
        "tags": ["athletics", "marathon", "world record", "Ethiopia"],
        "hours_ago": 30,
        "body": """
Ethiopia's Kebede Worku broke the men's marathon world record in Valencia, crossing the line in two hours and 21 seconds on a cool, still morning that runners had predicted would be ideal for fast times.

The 24-year-old, running only his third marathon, pulled away from a group of four at the 35-kilometre mark and ran the final stretch alone along the city's seafront, lifting his arms as the clock stopped 14 seconds inside the previous best.

Kenya's Samuel Kiprono finished second in 2:01:48 and Uganda's Joshua Okello was third in 2:02:30, both personal bests.

"I felt strong from the start. The pacing was perfect and the crowds carried me in the last kilometres," Worku told reporters. "I dedicate this to my coach and to my village."

The record must still be ratified by the sport's governing body, a process that typically takes several weeks. In the women's race, Kenya's Naomi Cherono won in 2:15:02, the third-fastest time in history.
""",
    },
    {
        "id": "m-chip-plant",
        "outlet": "meridian",
        "section": "tech",
        "event": "tenrai-malaysia-plant",
        "headline": "Chipmaker Tenrai to build $3 billion packaging plant in Malaysia",
        "summary": "The Penang facility will assemble and test chips for artificial intelligence servers and employ about 4,000 people.",
        "dateline": "KUALA LUMPUR",
        "authors": ["Aisyah Rahman"],
        "tags": ["semiconductors", "Malaysia", "investment", "AI"],
        "hours_ago": 26,
        "body": """
Taiwan's Tenrai Semiconductor will build a $3 billion advanced chip packaging plant in Malaysia, the company said, in one of the largest foreign investments in the country's electronics industry in recent years.

The plant, in the northern state of Penang, will assemble and test high-performance chips used in artificial intelligence servers, a segment where demand has far outstripped supply. Construction is due to start next year, with production beginning in 2028 and employing about 4,000 people.

Malaysia already accounts for around 13 percent of global chip assembly, packaging and testing, and the government has set out plans to move the industry into higher-value work such as chip design.

"Penang has the engineering talent, the supplier base and the political stability we need," Tenrai chief executive Lin Wei-chen said at a signing ceremony. The company said it was also considering sites in Vietnam and India for future expansion.

Shares in Tenrai rose 6 percent in Taipei after the announcement.
""",
    },
    {
        "id": "m-wire-copper",
        "outlet": "meridian",
        "section": "business",
        "event": "chile-copper-strike",
        "headline": "Copper hits three-month high as Chile mine strike drags on",
        "summary": "A strike at one of Chile's largest copper mines entered its second week with no sign of a deal.",
        "dateline": "SANTIAGO",
        "authors": ["Pablo Fuentes"],
        "tags": ["commodities", "copper", "Chile", "mining"],
        "hours_ago": 14,
        "body": """
Copper prices rose to their highest level in three months as a strike at one of Chile's largest mines entered its second week with no sign of a deal between management and workers.

Benchmark three-month copper on the London Metal Exchange climbed 1.4 percent to $10,250 a tonne in afternoon trading, extending gains made after the union rejected the company's latest pay offer.

The Cerro Alto mine in the Atacama desert produces about 350,000 tonnes of copper a year, roughly 1.5 percent of global supply. Its owner said output had been cut to less than a third of normal levels, with supervisors keeping essential equipment running.

"The market was already tight, so any disruption in Chile gets amplified," said Helena Brandt, a metals analyst at Ostwald Commodities in Frankfurt. "Smelters in China have very little room to absorb a prolonged outage."

Union leaders are demanding a 7 percent wage increase and a larger share of profits, citing record earnings in the sector. The company has offered 4 percent and a one-off bonus.

Chile is the world's largest copper producer, accounting for about a quarter of global output.
""",
    },
    {
        "id": "m-wire-leopards",
        "outlet": "meridian",
        "section": "science",
        "event": "prague-snow-leopards",
        "headline": "Rare snow leopard cubs born at Prague zoo",
        "summary": "The two cubs are the first of the endangered big cats to be bred at the zoo in more than a decade.",
        "dateline": "PRAGUE",
        "authors": ["Tomas Novak"],
        "tags": ["wildlife", "zoos", "Czech Republic", "conservation"],
        "hours_ago": 40,
        "body": """
Two snow leopard cubs have been born at Prague Zoo, the first of the endangered big cats to be bred there in more than a decade, keepers said.

The cubs, a male and a female, were born to eight-year-old mother Irbis and have spent their first weeks hidden in a den inside their enclosure. Keepers have been watching them through a camera to avoid disturbing the family.

"The mother is very attentive and both cubs are gaining weight well," said curator Jana Vesela. "They have just opened their eyes and are starting to explore the den."

Fewer than 7,000 snow leopards are thought to remain in the wild across the mountains of Central and South Asia, where they are threatened by poaching, habitat loss and conflict with herders whose livestock they sometimes kill.

Zoos across Europe run a coordinated breeding programme for the species to maintain a genetically healthy population in captivity. The zoo said visitors would be able to see the cubs once they are about three months old.
""",
    },
    {
        "id": "m-germany-exports",
        "outlet": "meridian",
        "section": "business",
        "headline": "German exports fall for third month as Asian demand cools",
        "summary": "Shipments to China fell almost 8 percent, adding to signs that Europe's largest economy is struggling to regain momentum.",
        "dateline": "FRANKFURT",
        "authors": ["Katrin Vogel"],
        "tags": ["Germany", "trade", "economy", "China"],
        "hours_ago": 8,
        "body": """
German exports fell for a third consecutive month, official data showed, adding to signs that Europe's largest economy is struggling to regain momentum as demand from China and other Asian markets weakens.

Exports dropped 1.2 percent from the previous month in seasonally adjusted terms, the federal statistics office said, while economists had expected a small rise. Shipments to China fell almost 8 percent, while exports to the United States were broadly stable.

Imports rose 0.6 percent, narrowing the trade surplus to 14.8 billion euros.

"German industry is being squeezed from two sides: weaker demand abroad and much tougher competition from Chinese manufacturers, especially in cars and machinery," said Felix Amsel, an economist at Rheinland Bank. "There is no quick fix for that."

The government expects the economy to grow by just 0.2 percent this year, after two years of contraction, and has promised a programme of infrastructure investment to lift growth from next year.
""",
    },
    {
        "id": "m-kenya-solar",
        "outlet": "meridian",
        "section": "world",
        "headline": "Kenya opens East Africa's largest solar farm in arid north",
        "summary": "The 250-megawatt plant in Marsabit is meant to reduce reliance on hydropower during droughts.",
        "dateline": "NAIROBI",
        "authors": ["Grace Wanjiru", "Lena Marsh"],
        "tags": ["Kenya", "energy", "solar", "climate"],
        "hours_ago": 33,
        "body": """
Kenya switched on East Africa's largest solar power plant in the arid county of Marsabit, a project the government says will help reduce reliance on hydropower during increasingly frequent droughts.

The 250-megawatt plant, spread across more than 400 hectares of desert scrubland, was built by a consortium of Kenyan and European investors at a cost of about $280 million. It is linked to the national grid by a new high-voltage line running south to Isiolo.

Kenya already generates most of its electricity from renewable sources, chiefly geothermal and hydropower, but poor rains in recent years have forced the utility to fire up expensive diesel generators.

"Sun is the one resource the north has in abundance," energy ministry official Daniel Mutua said at the opening ceremony. "This plant turns it into jobs and reliable power."

Local leaders welcomed the project but said communities living near the site, many of them pastoralists, should benefit more directly, including through connections for villages that still have no electricity.
""",
    },
    {
        "id": "m-japan-quake",
        "outlet": "meridian",
        "section": "world",
        "headline": "Strong quake shakes northern Japan, no tsunami warning issued",
        "summary": "The magnitude 6.4 earthquake struck off Aomori prefecture; there were no immediate reports of serious damage.",
        "dateline": "TOKYO",
        "authors": ["Kenji Arai"],
        "tags": ["Japan", "earthquake", "disaster"],
        "hours_ago": 11,
        "modified_ago": 9,
        "body": """
A strong earthquake struck off the coast of northern Japan late at night, shaking buildings in Aomori and Hokkaido, but authorities said there was no threat of a tsunami.

The Japan Meteorological Agency said the quake had a preliminary magnitude of 6.4 and was centred about 50 kilometres beneath the seabed off Aomori prefecture. It registered a lower 5 on Japan's seven-point intensity scale in several towns.

There were no immediate reports of serious damage or injuries. Bullet train services in the region were briefly suspended for safety checks, and about 3,000 households lost power for several hours. Operators of nuclear facilities in the region said they had found no abnormalities.

"We urge residents to remain cautious, as aftershocks of similar strength may occur over the next week," an agency official told a late-night news conference.

Japan sits on the Pacific "Ring of Fire" and experiences around a fifth of the world's strongest earthquakes.
""",
    },
    {
        "id": "m-coral",
        "outlet": "meridian",
        "section": "science",
        "headline": "Scientists find heat-tolerant coral off Western Australia",
        "summary": "A handful of colonies survived a severe marine heatwave with little or no bleaching.",
        "dateline": "PERTH",
        "authors": ["Olivia Grant"],
        "tags": ["coral", "oceans", "climate", "Australia"],
        "hours_ago": 45,
        "body": """
Australian marine scientists have identified coral colonies off the coast of Western Australia that survived a severe marine heatwave with little or no bleaching, a finding they say could help efforts to protect reefs as oceans warm.

The researchers surveyed more than 1,200 colonies at reefs in the Kimberley region after water temperatures rose as much as 2 degrees Celsius above normal for several weeks. While most corals turned white, a handful of colonies of two branching species remained healthy.

"These are the survivors, and we want to understand what makes them different," said Amelia Hart, the study's lead author and a researcher at the Coastal Reef Institute in Perth. Genetic tests suggest the colonies host algae that are more tolerant of heat.

The team now plans to breed the corals in tanks and test whether their offspring inherit the same resilience. Similar projects are under way on the Great Barrier Reef.

Scientists stressed, however, that heat-tolerant corals were no substitute for cutting greenhouse gas emissions. "We are buying time, not solving the problem," Hart said.
""",
    },
    {
        "id": "m-oil-prices",
        "outlet": "meridian",
        "section": "business",
        "headline": "Oil slips as OPEC+ signals steady output into new year",
        "summary": "Traders had hoped for deeper cuts to support a market facing a growing surplus.",
        "dateline": "LONDON",
        "authors": ["Staff"],
        "tags": ["oil", "OPEC", "commodities", "energy"],
        "hours_ago": 50,
        "body": """
Oil prices eased after the OPEC+ group of producers signalled it would keep output broadly unchanged in the first quarter of next year, disappointing traders who had hoped for deeper cuts to support the market.

Brent crude futures fell 1.1 percent to $62.40 a barrel, while US West Texas Intermediate dropped 1.3 percent to $58.70.

The alliance, which groups the Organization of the Petroleum Exporting Countries with Russia and other allies, said in a statement after an online meeting that it would review market conditions monthly and stood ready to adjust policy if needed.

Analysts said the market faced a growing surplus next year as production rises in the United States, Brazil and Guyana while demand growth slows, particularly in China, where electric vehicles are eating into fuel consumption.

"Without real cuts from OPEC+, it is hard to see what stops prices drifting lower," said Tom Harcourt, head of energy research at Lowell & Finch in London.
""",
    },
    {
        "id": "m-ai-labels",
        "outlet": "meridian",
        "section": "tech",
        "headline": "South Korea passes law requiring labels on AI-generated ads",
        "summary": "Companies that fail to disclose the use of generative AI in adverts face fines of up to 30 million won per violation.",
        "dateline": "SEOUL",
        "authors": ["Park Ji-won"],
        "tags": ["AI", "regulation", "South Korea", "advertising"],
        "hours_ago": 22,
        "body": """
South Korea's parliament passed a law requiring advertisers to clearly label images, video and audio created with artificial intelligence, in one of the world's strictest rules on synthetic media in marketing.

Under the law, which takes effect in a year, companies that fail to disclose the use of generative AI in advertisements face fines of up to 30 million won ($21,000) per violation. Platforms will also be required to remove unlabelled AI ads within 24 hours of being notified.

Lawmakers said the measure was prompted by a surge in fraudulent ads using AI-generated likenesses of celebrities and doctors to promote investment schemes and health supplements.

"Consumers have the right to know whether the person smiling at them from an advert is real," said Han Seo-yeon, the lawmaker who sponsored the bill.

Industry groups said they supported the goal but warned that the definition of AI-generated content was too broad and could cover routine photo editing. The science ministry said it would publish detailed guidelines in the coming months.
""",
    },
    {
        "id": "m-cricket",
        "outlet": "meridian",
        "section": "sport",
        "headline": "Nepal beat Oman to reach T20 qualifier final",
        "summary": "An unbeaten century stand between Arjun Thapa and Bikash Rai took Nepal home with seven balls to spare.",
        "dateline": "KATHMANDU",
        "authors": ["Rohan Mehta"],
        "tags": ["cricket", "Nepal", "Oman", "T20"],
        "hours_ago": 55,
        "body": """
Nepal reached the final of the Asia regional T20 World Cup qualifier with a six-wicket win over Oman in front of a sell-out crowd in Kathmandu.

Chasing 148 for victory, Nepal were in trouble at 41 for three before an unbeaten partnership of 107 between captain Arjun Thapa and Bikash Rai steered them home with seven balls to spare. Thapa finished on 62 not out from 44 deliveries.

Earlier, spinner Sagar Gurung took three wickets for 19 as Oman struggled to build momentum on a slow pitch after being sent in to bat.

"The crowd was like a 12th player today. When we were three down, you could feel them pushing us," Thapa said at the presentation ceremony.

Nepal, who have one of the most passionate cricket followings in Asia, will face the United Arab Emirates in the final, with both finalists qualifying for the World Cup.
""",
    },
    {
        "id": "m-es-argentina",
        "outlet": "meridian",
        "section": "business",
        "lang": "es",
        "headline": "La inflación en Argentina se modera por quinto mes consecutivo",
        "summary": "Los precios al consumidor subieron un 1,9 % mensual, la cifra interanual más baja en casi cinco años.",
        "dateline": "BUENOS AIRES",
        "authors": ["Valentina Ríos"],
        "tags": ["Argentina", "inflación", "economía"],
        "hours_ago": 17,
        "body": """
La inflación mensual en Argentina se desaceleró por quinto mes consecutivo, según datos oficiales, un alivio para millones de hogares que han visto cómo los precios se disparaban durante los últimos años.

Los precios al consumidor subieron un 1,9 % respecto al mes anterior, frente al 2,1 % registrado el mes previo, informó el instituto nacional de estadística. En términos interanuales, la inflación se situó en el 31 %, la cifra más baja en casi cinco años.

Los alimentos y las bebidas aumentaron por debajo del promedio, mientras que los servicios regulados, como el transporte público y la electricidad, registraron las mayores subidas tras la reducción de los subsidios estatales.

"La tendencia es claramente favorable, pero la recuperación de los salarios sigue siendo lenta", afirmó Martín Aguirre, economista de la consultora Pampa Análisis. "Muchas familias todavía no sienten la mejora en el supermercado".

El Gobierno espera que la inflación mensual baje del 1,5 % a mediados del próximo año.
""",
    },
    {
        "id": "m-venus",
        "outlet": "meridian",
        "section": "science",
        "headline": "European probe sends first close-up images from Venus orbit",
        "summary": "Radar images from the Aurelia orbiter hint at recent volcanic activity on Earth's 'twin'.",
        "dateline": "PARIS",
        "authors": ["Claire Dubois"],
        "tags": ["space", "Venus", "Europe"],
        "hours_ago": 38,
        "body": """
A European spacecraft has sent back its first close-up images of Venus after slipping into orbit around the planet, revealing swirling cloud bands and what scientists believe may be signs of recent volcanic activity.

The Aurelia orbiter, launched almost four years ago, completed a 40-minute engine burn to brake into orbit, a manoeuvre its controllers in Darmstadt described as flawless.

Its radar instrument, designed to see through the planet's thick clouds of sulphuric acid, captured a region of lava plains near the equator where features appear to have changed since the area was last mapped in the 1990s.

"It is too early to claim an active volcano, but these images are very exciting," said mission scientist Lucie Moreau. "Venus is often called Earth's twin, and understanding why it became so hostile could tell us a great deal about our own planet."

The probe will spend the next several months lowering its orbit before beginning a four-year science campaign.
""",
    },
    # ------------------------------------------------------------------ Harbour Times
    {
        "id": "h-markets",
        "outlet": "harbour",
        "section": "business",
        "event": "asia-markets-us-data",
        "headline": "Stocks edge up before key US inflation figures",
        "summary": "Traders in Hong Kong and Tokyo looked ahead to data that could decide whether the Fed lowers borrowing costs before year-end.",
        "dateline": "HONG KONG",
        "authors": ["Marcus Yeung", "Ana Ribeiro"],
        "tags": ["markets", "Hang Seng", "Federal Reserve"],
        "hours_ago": 3,
        "body": """
Share prices across the region crept higher as traders looked ahead to US inflation data that could decide whether the Federal Reserve lowers borrowing costs before the end of the year.

In Hong Kong, the Hang Seng index ended the morning session barely changed, with gains in technology stocks offset by weakness among mainland property firms. Japan's benchmark Nikkei rose more than half a percent as a softer yen flattered the earnings outlook for carmakers and electronics groups.

Dealers said volumes were thin, with many investors unwilling to take big positions before the figures. Economists surveyed by Harbour Times expect core consumer prices in the United States to have risen 0.2 percent month on month.

"Nobody wants to be caught on the wrong side of this print," said Gideon Tsang, head of Asia trading at Northpoint Capital. "If it comes in soft, a rate cut is almost locked in, and that is good news for emerging markets and for Hong Kong in particular, given the currency peg."

The Hong Kong dollar was steady against the greenback, and the city's three-month interbank rate edged lower.
""",
    },
    {
        "id": "h-eu-plastics",
        "outlet": "harbour",
        "section": "world",
        "event": "eu-plastic-sachets",
        "headline": "Europe to ban tiny plastic sachets in waste crackdown",
        "summary": "Ketchup packets and hotel shampoo bottles made of plastic will disappear from European cafes and hotels by the end of the decade.",
        "dateline": "BRUSSELS",
        "authors": ["Hannah Okafor"],
        "tags": ["Europe", "plastics", "environment", "trade"],
        "hours_ago": 19,
        "body": """
Ketchup packets, hotel shampoo bottles and individual sugar sachets made of plastic will disappear from European cafes and hotels by the end of the decade under a deal struck by EU governments.

The agreement is part of a wider overhaul of the bloc's packaging rules, which also sets targets for reuse of drinks containers and requires all packaging sold in the EU to be recyclable by 2030.

The average European produces almost 190 kilograms of packaging waste each year, according to EU figures, a number that has risen steadily over the past decade as online shopping and takeaway food have grown.

Diplomats said the most difficult issue was how to treat paper-based packaging, which the paper industry argued was greener but which some countries said was often lined with plastic and hard to recycle. The compromise gives paper producers more time to meet recycling targets.

Manufacturers in Asia that export to Europe will also be affected. Trade groups in Hong Kong said factories would need clear guidance on the new labelling requirements well before they take effect.
""",
    },
    {
        "id": "h-exoplanet",
        "outlet": "harbour",
        "section": "science",
        "event": "exoplanet-water-vapour",
        "headline": "Astronomers detect water vapour around nearby rocky planet",
        "summary": "The finding suggests small planets around red dwarf stars can hold on to their atmospheres.",
        "dateline": "GENEVA",
        "authors": ["Ingrid Halvorsen"],
        "tags": ["astronomy", "exoplanets", "space"],
        "hours_ago": 28,
        "body": """
Astronomers using the James Webb Space Telescope have detected signs of water vapour in the atmosphere of a rocky planet about 40 light years from Earth, the strongest evidence yet that a small, Earth-like world can hold on to an atmosphere around a red dwarf star.

The planet, known as TOI-9981 b, is around 1.3 times the size of Earth and orbits its star every 11 days. It is too hot to host liquid water on its surface, but researchers said the finding was an important step in the search for habitable worlds.

"Many people expected planets like this to be bare rock, with their atmospheres stripped away by radiation from the star," said Matthias Keller, an astrophysicist at the Institute for Planetary Studies in Geneva and co-author of the study. "This one clearly is not."

The team observed the planet as it passed in front of its star four times, measuring how starlight filtered through its atmosphere. The results were published in a peer-reviewed journal.

Other scientists urged caution, noting that activity on the star's surface can mimic the signature of water.
""",
    },
    {
        "id": "h-marathon",
        "outlet": "harbour",
        "section": "sport",
        "event": "valencia-marathon-record",
        "headline": "New marathon world record as Worku wins in Valencia",
        "summary": "The Ethiopian took 14 seconds off the previous mark in near-perfect conditions.",
        "dateline": "VALENCIA",
        "authors": ["Staff"],
        "tags": ["athletics", "marathon", "Spain"],
        "hours_ago": 29,
        "body": """
Kebede Worku of Ethiopia set a new marathon world record of 2:00:21 in Valencia, taking 14 seconds off the previous mark and bringing the sub-two-hour barrier closer than ever in an official race.

Worku, who finished fourth on his debut at the distance only a year ago, tucked in behind the pacemakers through halfway in 60 minutes and 8 seconds before launching a decisive surge after 35 kilometres.

Race organisers said temperatures of 11 degrees Celsius and almost no wind had created near-perfect conditions for the more than 30,000 runners taking part.

Sports scientists said improvements in shoe technology, nutrition and pacing strategy had all contributed to the steady fall in marathon times over the past decade, though Worku's margin surprised many observers.

"He ran the second half faster than the first, which at this level is remarkable," said Ingrid Solberg, an exercise physiologist who advises several national teams. "It tells you he still had something in reserve."
""",
    },
    {
        "id": "h-chip-plant",
        "outlet": "harbour",
        "section": "tech",
        "event": "tenrai-malaysia-plant",
        "headline": "Malaysia lands $3 bn chip packaging investment",
        "summary": "Tenrai Semiconductor's Penang plant is a boost to Malaysia's ambition to become a regional chip hub.",
        "dateline": "PENANG",
        "authors": ["Marcus Yeung"],
        "tags": ["semiconductors", "Malaysia", "supply chains"],
        "hours_ago": 24,
        "body": """
Malaysia has secured a $3 billion investment from Taiwanese chipmaker Tenrai Semiconductor, handing a boost to the government's ambition to turn the country into a regional hub for advanced semiconductor manufacturing.

Officials in Penang said the new facility would create thousands of skilled jobs and draw in dozens of smaller suppliers, from chemical firms to precision engineering workshops.

Analysts said the decision reflected a broader shift as chip companies spread production across Southeast Asia to reduce their exposure to trade tensions between the United States and China.

"Five years ago this kind of plant would almost certainly have gone to Taiwan or mainland China," said Rachel Goh, a technology analyst at Straits Research Partners. "Now companies want a second and third location, and Malaysia is the obvious candidate."

Labour groups welcomed the investment but urged the government to ensure that local engineers, rather than foreign contract staff, filled the new positions.
""",
    },
    {
        "id": "h-bok-rates",
        "outlet": "harbour",
        "section": "business",
        "event": "bank-of-korea-hold",
        "headline": "Bank of Korea holds rates, flags slower growth next year",
        "summary": "Policymakers weighed a sluggish economy against a weak won and rising household debt.",
        "dateline": "SEOUL",
        "authors": ["Ana Ribeiro", "Marcus Yeung"],
        "tags": ["South Korea", "central banks", "interest rates"],
        "hours_ago": 36,
        "body": """
The Bank of Korea kept its benchmark interest rate unchanged at 2.5 percent, as policymakers weighed a sluggish economy against the risks of a weak won and rising household debt.

The central bank also lowered its growth forecast for next year to 1.6 percent from 1.8 percent, citing weaker exports and soft construction activity. It left its inflation forecast broadly unchanged at around 2 percent.

The decision was expected by all 18 economists surveyed by Harbour Times. Two of the board's seven members favoured a cut, the bank said, signalling that easing remains possible early next year.

"The board is worried that cutting now would push the won even lower and fuel another leg up in Seoul apartment prices," said Yoon Min-jae, an economist at Hanseong Securities. "But the growth picture is weakening, so the pressure to move will build."

The won has lost about 6 percent against the dollar this year, among the worst performances in Asia.
""",
    },
    {
        "id": "h-copper",
        "outlet": "harbour",
        "section": "business",
        "event": "chile-copper-strike",
        "body_from": "m-wire-copper",
        "credit": "Meridian Wire",
        "headline": "Copper at three-month peak as Chilean strike continues",
        "summary": "A strike at one of Chile's largest copper mines entered its second week with no sign of a deal.",
        "dateline": "SANTIAGO",
        "authors": ["Pablo Fuentes"],
        "tags": ["commodities", "copper", "Chile"],
        "hours_ago": 13,
    },
    {
        "id": "h-ferries",
        "outlet": "harbour",
        "section": "city",
        "headline": "Hong Kong to add late-night ferries across Victoria Harbour",
        "summary": "A six-month trial will run crossings until 2 a.m. at weekends to revive the city's night-time economy.",
        "dateline": "HONG KONG",
        "authors": ["Ada Leung"],
        "tags": ["Hong Kong", "transport", "tourism"],
        "hours_ago": 6,
        "body": """
Hong Kong will run ferries across Victoria Harbour until 2 a.m. on weekends from next month, the transport department said, in a bid to revive the city's night-time economy and give late revellers an alternative to taxis.

The trial, which will run for six months, covers routes between Central, Tsim Sha Tsui and Wan Chai. Fares will be set at the same level as daytime crossings.

Officials said passenger numbers on the harbour ferries had recovered to about 85 percent of pre-pandemic levels, but demand after midnight was growing as bars and restaurants extended opening hours.

"Tourists tell us the harbour at night is one of the most beautiful sights in Asia, and we want them to be able to enjoy it," said assistant transport commissioner Florence Ng.

Some lawmakers questioned whether the ferry operator, which has received government subsidies for years, could sustain the service without further support. The department said it would review ridership data before deciding whether to make the extra sailings permanent.
""",
    },
    {
        "id": "h-typhoon",
        "outlet": "harbour",
        "section": "world",
        "headline": "Typhoon forces evacuation of 200,000 in northern Philippines",
        "summary": "Typhoon Kalapati was expected to make landfall in Isabela province with winds of up to 165 km/h.",
        "dateline": "MANILA",
        "authors": ["Miguel Santos", "Hannah Okafor"],
        "tags": ["Philippines", "typhoon", "weather"],
        "hours_ago": 10,
        "modified_ago": 7,
        "body": """
More than 200,000 people were evacuated from coastal and low-lying areas of the northern Philippines as Typhoon Kalapati approached with winds of up to 165 kilometres per hour, disaster officials said.

The storm was expected to make landfall in Isabela province overnight before crossing the mountainous north of Luzon island and heading out into the South China Sea. Forecasters warned of storm surges of up to three metres along the eastern coast.

Schools and government offices were closed across much of the region, and dozens of domestic flights were cancelled. The coast guard barred fishing boats and ferries from leaving port.

"We are not taking any chances. Families who were told to leave must leave now," said regional civil defence director Ramon Castillo.

The Philippines is hit by around 20 tropical storms and typhoons each year. The country is still recovering from a series of storms that killed more than 150 people earlier in the season.
""",
    },
    {
        "id": "h-fr-bouquinistes",
        "outlet": "harbour",
        "section": "culture",
        "lang": "fr",
        "headline": "À Paris, les bouquinistes des quais de Seine inaugurent leurs boîtes rénovées",
        "summary": "Une cinquantaine de coffres verts abîmés par la rouille ont été remplacés entre le pont Marie et le quai Voltaire.",
        "dateline": "PARIS",
        "authors": ["Élodie Martin"],
        "tags": ["Paris", "livres", "patrimoine"],
        "hours_ago": 15,
        "body": """
Les bouquinistes des quais de Seine, installés au cœur de Paris depuis plus de quatre siècles, ont inauguré une première série de boîtes vertes entièrement rénovées, financées en partie par la mairie.

Une cinquantaine de ces coffres métalliques, fixés sur les parapets entre le pont Marie et le quai Voltaire, avaient été abîmés par la rouille et les intempéries. Les nouvelles boîtes conservent leur couleur « vert wagon » traditionnelle mais sont mieux isolées contre l'humidité, afin de protéger les livres anciens.

« C'est un soulagement, certains d'entre nous perdaient des livres à chaque orage », explique Jacques Lemaire, bouquiniste depuis vingt-deux ans. « Les touristes viennent pour les cartes postales, mais les vrais lecteurs viennent encore chercher des éditions rares. »

La profession compte environ 230 libraires, qui occupent gratuitement leurs emplacements en échange d'une présence régulière sur les quais. La mairie souhaite faire inscrire les bouquinistes au patrimoine culturel immatériel de l'Unesco.

Les travaux se poursuivront par tranches au cours des deux prochaines années.
""",
    },
    {
        "id": "h-shipping",
        "outlet": "harbour",
        "section": "business",
        "headline": "Container rates fall as new ships flood Asia-Europe route",
        "summary": "Spot rates from Shanghai to Rotterdam are at their lowest in almost two years.",
        "dateline": "SINGAPORE",
        "authors": ["Ana Ribeiro"],
        "tags": ["shipping", "trade", "freight"],
        "hours_ago": 42,
        "body": """
The cost of shipping a container from Asia to northern Europe has fallen to its lowest level in almost two years, as a wave of newly built vessels adds capacity faster than demand is growing.

A benchmark index of spot rates from Shanghai to Rotterdam dropped 6 percent in the past week to around $1,850 per forty-foot container, less than half the level at the start of the year, according to freight analysts.

Shipping lines ordered record numbers of large container ships during the pandemic boom, and many of those vessels are now being delivered. More than two million containers' worth of new capacity is expected to enter service next year alone.

"The industry is heading into a period of overcapacity, and carriers will have to start cancelling sailings or scrapping older ships to hold rates up," said Jonas Petersen, a consultant at Baltic Freight Advisory.

Lower freight costs are good news for retailers and manufacturers that import goods from Asia, but they are weighing on the profits of listed shipping companies, whose shares have fallen sharply this year.
""",
    },
    {
        "id": "h-rice",
        "outlet": "harbour",
        "section": "business",
        "headline": "Thailand trims rice export forecast on strong baht, Indian competition",
        "summary": "Exporters now expect shipments of 7.5 million tonnes this year, down from 8.2 million.",
        "dateline": "BANGKOK",
        "authors": ["Nattaya Srisuk"],
        "tags": ["Thailand", "rice", "commodities", "agriculture"],
        "hours_ago": 48,
        "body": """
Thailand has cut its rice export forecast for this year, as a strong baht and the return of Indian supplies to world markets make Thai grain less competitive, the country's rice exporters association said.

Exports are now expected to reach 7.5 million tonnes, down from an earlier projection of 8.2 million tonnes. Thailand, one of the world's largest rice exporters, shipped almost 10 million tonnes last year when Indian export restrictions pushed buyers towards Thai suppliers.

The price of Thai white rice has fallen by about a quarter over the past year, hurting farmers who had expanded planting in the hope of continued strong demand.

"We cannot compete on price with India at the moment, and the currency makes it even harder," said association vice-president Somchai Wattana. "Our hope is in premium varieties like jasmine rice, where buyers still pay for quality."

Importers in Africa and the Philippines have shifted purchases to cheaper Indian and Vietnamese rice, traders said.
""",
    },
    {
        "id": "h-dengue",
        "outlet": "harbour",
        "section": "science",
        "headline": "Bangladesh dengue cases ease as cooler weather sets in",
        "summary": "New infections have fallen for a fourth straight week, but hospitals in Dhaka remain under pressure.",
        "dateline": "DHAKA",
        "authors": ["Farhana Akter"],
        "tags": ["Bangladesh", "dengue", "health"],
        "hours_ago": 52,
        "body": """
New dengue infections in Bangladesh have fallen for a fourth straight week as cooler and drier weather reduces mosquito breeding, health officials said, though hospitals in Dhaka remain under pressure.

Just over 3,100 people were admitted to hospital with the disease in the past week, officials said, down from a peak of more than 9,000 a week earlier in the season. At least 380 people have died of dengue so far this year.

Doctors said many patients were arriving late, with severe symptoms, because they had tried to treat fever at home.

"People wait three or four days before coming, and by then some are already in shock," said Nusrat Jahan, a physician at a public hospital in the capital.

Experts warn that dengue, once largely confined to the monsoon months, is now present in Bangladesh almost all year, driven by rapid urbanisation, poor drainage and rising temperatures. The government has stepped up spraying and clean-up campaigns.
""",
    },
    {
        "id": "h-esports",
        "outlet": "harbour",
        "section": "sport",
        "headline": "Esports win place at Asian youth games for first time",
        "summary": "Players aged 15 to 18 will compete for medals in six video game titles.",
        "dateline": "KUALA LUMPUR",
        "authors": ["Staff"],
        "tags": ["esports", "youth sport", "gaming"],
        "hours_ago": 58,
        "body": """
Esports will be a full medal event at the next Asian Youth Games, organisers announced, with competitions in six video game titles for players aged 15 to 18.

The decision follows the inclusion of esports in the senior Asian Games, where the events drew large online audiences, particularly in China, South Korea and Southeast Asia.

Organisers said each national team would be limited in size and that matches would be scheduled to avoid clashing with school examinations. Players will also be required to take part in coaching sessions on physical fitness and screen time.

"Young people are already playing these games, and many of them play them very well," said the organising committee's sports director, Farid Hassan. "Bringing them into a structured, supervised competition is a positive step."

Some parents' groups and health experts criticised the move, saying it could encourage excessive gaming among teenagers and distract from traditional sports.
""",
    },
    {
        "id": "h-battery",
        "outlet": "harbour",
        "section": "tech",
        "headline": "Taiwan start-up unveils sodium battery for electric scooters",
        "summary": "Kestrel Cell says its pack costs about a third less than lithium equivalents.",
        "dateline": "TAIPEI",
        "authors": ["Staff"],
        "tags": ["batteries", "Taiwan", "electric vehicles", "start-ups"],
        "hours_ago": 34,
        "body": """
A Taiwanese start-up has unveiled a sodium-ion battery pack for electric scooters that it says costs about a third less than lithium equivalents and performs better in cold weather.

Kestrel Cell, founded four years ago by former engineers from the island's electronics industry, said its pack could power a typical scooter for around 70 kilometres on a single charge. It plans to begin mass production at a factory in Taoyuan next year.

Sodium is far more abundant than lithium and easier to extract, making it attractive to manufacturers seeking to reduce their dependence on a small number of mining countries. But sodium batteries store less energy per kilogram, which has limited their use in cars.

"Scooters are the perfect first market, because they do not need huge range and price matters a lot," said co-founder Chen Yu-ting. Taiwan has one of the highest rates of scooter ownership in the world, with more than 14 million registered.

The company said it was in talks with two scooter makers in Southeast Asia.
""",
    },
    # ------------------------------------------------------------------ The Daily Courier
    {
        "id": "c-markets",
        "outlet": "courier",
        "section": "business",
        "event": "asia-markets-us-data",
        "headline": "Markets rise as traders bet on Fed rate cut",
        "summary": "Global stock markets moved higher ahead of inflation figures due from Washington.",
        "dateline": "LONDON",
        "authors": ["Staff"],
        "tags": ["markets", "FTSE", "Federal Reserve"],
        "hours_ago": 4,
        "body": """
Global stock markets moved higher as investors grew more confident that the US Federal Reserve will cut interest rates again, with attention fixed on inflation figures due from Washington later this week.

In London, the FTSE 100 opened 0.4 percent higher, helped by mining companies and banks, while Frankfurt's DAX and the CAC 40 in Paris each added around 0.3 percent. Earlier, shares in Tokyo and Seoul had closed in positive territory.

The pound was steady at just above $1.32 and government bond yields eased slightly on both sides of the Atlantic.

Analysts said a cooler reading on US consumer prices would reinforce expectations of a quarter-point cut. "The bar for the Fed to hold is now quite high," said Martin Ellery, chief economist at the Castlegate Institute. "But markets have a habit of getting ahead of themselves, and a surprise in the inflation data would quickly test that optimism."

Brent crude was little changed at about $63 a barrel.
""",
    },
    {
        "id": "c-vietnam-floods",
        "outlet": "courier",
        "section": "world",
        "event": "vietnam-floods",
        "headline": "Rescuers search for missing after Vietnam landslides",
        "summary": "Army units and volunteers struggled to reach mountain villages cut off by floodwater.",
        "dateline": "HUE",
        "authors": ["Staff"],
        "tags": ["Vietnam", "floods", "Asia"],
        "hours_ago": 6,
        "body": """
Rescue teams in central Vietnam dug through mud and debris in search of survivors after landslides buried several homes in remote mountain communities, as the death toll from a week of heavy rain continued to rise.

Officials said at least 14 people had been killed, most of them in Quang Ngai and Quang Nam provinces. Army units and volunteers were struggling to reach some villages because roads had been washed away, forcing them to carry supplies on foot.

In the former imperial city of Hue, the Perfume River burst its banks, flooding streets near the citadel and forcing shops to close. Residents moved furniture and motorbikes to upper floors, a routine many here know well.

"We lost everything in the kitchen again, the water came in so fast," said Pham Thi Lan, a 58-year-old noodle seller. "Every year it seems to come earlier and stay longer."

The government has released emergency funds for the worst-hit provinces, and aid agencies have appealed for donations of clean water and medicine.
""",
    },
    {
        "id": "c-exoplanet",
        "outlet": "courier",
        "section": "science",
        "event": "exoplanet-water-vapour",
        "headline": "Rocky planet 40 light years away may hold water, study says",
        "summary": "Observations suggest planets around red dwarf stars may keep their atmospheres after all.",
        "dateline": "LONDON",
        "authors": ["Staff"],
        "tags": ["space", "astronomy", "science"],
        "hours_ago": 27,
        "body": """
A planet slightly larger than Earth, circling a small red star about 40 light years away, appears to be wrapped in an atmosphere containing water vapour, according to a new study.

The discovery, made with the James Webb Space Telescope, suggests that rocky planets around red dwarfs, the most common type of star in our galaxy, may be better at keeping their atmospheres than many astronomers had thought.

Red dwarfs are prone to violent flares that can blast nearby planets with radiation, and earlier observations of similar worlds found no sign of air at all.

The planet itself, TOI-9981 b, is far too hot for life as we know it, with surface temperatures estimated at more than 400 degrees Celsius. But scientists say the technique used to study it could one day be applied to cooler planets in their stars' habitable zones.

"We are learning how to read the skies of other worlds," said one of the researchers. "Every measurement like this gets us closer to asking the big question: are we alone?"
""",
    },
    {
        "id": "c-marathon",
        "outlet": "courier",
        "section": "sport",
        "event": "valencia-marathon-record",
        "headline": "Worku smashes marathon record on cool Valencia morning",
        "summary": "The Ethiopian, who took up running seriously at 17, won in 2:00:21.",
        "dateline": "VALENCIA",
        "authors": ["Staff"],
        "tags": ["athletics", "marathon", "Ethiopia"],
        "hours_ago": 28,
        "body": """
Kebede Worku produced one of the great performances in distance running, winning the Valencia Marathon in a world record time of 2:00:21.

The Ethiopian, 24, ran with remarkable composure, sitting in the lead pack until the final seven kilometres before pulling clear on the long, flat avenues leading to the finish by the City of Arts and Sciences.

Worku, who grew up herding cattle in the highlands south of Addis Ababa, took up running seriously only at 17. His coach, Tesfaye Alemu, said the record had been the target since the summer.

"We did not talk about it in public because we did not want pressure," Alemu said. "But in training he was ready. Today the weather gave him the chance."

Kenya's Naomi Cherono won the women's race in 2:15:02, pulling away from her compatriots in the last five kilometres.
""",
    },
    {
        "id": "c-bok-rates",
        "outlet": "courier",
        "section": "business",
        "event": "bank-of-korea-hold",
        "headline": "South Korea keeps interest rates on hold as won slides",
        "summary": "The central bank resisted calls for a cut with the currency near a 16-year low.",
        "dateline": "SEOUL",
        "authors": ["Staff"],
        "tags": ["South Korea", "interest rates", "currencies"],
        "hours_ago": 35,
        "body": """
South Korea's central bank left borrowing costs unchanged, resisting calls for a cut to support the economy as the national currency trades near its weakest level in more than a decade and a half.

The Bank of Korea held its main rate at 2.5 percent and said it would continue to monitor financial stability closely, noting that household debt remained high and housing prices in the capital were rising again.

Exporters have benefited from the weak won, but it has pushed up the cost of imported energy and food for households. Economists said the bank was reluctant to add to pressure on the currency while the gap between South Korean and US interest rates remained wide.

Shares on the Kospi index closed slightly lower after the decision, and the won weakened a little further against the dollar. Most economists still expect at least one cut in the first half of next year.
""",
    },
    {
        "id": "c-snow-leopards",
        "outlet": "courier",
        "section": "science",
        "event": "prague-snow-leopards",
        "body_from": "m-wire-leopards",
        "credit": "Meridian Wire",
        "headline": "Two snow leopard cubs born at Prague Zoo",
        "summary": "The endangered cats are the first to be bred at the zoo in more than a decade.",
        "dateline": "PRAGUE",
        "authors": ["Tomas Novak"],
        "tags": ["wildlife", "zoos"],
        "hours_ago": 39,
    },
    {
        "id": "c-uk-rail",
        "outlet": "courier",
        "section": "uk",
        "headline": "Rail strike set to disrupt services across northern England",
        "summary": "Train drivers will walk out on three days next week in a dispute over rest-day working and pay.",
        "dateline": "MANCHESTER",
        "authors": ["Staff"],
        "tags": ["rail", "strikes", "transport"],
        "hours_ago": 9,
        "body": """
Passengers across northern England face days of disruption after train drivers at one of the region's main operators announced a series of strikes in a long-running dispute over rest-day working and pay.

The union said its members would walk out on three days next week and would refuse to work overtime for a fortnight, a move the operator warned could lead to the cancellation of up to half of its services even on non-strike days.

The company said it had made a fair offer, including a pay rise of 4.5 percent, and urged the union to return to talks. The union said the offer was conditional on changes to working practices that its members had already rejected.

Business groups in Manchester, Leeds and Sheffield said the strikes would hit shops and restaurants during one of their busiest periods of the year. Commuters were advised to check before they travel and to work from home where possible.
""",
    },
    {
        "id": "c-amazon",
        "outlet": "courier",
        "section": "world",
        "headline": "Amazon river levels recover after record drought",
        "summary": "The Rio Negro at Manaus has risen more than five metres in a month, bringing relief to river communities.",
        "dateline": "MANAUS",
        "authors": ["Beatriz Costa"],
        "tags": ["Brazil", "Amazon", "drought", "climate"],
        "hours_ago": 12,
        "body": """
Water levels on the Rio Negro at Manaus have risen by more than five metres in the past month, bringing relief to river communities in the Brazilian Amazon after one of the worst droughts on record.

At the height of the drought, the river at the port of Manaus fell to its lowest level since measurements began more than 120 years ago, leaving boats stranded on sandbanks and cutting off villages that depend on the waterways for food, fuel and medicine.

"For weeks we could not get the boat out. Children missed school, and we had to walk hours to fetch water," said Raimundo Souza, a fisherman from a community upstream of the city.

Scientists said the drought was driven by a combination of the El Niño weather pattern and unusually warm waters in the tropical Atlantic, made worse by climate change and deforestation.

They warned that the region should prepare for more frequent extreme dry seasons, and called for investment in water storage and alternative transport for remote communities.
""",
    },
    {
        "id": "c-nigeria-fuel",
        "outlet": "courier",
        "section": "business",
        "headline": "Nigeria's biggest refinery begins exporting jet fuel",
        "summary": "The first cargo of about 60,000 tonnes left Lagos for a terminal in Europe.",
        "dateline": "LAGOS",
        "authors": ["Chidi Okonkwo", "Amara Eze"],
        "tags": ["Nigeria", "oil", "refining", "Africa"],
        "hours_ago": 21,
        "body": """
A giant new refinery on the outskirts of Lagos has shipped its first cargo of jet fuel abroad, a milestone for Nigeria, which despite being one of Africa's largest oil producers has for decades relied on imports for most of its fuel.

The tanker, carrying about 60,000 tonnes, left for a terminal in Europe, according to port officials and ship-tracking data. The refinery has been gradually ramping up production since it began operating, and now supplies a large share of Nigeria's petrol market.

Economists said fuel exports could help ease pressure on the naira by bringing in foreign currency, while reducing the country's import bill.

"This is the kind of industrial story Nigeria has been waiting for," said Adaeze Nwosu, an energy analyst in Abuja. "But the refinery still depends on a steady supply of crude, and there have been disputes over pricing with local producers."

Fuel marketers said pump prices in Lagos had fallen slightly over the past month as more domestic supply reached the market.
""",
    },
    {
        "id": "c-football",
        "outlet": "courier",
        "section": "sport",
        "headline": "Zambia stun Ghana with stoppage-time winner",
        "summary": "Teenage substitute Emmanuel Mwansa scored in the 94th minute of the World Cup qualifier in Lusaka.",
        "dateline": "LUSAKA",
        "authors": ["Staff"],
        "tags": ["football", "World Cup qualifiers", "Zambia", "Ghana"],
        "hours_ago": 44,
        "body": """
Zambia came from behind to beat Ghana 2-1 in a World Cup qualifier in Lusaka, with substitute Emmanuel Mwansa scoring the winner deep into stoppage time to send a packed national stadium into celebration.

Ghana had taken the lead shortly before half-time when their captain headed in a corner, and looked comfortable for long periods as Zambia struggled to create chances.

But the home side were transformed after the introduction of two attacking substitutes, and levelled in the 71st minute through a low shot from Joseph Chanda. Mwansa, 19, then reacted quickest to a rebound in the 94th minute to score his first international goal.

"I just told myself to keep running. When the ball came, I did not think, I just hit it," Mwansa said.

The result leaves the group finely balanced with two rounds of matches remaining, and sets up a decisive trip to face the group leaders next month.
""",
    },
    {
        "id": "c-iceland-volcano",
        "outlet": "courier",
        "section": "world",
        "headline": "Iceland volcano erupts again near evacuated fishing town",
        "summary": "A three-kilometre fissure opened on the Reykjanes peninsula after a swarm of small earthquakes.",
        "dateline": "REYKJAVIK",
        "authors": ["Staff"],
        "tags": ["Iceland", "volcano", "Europe"],
        "hours_ago": 23,
        "body": """
A volcano on Iceland's Reykjanes peninsula erupted once more, sending fountains of lava into the night sky and forcing the evacuation of a nearby geothermal spa.

The country's meteorological office said the fissure, about three kilometres long, opened shortly before midnight after a swarm of small earthquakes. Lava was flowing west, away from the fishing town of Grindavik, which has been largely evacuated since earthquakes tore open its streets.

Officials said there was no threat to air traffic and Keflavik international airport remained open.

"This is now a familiar pattern, but every eruption is different and we cannot be complacent," said civil protection spokesperson Hildur Magnusdottir.

Scientists believe the peninsula has entered a new volcanic period that could last for decades, after being dormant for around 800 years.
""",
    },
    {
        "id": "c-delhi-smog",
        "outlet": "courier",
        "section": "world",
        "headline": "Delhi moves schools online as toxic smog chokes capital",
        "summary": "Construction work has been halted as air quality reached 'severe' levels for a fifth day.",
        "dateline": "NEW DELHI",
        "authors": ["Anjali Verma"],
        "tags": ["India", "pollution", "health"],
        "hours_ago": 16,
        "body": """
Authorities in New Delhi ordered primary schools to switch to online classes and halted construction work as a thick blanket of toxic smog settled over the Indian capital for a fifth day.

The city's air quality index reached "severe" levels in many neighbourhoods, with concentrations of fine particulate matter more than 20 times the limit recommended by the World Health Organization.

Pollution in the region peaks every winter as cooler air traps emissions from vehicles, industry and the burning of crop stubble in neighbouring states.

"My son has been coughing for a week. We keep the windows shut but it does not help," said Sunita Sharma, a mother of two in east Delhi.

Doctors reported a rise in patients with breathing problems, and the city government urged older people and those with heart or lung conditions to stay indoors. Officials also said they would increase the number of trucks spraying water on major roads to dampen dust.
""",
    },
    {
        "id": "c-indonesia-internet",
        "outlet": "courier",
        "section": "tech",
        "headline": "Indonesia trials satellite internet for remote island schools",
        "summary": "The first phase connects 150 schools in Maluku and Papua.",
        "dateline": "JAKARTA",
        "authors": ["Staff"],
        "tags": ["Indonesia", "internet", "education"],
        "hours_ago": 57,
        "body": """
Indonesia has begun connecting schools on remote islands to the internet via satellite, in a trial the government hopes will narrow a stark digital divide across the sprawling archipelago.

The first phase covers 150 schools in the eastern provinces of Maluku and Papua, where many communities have no mobile signal and rely on diesel generators for power. Each school receives a small dish, solar panels and a set of tablets.

More than 12,000 villages in Indonesia still lack reliable internet access, according to the communications ministry. During the pandemic, millions of pupils in such areas were unable to follow online lessons.

"Before, if we wanted to download teaching materials, a teacher had to take a boat to the district town," said Yohanes Kaize, a headmaster on an island off Seram. "Now the children can watch science videos in class."

Officials said they would evaluate results after a year before deciding whether to expand the programme to several thousand more schools.
""",
    },
    {
        "id": "c-canada-wildfire",
        "outlet": "courier",
        "section": "world",
        "headline": "Canada to help wildfire-hit towns rebuild with fire-resistant homes",
        "summary": "Grants of up to 1.2 billion Canadian dollars will pay for non-combustible roofs and ember-proof vents.",
        "dateline": "OTTAWA",
        "authors": ["Staff"],
        "tags": ["Canada", "wildfires", "housing"],
        "hours_ago": 59,
        "body": """
Canada will spend 1.2 billion Canadian dollars helping communities destroyed by wildfires rebuild with fire-resistant materials and designs, the federal government announced.

The programme will offer grants to homeowners who use non-combustible roofing and siding, install ember-resistant vents and clear vegetation around their properties. Towns will also receive funding to create fire breaks and upgrade water systems.

Wildfires have burned record areas of Canadian forest in recent years, forcing tens of thousands of people from their homes and destroying hundreds of buildings in several provinces.

"We cannot simply rebuild the way we did before and hope for the best," said federal housing official Marie-Claude Tremblay. "Every house built to a higher standard protects the whole street."

Insurance industry groups welcomed the plan, saying it could help keep premiums affordable in high-risk areas. Some rural mayors said the grants needed to be larger to cover the extra costs of construction.
""",
    },
]

# Headline-only items: they appear in a feed (Meridian) or on a listing page (Courier) and
# link to an existing article of the same outlet.
BRIEFS = [
    {
        "id": "mb-asia-update",
        "outlet": "meridian",
        "links_to": "m-asia-markets",
        "headline": "UPDATE 1-Asian shares firm, yen steadies before US consumer prices",
        "hours_ago": 1,
    },
    {
        "id": "mb-vietnam-evacuations",
        "outlet": "meridian",
        "links_to": "m-vietnam-floods",
        "headline": "Thousands evacuated as rivers rise in central Vietnam",
        "hours_ago": 4,
    },
    {
        "id": "mb-eu-factbox",
        "outlet": "meridian",
        "links_to": "m-eu-plastics",
        "headline": "FACTBOX-What the EU's plastic sachet phase-out covers",
        "hours_ago": 18,
    },
    {
        "id": "mb-tenrai-shares",
        "outlet": "meridian",
        "links_to": "m-chip-plant",
        "headline": "Tenrai shares jump 6% on Malaysia plant plan",
        "hours_ago": 25,
    },
    {
        "id": "mb-copper-union",
        "outlet": "meridian",
        "links_to": "m-wire-copper",
        "headline": "Chile copper union rejects latest wage offer",
        "hours_ago": 15,
    },
    {
        "id": "mb-quake-aftershocks",
        "outlet": "meridian",
        "links_to": "m-japan-quake",
        "headline": "Aftershocks rattle Aomori after overnight quake",
        "hours_ago": 9,
    },
    {
        "id": "mb-worku-quote",
        "outlet": "meridian",
        "links_to": "m-marathon",
        "headline": "New record holder Worku: 'The pacing was perfect'",
        "hours_ago": 29,
    },
    {
        "id": "mb-brent-weekly",
        "outlet": "meridian",
        "links_to": "m-oil-prices",
        "headline": "Brent crude heads for second weekly loss",
        "hours_ago": 49,
    },
    {
        "id": "mb-kenya-numbers",
        "outlet": "meridian",
        "links_to": "m-kenya-solar",
        "headline": "Kenya's solar push in numbers",
        "hours_ago": 32,
    },
    {
        "id": "mb-seoul-fines",
        "outlet": "meridian",
        "links_to": "m-ai-labels",
        "headline": "Seoul to fine advertisers over unlabelled AI content",
        "hours_ago": 21,
    },
    {
        "id": "cb-yen-bonds",
        "outlet": "courier",
        "links_to": "c-markets",
        "headline": "Yen and bonds steady as traders await US prices data",
        "hours_ago": 3,
    },
    {
        "id": "cb-vietnam-villages",
        "outlet": "courier",
        "links_to": "c-vietnam-floods",
        "headline": "Vietnam: families wait for news in cut-off mountain villages",
        "hours_ago": 5,
    },
    {
        "id": "cb-rail-advice",
        "outlet": "courier",
        "links_to": "c-uk-rail",
        "headline": "Rail strikes: which lines are affected and what to do",
        "hours_ago": 8,
    },
    {
        "id": "cb-exoplanet-explainer",
        "outlet": "courier",
        "links_to": "c-exoplanet",
        "headline": "Explainer: how do astronomers find water on distant planets?",
        "hours_ago": 26,
    },
    {
        "id": "cb-manaus-boats",
        "outlet": "courier",
        "links_to": "c-amazon",
        "headline": "River boats return to Manaus port as water rises",
        "hours_ago": 11,
    },
    {
        "id": "cb-delhi-schools",
        "outlet": "courier",
        "links_to": "c-delhi-smog",
        "headline": "Delhi primary schools to stay shut until air improves",
        "hours_ago": 14,
    },
    {
        "id": "cb-lava-pictures",
        "outlet": "courier",
        "links_to": "c-iceland-volcano",
        "headline": "In pictures: lava lights up the Reykjanes sky",
        "hours_ago": 22,
    },
    {
        "id": "cb-lusaka-fans",
        "outlet": "courier",
        "links_to": "c-football",
        "headline": "Zambia fans celebrate late into the night in Lusaka",
        "hours_ago": 43,
    },
]
