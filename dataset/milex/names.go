package milex

import "strings"

// SIPRIName returns the ISO 3166 alpha-3 code for a country name as written
// in the SIPRI table (surrounding spaces ignored), or ok=false if unknown.
// Successor and predecessor states keep separate codes ("USSR" SUN and
// "Russia" RUS, "German DR" DDR, "Yemen, North" YAR), and "Germany" is DEU,
// which countries.ISO3ToCOW maps to the German Federal Republic (260)
// before 1990 as SIPRI's series does.
func SIPRIName(name string) (iso3 string, ok bool) {
	iso3, ok = sipriNames[strings.TrimSpace(name)]
	return iso3, ok
}

// sipriNames covers all 173 names of sipri_milex_current_usd_m_1949-2018.csv
// (after Windows-1252 decoding).
var sipriNames = map[string]string{
	// Africa
	"Algeria": "DZA", "Libya": "LBY", "Morocco": "MAR", "Tunisia": "TUN", "Angola": "AGO",
	"Benin": "BEN", "Botswana": "BWA", "Burkina Faso": "BFA", "Burundi": "BDI", "Cameroon": "CMR",
	"Cape Verde": "CPV", "Central African Rep.": "CAF", "Chad": "TCD", "Congo, Republic of": "COG",
	"Congo, Dem. Rep.": "COD", "Côte d’Ivoire": "CIV", "Djibouti": "DJI", "Equatorial Guinea": "GNQ",
	"Eritrea": "ERI", "Ethiopia": "ETH", "Gabon": "GAB", "Gambia": "GMB", "Ghana": "GHA",
	"Guinea": "GIN", "Guinea-Bissau": "GNB", "Kenya": "KEN", "Lesotho": "LSO", "Liberia": "LBR",
	"Madagascar": "MDG", "Malawi": "MWI", "Mali": "MLI", "Mauritania": "MRT", "Mauritius": "MUS",
	"Mozambique": "MOZ", "Namibia": "NAM", "Niger": "NER", "Nigeria": "NGA", "Rwanda": "RWA",
	"Senegal": "SEN", "Seychelles": "SYC", "Sierra Leone": "SLE", "Somalia": "SOM",
	"South Africa": "ZAF", "South Sudan": "SSD", "Sudan": "SDN", "eSwatini": "SWZ", "Tanzania": "TZA",
	"Togo": "TGO", "Uganda": "UGA", "Zambia": "ZMB", "Zimbabwe": "ZWE",
	// Americas
	"Belize": "BLZ", "Costa Rica": "CRI", "Cuba": "CUB", "Dominican Rep.": "DOM", "El Salvador": "SLV",
	"Guatemala": "GTM", "Haiti": "HTI", "Honduras": "HND", "Jamaica": "JAM", "Mexico": "MEX",
	"Nicaragua": "NIC", "Panama": "PAN", "Trinidad & Tobago": "TTO", "Canada": "CAN", "USA": "USA",
	"Argentina": "ARG", "Bolivia": "BOL", "Brazil": "BRA", "Chile": "CHL", "Colombia": "COL",
	"Ecuador": "ECU", "Guyana": "GUY", "Paraguay": "PRY", "Peru": "PER", "Uruguay": "URY",
	"Venezuela": "VEN",
	// Asia and Oceania
	"Kazakhstan": "KAZ", "Kyrgyzstan": "KGZ", "Tajikistan": "TJK", "Turkmenistan": "TKM",
	"Uzbekistan": "UZB", "China": "CHN", "Japan": "JPN", "Korea, North": "PRK", "Korea, South": "KOR",
	"Mongolia": "MNG", "Taiwan": "TWN", "Afghanistan": "AFG", "Bangladesh": "BGD", "India": "IND",
	"Nepal": "NPL", "Pakistan": "PAK", "Sri Lanka": "LKA", "Brunei": "BRN", "Cambodia": "KHM",
	"Indonesia": "IDN", "Laos": "LAO", "Malaysia": "MYS", "Myanmar": "MMR", "Philippines": "PHL",
	"Singapore": "SGP", "Thailand": "THA", "Timor-Leste": "TLS", "Viet Nam": "VNM",
	"Australia": "AUS", "Fiji": "FJI", "New Zealand": "NZL", "Papua New Guinea": "PNG",
	// Europe
	"Albania": "ALB", "Bosnia-Herzegovina": "BIH", "Bulgaria": "BGR", "Croatia": "HRV", "Czechia": "CZE",
	"Czechoslovakia": "CSK", "Estonia": "EST", "German DR": "DDR", "Hungary": "HUN", "Kosovo": "XKX",
	"Latvia": "LVA", "Lithuania": "LTU", "Montenegro": "MNE", "North Macedonia": "MKD", "Poland": "POL",
	"Romania": "ROU", "Serbia": "SRB", "Slovakia": "SVK", "Slovenia": "SVN", "Yugoslavia": "YUG",
	"Armenia": "ARM", "Azerbaijan": "AZE", "Belarus": "BLR", "Georgia": "GEO", "Moldova": "MDA",
	"Russia": "RUS", "Ukraine": "UKR", "USSR": "SUN", "Austria": "AUT", "Belgium": "BEL",
	"Cyprus": "CYP", "Denmark": "DNK", "Finland": "FIN", "France": "FRA", "Germany": "DEU",
	"Greece": "GRC", "Iceland": "ISL", "Ireland": "IRL", "Italy": "ITA", "Luxembourg": "LUX",
	"Malta": "MLT", "Netherlands": "NLD", "Norway": "NOR", "Portugal": "PRT", "Spain": "ESP",
	"Sweden": "SWE", "Switzerland": "CHE", "UK": "GBR",
	// Middle East
	"Bahrain": "BHR", "Egypt": "EGY", "Iran": "IRN", "Iraq": "IRQ", "Israel": "ISR", "Jordan": "JOR",
	"Kuwait": "KWT", "Lebanon": "LBN", "Oman": "OMN", "Qatar": "QAT", "Saudi Arabia": "SAU",
	"Syria": "SYR", "Turkey": "TUR", "UAE": "ARE", "Yemen": "YEM", "Yemen, North": "YAR",
}
