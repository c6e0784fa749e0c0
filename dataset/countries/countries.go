package countries

// ISO3ToCOW returns the COW country code for an ISO 3166 alpha-3 code (or a
// World Bank / OWID code for a state) in year, or ok=false for aggregates,
// territories and years outside a time-dependent code's range.
func ISO3ToCOW(iso3 string, year int) (ccode int, ok bool) {
	if spans, timed := iso3Timed[iso3]; timed {
		for _, s := range spans {
			if year >= s.from && year <= s.to {
				return s.cow, true
			}
		}
		return 0, false
	}
	ccode, ok = iso3Fixed[iso3]
	return ccode, ok
}

// IsAggregate reports whether code is a World Bank or OWID regional or
// income aggregate rather than a country or territory.
func IsAggregate(code string) bool { return aggregates[code] }

// span assigns a COW code to an ISO3 code for the years from..to.
type span struct{ cow, from, to int }

// Year bounds for open-ended spans.
const (
	minYear = -9999
	maxYear = 9999
)

// iso3Timed lists the codes whose COW state depends on the year (see the
// package documentation).
var iso3Timed = map[string][]span{
	"DEU": {{255, minYear, 1944}, {260, 1945, 1989}, {255, 1990, maxYear}},
	"YEM": {{678, minYear, 1989}, {679, 1990, maxYear}},
}

// aggregates are the World Bank and OWID group codes found in the shared
// data; none of them is a state.
var aggregates = map[string]bool{
	"AFE": true, "AFW": true, "ARB": true, "CEB": true, "CSS": true, "EAP": true, "EAR": true,
	"EAS": true, "ECA": true, "ECS": true, "EMU": true, "EUU": true, "FCS": true, "HIC": true,
	"HPC": true, "IBD": true, "IBT": true, "IDA": true, "IDB": true, "IDX": true, "INX": true,
	"LAC": true, "LCN": true, "LDC": true, "LIC": true, "LMC": true, "LMY": true, "LTE": true,
	"MEA": true, "MIC": true, "MNA": true, "NAC": true, "OED": true, "OSS": true, "PRE": true,
	"PSS": true, "PST": true, "SAS": true, "SSA": true, "SSF": true, "SST": true, "TEA": true,
	"TEC": true, "TLA": true, "TMN": true, "TSA": true, "TSS": true, "UMC": true, "WLD": true,
}

// iso3Fixed maps codes whose COW state does not change over time. Comments
// give the COW state name.
var iso3Fixed = map[string]int{
	// Predecessor and successor codes; see the package documentation.
	"CSK": 315, // Czechoslovakia
	"CZE": 316, // Czech Republic
	"SVK": 317, // Slovakia
	"DDR": 265, // German Democratic Republic
	"YUG": 345, // Yugoslavia
	"SRB": 345, // Yugoslavia (Serbia)
	"RUS": 365, // Russia
	"SUN": 365, // Russia (former USSR)
	"YAR": 678, // Yemen Arab Republic
	"YMD": 680, // Yemen People's Republic

	// From the ideal-point file's ccode/iso3c pairs.
	"AFG":      700, // Afghanistan
	"AGO":      540, // Angola
	"ALB":      339, // Albania
	"AND":      232, // Andorra
	"ARE":      696, // United Arab Emirates
	"ARG":      160, // Argentina
	"ARM":      371, // Armenia
	"ATG":      58,  // Antigua & Barbuda
	"AUS":      900, // Australia
	"AUT":      305, // Austria
	"AZE":      373, // Azerbaijan
	"BDI":      516, // Burundi
	"BEL":      211, // Belgium
	"BEN":      434, // Benin
	"BFA":      439, // Burkina Faso
	"BGD":      771, // Bangladesh
	"BGR":      355, // Bulgaria
	"BHR":      692, // Bahrain
	"BHS":      31,  // Bahamas
	"BIH":      346, // Bosnia and Herzegovina
	"BLR":      370, // Belarus
	"BLZ":      80,  // Belize
	"BOL":      145, // Bolivia
	"BRA":      140, // Brazil
	"BRB":      53,  // Barbados
	"BRN":      835, // Brunei
	"BTN":      760, // Bhutan
	"BWA":      571, // Botswana
	"CAF":      482, // Central African Republic
	"CAN":      20,  // Canada
	"CHE":      225, // Switzerland
	"CHL":      155, // Chile
	"CHN":      710, // China
	"CIV":      437, // Ivory Coast
	"CMR":      471, // Cameroon
	"COD":      490, // Democratic Republic of the Congo
	"COG":      484, // Congo
	"COL":      100, // Colombia
	"COM":      581, // Comoros
	"CPV":      402, // Cape Verde
	"CRI":      94,  // Costa Rica
	"CUB":      40,  // Cuba
	"CYP":      352, // Cyprus
	"DJI":      522, // Djibouti
	"DMA":      54,  // Dominica
	"DNK":      390, // Denmark
	"DOM":      42,  // Dominican Republic
	"DZA":      615, // Algeria
	"ECU":      130, // Ecuador
	"EGY":      651, // Egypt
	"ERI":      531, // Eritrea
	"ESP":      230, // Spain
	"EST":      366, // Estonia
	"ETH":      530, // Ethiopia
	"FIN":      375, // Finland
	"FJI":      950, // Fiji
	"FRA":      220, // France
	"FSM":      987, // Federated States of Micronesia
	"GAB":      481, // Gabon
	"GBR":      200, // United Kingdom
	"GEO":      372, // Georgia
	"GHA":      452, // Ghana
	"GIN":      438, // Guinea
	"GMB":      420, // Gambia
	"GNB":      404, // Guinea-Bissau
	"GNQ":      411, // Equatorial Guinea
	"GRC":      350, // Greece
	"GRD":      55,  // Grenada
	"GTM":      90,  // Guatemala
	"GUY":      110, // Guyana
	"HND":      91,  // Honduras
	"HRV":      344, // Croatia
	"HTI":      41,  // Haiti
	"HUN":      310, // Hungary
	"IDN":      850, // Indonesia
	"IND":      750, // India
	"IRL":      205, // Ireland
	"IRN":      630, // Iran
	"IRQ":      645, // Iraq
	"ISL":      395, // Iceland
	"ISR":      666, // Israel
	"ITA":      325, // Italy
	"JAM":      51,  // Jamaica
	"JOR":      663, // Jordan
	"JPN":      740, // Japan
	"KAZ":      705, // Kazakhstan
	"KEN":      501, // Kenya
	"KGZ":      703, // Kyrgyzstan
	"KHM":      811, // Cambodia
	"KIR":      946, // Kiribati
	"KNA":      60,  // St. Kitts and Nevis
	"KOR":      732, // South Korea
	"KWT":      690, // Kuwait
	"LAO":      812, // Laos
	"LBN":      660, // Lebanon
	"LBR":      450, // Liberia
	"LBY":      620, // Libya
	"LCA":      56,  // St. Lucia
	"LIE":      223, // Liechtenstein
	"LKA":      780, // Sri Lanka
	"LSO":      570, // Lesotho
	"LTU":      368, // Lithuania
	"LUX":      212, // Luxembourg
	"LVA":      367, // Latvia
	"MAR":      600, // Morocco
	"MCO":      221, // Monaco
	"MDA":      359, // Moldova
	"MDG":      580, // Madagascar
	"MDV":      781, // Maldives
	"MEX":      70,  // Mexico
	"MHL":      983, // Marshall Islands
	"MKD":      343, // Macedonia
	"MLI":      432, // Mali
	"MLT":      338, // Malta
	"MMR":      775, // Myanmar
	"MNE":      341, // Montenegro
	"MNG":      712, // Mongolia
	"MOZ":      541, // Mozambique
	"MRT":      435, // Mauritania
	"MUS":      590, // Mauritius
	"MWI":      553, // Malawi
	"MYS":      820, // Malaysia
	"NAM":      565, // Namibia
	"NER":      436, // Niger
	"NGA":      475, // Nigeria
	"NIC":      93,  // Nicaragua
	"NLD":      210, // Netherlands
	"NOR":      385, // Norway
	"NPL":      790, // Nepal
	"NRU":      970, // Nauru
	"NZL":      920, // New Zealand
	"OMN":      698, // Oman
	"OWID_KOS": 347, // Kosovo
	"PAK":      770, // Pakistan
	"PAN":      95,  // Panama
	"PER":      135, // Peru
	"PHL":      840, // Philippines
	"PLW":      986, // Palau
	"PNG":      910, // Papua New Guinea
	"POL":      290, // Poland
	"PRK":      731, // North Korea
	"PRT":      235, // Portugal
	"PRY":      150, // Paraguay
	"QAT":      694, // Qatar
	"ROU":      360, // Romania
	"RWA":      517, // Rwanda
	"SAU":      670, // Saudi Arabia
	"SDN":      625, // Sudan
	"SEN":      433, // Senegal
	"SGP":      830, // Singapore
	"SLB":      940, // Solomon Islands
	"SLE":      451, // Sierra Leone
	"SLV":      92,  // El Salvador
	"SMR":      331, // San Marino
	"SOM":      520, // Somalia
	"SSD":      626, // South Sudan
	"STP":      403, // Sao Tome and Principe
	"SUR":      115, // Suriname
	"SVN":      349, // Slovenia
	"SWE":      380, // Sweden
	"SWZ":      572, // Swaziland
	"SYC":      591, // Seychelles
	"SYR":      652, // Syria
	"TCD":      483, // Chad
	"TGO":      461, // Togo
	"THA":      800, // Thailand
	"TJK":      702, // Tajikistan
	"TKM":      701, // Turkmenistan
	"TLS":      860, // East Timor
	"TON":      955, // Tonga
	"TTO":      52,  // Trinidad and Tobago
	"TUN":      616, // Tunisia
	"TUR":      640, // Turkey
	"TUV":      947, // Tuvalu
	"TWN":      713, // Taiwan
	"TZA":      510, // Tanzania
	"UGA":      500, // Uganda
	"UKR":      369, // Ukraine
	"URY":      165, // Uruguay
	"USA":      2,   // United States of America
	"UZB":      704, // Uzbekistan
	"VCT":      57,  // St. Vincent and the Grenadines
	"VEN":      101, // Venezuela
	"VNM":      816, // Vietnam
	"VUT":      935, // Vanuatu
	"WSM":      990, // Samoa
	"XKX":      347, // Kosovo
	"ZAF":      560, // South Africa
	"ZMB":      551, // Zambia
	"ZWE":      552, // Zimbabwe
}
