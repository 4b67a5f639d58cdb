/**
 * The code tables the GDELT importer needs, in Dealmap's own format and words:
 *
 * - countries: ISO 3166-1 alpha-2 and alpha-3, the FIPS 10-4 code GDELT's geocoder uses, and an
 *   English name. CAMEO actor country codes are ISO alpha-3 with a few exceptions of their own;
 *   GDELT's ActionGeo_CountryCode is FIPS 10-4, which disagrees with ISO in dangerous ways
 *   (FIPS BO is Belarus, ISO BO is Bolivia; FIPS GM is Germany, ISO GM is Gambia), so nothing is
 *   ever passed through unconverted;
 * - CAMEO event codes: a short label in our words for each root (01–20) and base code, and the
 *   Dealmap event kind each maps to;
 * - CAMEO actor type codes: which actor kind an actor without a country becomes.
 *
 * The facts (which code means which country or act) come from the published FIPS 10-4, ISO 3166
 * and CAMEO code lists; the wording and layout are ours.
 */
import { type ActorKind, EVENT_KINDS, type EventKind } from "@dealmap/domain";

/**
 * One country a line: ISO alpha-2, ISO alpha-3, FIPS 10-4 ("--" when FIPS has no code of its
 * own), English name. Kept as text so the table stays readable and diffable.
 */
const COUNTRY_ROWS = `
AD AND AN Andorra
AE ARE AE United Arab Emirates
AF AFG AF Afghanistan
AG ATG AC Antigua and Barbuda
AI AIA AV Anguilla
AL ALB AL Albania
AM ARM AM Armenia
AO AGO AO Angola
AQ ATA AY Antarctica
AR ARG AR Argentina
AS ASM AQ American Samoa
AT AUT AU Austria
AU AUS AS Australia
AW ABW AA Aruba
AX ALA -- Aland Islands
AZ AZE AJ Azerbaijan
BA BIH BK Bosnia and Herzegovina
BB BRB BB Barbados
BD BGD BG Bangladesh
BE BEL BE Belgium
BF BFA UV Burkina Faso
BG BGR BU Bulgaria
BH BHR BA Bahrain
BI BDI BY Burundi
BJ BEN BN Benin
BL BLM TB Saint Barthelemy
BM BMU BD Bermuda
BN BRN BX Brunei
BO BOL BL Bolivia
BQ BES -- Caribbean Netherlands
BR BRA BR Brazil
BS BHS BF Bahamas
BT BTN BT Bhutan
BV BVT BV Bouvet Island
BW BWA BC Botswana
BY BLR BO Belarus
BZ BLZ BH Belize
CA CAN CA Canada
CC CCK CK Cocos (Keeling) Islands
CD COD CG Democratic Republic of the Congo
CF CAF CT Central African Republic
CG COG CF Republic of the Congo
CH CHE SZ Switzerland
CI CIV IV Cote d'Ivoire
CK COK CW Cook Islands
CL CHL CI Chile
CM CMR CM Cameroon
CN CHN CH China
CO COL CO Colombia
CR CRI CS Costa Rica
CU CUB CU Cuba
CV CPV CV Cabo Verde
CW CUW UC Curacao
CX CXR KT Christmas Island
CY CYP CY Cyprus
CZ CZE EZ Czechia
DE DEU GM Germany
DJ DJI DJ Djibouti
DK DNK DA Denmark
DM DMA DO Dominica
DO DOM DR Dominican Republic
DZ DZA AG Algeria
EC ECU EC Ecuador
EE EST EN Estonia
EG EGY EG Egypt
EH ESH WI Western Sahara
ER ERI ER Eritrea
ES ESP SP Spain
ET ETH ET Ethiopia
FI FIN FI Finland
FJ FJI FJ Fiji
FK FLK FK Falkland Islands
FM FSM FM Micronesia
FO FRO FO Faroe Islands
FR FRA FR France
GA GAB GB Gabon
GB GBR UK United Kingdom
GD GRD GJ Grenada
GE GEO GG Georgia
GF GUF FG French Guiana
GG GGY GK Guernsey
GH GHA GH Ghana
GI GIB GI Gibraltar
GL GRL GL Greenland
GM GMB GA Gambia
GN GIN GV Guinea
GP GLP GP Guadeloupe
GQ GNQ EK Equatorial Guinea
GR GRC GR Greece
GS SGS SX South Georgia and the South Sandwich Islands
GT GTM GT Guatemala
GU GUM GQ Guam
GW GNB PU Guinea-Bissau
GY GUY GY Guyana
HK HKG HK Hong Kong
HM HMD HM Heard Island and McDonald Islands
HN HND HO Honduras
HR HRV HR Croatia
HT HTI HA Haiti
HU HUN HU Hungary
ID IDN ID Indonesia
IE IRL EI Ireland
IL ISR IS Israel
IM IMN IM Isle of Man
IN IND IN India
IO IOT IO British Indian Ocean Territory
IQ IRQ IZ Iraq
IR IRN IR Iran
IS ISL IC Iceland
IT ITA IT Italy
JE JEY JE Jersey
JM JAM JM Jamaica
JO JOR JO Jordan
JP JPN JA Japan
KE KEN KE Kenya
KG KGZ KG Kyrgyzstan
KH KHM CB Cambodia
KI KIR KR Kiribati
KM COM CN Comoros
KN KNA SC Saint Kitts and Nevis
KP PRK KN North Korea
KR KOR KS South Korea
KW KWT KU Kuwait
KY CYM CJ Cayman Islands
KZ KAZ KZ Kazakhstan
LA LAO LA Laos
LB LBN LE Lebanon
LC LCA ST Saint Lucia
LI LIE LS Liechtenstein
LK LKA CE Sri Lanka
LR LBR LI Liberia
LS LSO LT Lesotho
LT LTU LH Lithuania
LU LUX LU Luxembourg
LV LVA LG Latvia
LY LBY LY Libya
MA MAR MO Morocco
MC MCO MN Monaco
MD MDA MD Moldova
ME MNE MJ Montenegro
MF MAF RN Saint Martin
MG MDG MA Madagascar
MH MHL RM Marshall Islands
MK MKD MK North Macedonia
ML MLI ML Mali
MM MMR BM Myanmar
MN MNG MG Mongolia
MO MAC MC Macao
MP MNP CQ Northern Mariana Islands
MQ MTQ MB Martinique
MR MRT MR Mauritania
MS MSR MH Montserrat
MT MLT MT Malta
MU MUS MP Mauritius
MV MDV MV Maldives
MW MWI MI Malawi
MX MEX MX Mexico
MY MYS MY Malaysia
MZ MOZ MZ Mozambique
NA NAM WA Namibia
NC NCL NC New Caledonia
NE NER NG Niger
NF NFK NF Norfolk Island
NG NGA NI Nigeria
NI NIC NU Nicaragua
NL NLD NL Netherlands
NO NOR NO Norway
NP NPL NP Nepal
NR NRU NR Nauru
NU NIU NE Niue
NZ NZL NZ New Zealand
OM OMN MU Oman
PA PAN PM Panama
PE PER PE Peru
PF PYF FP French Polynesia
PG PNG PP Papua New Guinea
PH PHL RP Philippines
PK PAK PK Pakistan
PL POL PL Poland
PM SPM SB Saint Pierre and Miquelon
PN PCN PC Pitcairn Islands
PR PRI RQ Puerto Rico
PS PSE WE Palestine
PT PRT PO Portugal
PW PLW PS Palau
PY PRY PA Paraguay
QA QAT QA Qatar
RE REU RE Reunion
RO ROU RO Romania
RS SRB RI Serbia
RU RUS RS Russia
RW RWA RW Rwanda
SA SAU SA Saudi Arabia
SB SLB BP Solomon Islands
SC SYC SE Seychelles
SD SDN SU Sudan
SE SWE SW Sweden
SG SGP SN Singapore
SH SHN SH Saint Helena
SI SVN SI Slovenia
SJ SJM SV Svalbard and Jan Mayen
SK SVK LO Slovakia
SL SLE SL Sierra Leone
SM SMR SM San Marino
SN SEN SG Senegal
SO SOM SO Somalia
SR SUR NS Suriname
SS SSD OD South Sudan
ST STP TP Sao Tome and Principe
SV SLV ES El Salvador
SX SXM NN Sint Maarten
SY SYR SY Syria
SZ SWZ WZ Eswatini
TC TCA TK Turks and Caicos Islands
TD TCD CD Chad
TF ATF FS French Southern Territories
TG TGO TO Togo
TH THA TH Thailand
TJ TJK TI Tajikistan
TK TKL TL Tokelau
TL TLS TT Timor-Leste
TM TKM TX Turkmenistan
TN TUN TS Tunisia
TO TON TN Tonga
TR TUR TU Turkey
TT TTO TD Trinidad and Tobago
TV TUV TV Tuvalu
TW TWN TW Taiwan
TZ TZA TZ Tanzania
UA UKR UP Ukraine
UG UGA UG Uganda
UM UMI -- United States Minor Outlying Islands
US USA US United States
UY URY UY Uruguay
UZ UZB UZ Uzbekistan
VA VAT VT Vatican City
VC VCT VC Saint Vincent and the Grenadines
VE VEN VE Venezuela
VG VGB VI British Virgin Islands
VI VIR VQ United States Virgin Islands
VN VNM VM Vietnam
VU VUT NH Vanuatu
WF WLF WF Wallis and Futuna
WS WSM WS Samoa
XK XKX KV Kosovo
YE YEM YM Yemen
YT MYT MF Mayotte
ZA ZAF SF South Africa
ZM ZMB ZA Zambia
ZW ZWE ZI Zimbabwe
`;

export interface CountryCodes {
  /** ISO 3166-1 alpha-2, e.g. "BY". */
  iso2: string;
  /** ISO 3166-1 alpha-3, e.g. "BLR" (also the CAMEO code, except for the few in CAMEO_ALIASES). */
  iso3: string;
  /** FIPS 10-4, e.g. "BO"; undefined when FIPS has none. */
  fips?: string;
  /** English name, e.g. "Belarus". */
  name: string;
}

/** Every country of the table, in table order (alphabetical by ISO alpha-2). */
export const COUNTRIES: readonly CountryCodes[] = COUNTRY_ROWS.trim()
  .split("\n")
  .map((row) => {
    const [iso2 = "", iso3 = "", fips = "", ...name] = row.split(" ");
    return { iso2, iso3, ...(fips === "--" ? {} : { fips }), name: name.join(" ") };
  });

const BY_ISO2 = new Map(COUNTRIES.map((c) => [c.iso2, c]));
const BY_ISO3 = new Map(COUNTRIES.map((c) => [c.iso3, c]));

/**
 * FIPS 10-4 codes that have no line of their own above: territories that FIPS codes apart but
 * ISO folds into a country, and an older FIPS code still met in GDELT data. FIPS codes with no
 * country at all (OS oceans, PF Paracel Islands, PG Spratly Islands, NT the former Netherlands
 * Antilles, YI the former Serbia and Montenegro) are left out on purpose: a place there gets no
 * country, and without a country it is not made.
 */
const FIPS_EXTRA: Readonly<Record<string, string>> = {
  GZ: "PS", // Gaza Strip (FIPS WE is the West Bank)
  RB: "RS", // Serbia, the code FIPS used from 2006 to 2008 before RI
  JN: "SJ", // Jan Mayen (FIPS SV is Svalbard)
  AT: "AU", // Ashmore and Cartier Islands
  CR: "AU", // Coral Sea Islands
  BQ: "UM", // Navassa Island
  DQ: "UM", // Jarvis Island
  FQ: "UM", // Baker Island
  HQ: "UM", // Howland Island
  JQ: "UM", // Johnston Atoll
  KQ: "UM", // Kingman Reef
  LQ: "UM", // Palmyra Atoll
  MQ: "UM", // Midway Islands
  WQ: "UM", // Wake Island
  BS: "TF", // Bassas da India
  EU: "TF", // Europa Island
  GO: "TF", // Glorioso Islands
  JU: "TF", // Juan de Nova Island
  TE: "TF", // Tromelin Island
  IP: "FR", // Clipperton Island (ISO gives it no code of its own)
  AX: "GB", // Akrotiri, a UK sovereign base area on Cyprus
  DX: "GB", // Dhekelia, the other one
};

const BY_FIPS = new Map<string, string>([
  ...COUNTRIES.flatMap((c) => (c.fips ? [[c.fips, c.iso2] as [string, string]] : [])),
  ...Object.entries(FIPS_EXTRA),
]);

/**
 * CAMEO actor country codes that are not the country's ISO alpha-3: older or CAMEO-specific
 * codes, and the two Palestinian territories and one city CAMEO codes apart.
 */
export const CAMEO_ALIASES: Readonly<Record<string, string>> = {
  ROM: "RO", // Romania before ISO changed ROM to ROU
  TMP: "TL", // East Timor before ISO changed TMP to TLS
  MTN: "ME", // Montenegro in GDELT's CAMEO list (ISO: MNE)
  IMY: "IM", // Isle of Man in GDELT's CAMEO list (ISO: IMN)
  KSV: "XK", // Kosovo
  ZAR: "CD", // Zaire, now the Democratic Republic of the Congo
  WSB: "PS", // West Bank
  GZS: "PS", // Gaza Strip
  BAG: "IQ", // Baghdad, which CAMEO codes like a country
};

/**
 * CAMEO codes for regions, not countries. An actor coded with one of these has no country: it
 * becomes a `group` of the import named after the region.
 */
export const CAMEO_REGIONS: Readonly<Record<string, string>> = {
  AFR: "Africa",
  ASA: "Asia",
  BLK: "the Balkans",
  CRB: "the Caribbean",
  CAU: "the Caucasus",
  CFR: "Central Africa",
  CAS: "Central Asia",
  CEU: "Central Europe",
  EIN: "the East Indies",
  EAF: "East Africa",
  EEU: "Eastern Europe",
  EUR: "Europe",
  LAM: "Latin America",
  MEA: "the Middle East",
  MDT: "the Mediterranean",
  NAF: "North Africa",
  NMR: "North America",
  PGS: "the Persian Gulf",
  SCN: "Scandinavia",
  SAM: "South America",
  SAS: "South Asia",
  SEA: "Southeast Asia",
  SAF: "Southern Africa",
  WAF: "West Africa",
  WST: "the West",
};

/** ISO alpha-2 of a FIPS 10-4 country code (GDELT's geo country codes), or undefined. */
export function isoFromFips(fips: string): string | undefined {
  return BY_FIPS.get(fips);
}

/** ISO alpha-2 of a CAMEO actor country code (e.g. "BLR" → "BY"), or undefined (regions too). */
export function isoFromCameo(code: string): string | undefined {
  return CAMEO_ALIASES[code] ?? BY_ISO3.get(code)?.iso2;
}

/** English name of an ISO alpha-2 country code, or undefined. */
export function countryName(iso2: string): string | undefined {
  return BY_ISO2.get(iso2)?.name;
}

/** A short label in our words for each CAMEO root code (the first two digits). */
export const CAMEO_ROOT_LABELS: Readonly<Record<string, string>> = {
  "01": "public statement",
  "02": "appeal",
  "03": "stated intent to cooperate",
  "04": "consultation",
  "05": "diplomatic cooperation",
  "06": "material cooperation",
  "07": "aid",
  "08": "concession",
  "09": "investigation",
  "10": "demand",
  "11": "disapproval",
  "12": "rejection",
  "13": "threat",
  "14": "protest",
  "15": "show of force",
  "16": "relations cut back",
  "17": "coercion",
  "18": "assault",
  "19": "armed fighting",
  "20": "mass violence",
};

/**
 * A short label in our words for each CAMEO base code (three digits), and for the few
 * four-digit codes Dealmap maps to a kind of their own. Used in titles and summaries.
 */
export const CAMEO_LABELS: Readonly<Record<string, string>> = {
  "010": "statement",
  "011": "refusal to comment",
  "012": "gloomy remark",
  "013": "hopeful remark",
  "014": "policy option weighed",
  "015": "responsibility admitted",
  "016": "responsibility denied",
  "017": "symbolic gesture",
  "018": "expression of sympathy",
  "019": "expression of agreement",
  "020": "appeal",
  "021": "appeal for material cooperation",
  "022": "appeal for diplomatic cooperation",
  "023": "appeal for aid",
  "024": "appeal for political reform",
  "025": "appeal to give way",
  "026": "appeal to meet or negotiate",
  "027": "appeal to settle a dispute",
  "028": "appeal for mediation",
  "030": "stated intent to cooperate",
  "031": "offer of material cooperation",
  "032": "offer of diplomatic cooperation",
  "033": "offer of aid",
  "034": "promise of political reform",
  "035": "promise to give way",
  "0354": "promise to ease economic sanctions",
  "036": "offer to meet or negotiate",
  "037": "offer to settle a dispute",
  "038": "mediation accepted",
  "039": "offer to mediate",
  "040": "consultation",
  "041": "phone call",
  "042": "visit",
  "043": "visit hosted",
  "044": "meeting at a third place",
  "045": "mediation",
  "046": "negotiation",
  "050": "diplomatic cooperation",
  "051": "praise or endorsement",
  "052": "verbal defence",
  "053": "support rallied",
  "054": "diplomatic recognition",
  "055": "apology",
  "056": "forgiveness",
  "057": "formal agreement signed",
  "060": "material cooperation",
  "061": "economic cooperation",
  "062": "military cooperation",
  "063": "judicial cooperation",
  "064": "intelligence shared",
  "070": "aid",
  "071": "economic aid",
  "072": "military aid",
  "073": "humanitarian aid",
  "074": "protection or peacekeeping",
  "075": "asylum granted",
  "080": "concession",
  "081": "restrictions eased",
  "082": "dissent tolerated",
  "083": "political reform conceded",
  "084": "release or return",
  "0841": "people released",
  "0842": "property returned",
  "085": "economic sanctions eased",
  "086": "outside involvement allowed",
  "087": "military de-escalation",
  "090": "investigation",
  "091": "crime or corruption investigated",
  "092": "human-rights abuses investigated",
  "093": "military action investigated",
  "094": "war crimes investigated",
  "100": "demand",
  "101": "demand for material cooperation",
  "102": "demand for diplomatic cooperation",
  "103": "demand for aid",
  "104": "demand for political reform",
  "105": "demand to give way",
  "106": "demand to meet or negotiate",
  "107": "demand to settle a dispute",
  "108": "demand for mediation",
  "110": "disapproval",
  "111": "criticism",
  "112": "accusation",
  "113": "opposition rallied",
  "114": "official complaint",
  "115": "lawsuit",
  "116": "found guilty or liable",
  "120": "rejection",
  "121": "material cooperation refused",
  "122": "aid refused",
  "123": "political reform refused",
  "124": "refusal to give way",
  "125": "talks refused",
  "126": "mediation refused",
  "127": "settlement refused",
  "128": "norms or law defied",
  "129": "veto",
  "130": "threat",
  "131": "non-military threat",
  "132": "threat of restrictions",
  "133": "threat of protest",
  "134": "threat to end talks",
  "135": "threat to end mediation",
  "136": "threat to end outside involvement",
  "137": "threat of repression",
  "138": "threat of military force",
  "139": "ultimatum",
  "140": "protest",
  "141": "demonstration",
  "142": "hunger strike",
  "143": "strike or boycott",
  "144": "passage blocked by protesters",
  "145": "violent protest",
  "150": "show of force",
  "151": "police put on alert",
  "152": "military put on alert",
  "153": "police mobilized",
  "154": "armed forces mobilized",
  "155": "cyber forces mobilized",
  "160": "relations cut back",
  "161": "diplomatic relations cut",
  "162": "aid cut",
  "163": "sanctions, embargo or boycott imposed",
  "164": "talks broken off",
  "165": "mediation broken off",
  "166": "foreign presence expelled or withdrawn",
  "170": "coercion",
  "171": "property seized or destroyed",
  "172": "restrictions imposed",
  "173": "arrest or charge",
  "174": "deportation",
  "175": "violent repression",
  "176": "cyber attack",
  "180": "assault",
  "181": "abduction or hostage taking",
  "182": "physical assault",
  "183": "bombing",
  "184": "human shield",
  "185": "assassination attempt",
  "186": "assassination",
  "190": "armed fighting",
  "191": "blockade or movement restricted",
  "192": "territory occupied",
  "193": "small-arms fighting",
  "194": "artillery or tank fire",
  "195": "air strikes",
  "196": "ceasefire broken",
  "200": "mass violence",
  "201": "mass expulsion",
  "202": "mass killing",
  "203": "ethnic cleansing",
  "204": "weapons of mass destruction used",
};

/** The Dealmap kind of every event under a CAMEO root, unless a base or full code says more. */
const ROOT_KIND: Readonly<Record<string, EventKind>> = {
  "01": "statement",
  "02": "appeal",
  "03": "proposal",
  "04": "meeting",
  "10": "demand",
  "11": "political-dispute",
  "13": "threat",
  "14": "protest",
};

/** Base (three-digit) and full (four-digit) codes whose kind differs from their root's. */
const CODE_KIND: Readonly<Record<string, EventKind>> = {
  "0354": "sanctions-promised",
  "041": "phone-call",
  "042": "visit",
  "043": "visit",
  "051": "praise",
  "052": "praise",
  "053": "praise",
  "055": "statement",
  "056": "statement",
  "061": "trade-shipment",
  "075": "offer-of-refuge",
  "084": "release",
  "0841": "release",
  "0842": "other",
  "085": "sanctions-eased",
  "115": "other",
  "116": "sentencing",
  "161": "political-dispute",
  "163": "sanctions-imposed",
  "173": "arrest",
  "174": "deportation",
  "192": "invasion",
  "201": "deportation",
};

/**
 * Where GDELT rows do NOT get the kind whose `cameo` field in EVENT_KINDS names the code, and
 * why. EVENT_KINDS maps Dealmap's kinds to the nearest CAMEO code for export; read backwards,
 * some of those would claim more than a machine-coded row says.
 */
export const CAMEO_KIND_EXCEPTIONS: Readonly<Record<string, { kind: EventKind; why: string }>> = {
  "010": {
    kind: "statement",
    why: "interview also maps to 010; a coded statement is not known to be an interview",
  },
  "020": { kind: "appeal", why: "lobbying also maps to 020; an appeal is the general case" },
  "0841": { kind: "release", why: "prisoner-exchange also maps to 0841; a release is the general case" },
  "173": { kind: "arrest", why: "sentencing also maps to 173; CAMEO 173 is arrest, detention or charges" },
  "057": {
    kind: "other",
    why: "CAMEO 057 is any formal agreement; GDELT does not say a mediator was involved",
  },
  "081": { kind: "other", why: "CAMEO 081 eases curfews, bans and emergencies, not borders in particular" },
  "152": {
    kind: "other",
    why: "CAMEO 152 raises military alert; it does not say troops crossed a territory",
  },
  "161": {
    kind: "political-dispute",
    why: "CAMEO 161 cuts diplomatic relations; it is not the end of a contract",
  },
  "172": { kind: "other", why: "CAMEO 172 covers curfews, bans and emergencies, not only border closures" },
  "180": {
    kind: "other",
    why: "CAMEO 180 is any assault; it does not say forces rose against their command",
  },
  "190": {
    kind: "other",
    why: "CAMEO 190 is any armed fighting; only 192 (occupying territory) maps to invasion",
  },
};

/** True when the string is a CAMEO event code GDELT can give: 2–4 digits under roots 01–20. */
export function isCameoEventCode(code: string): boolean {
  return /^[0-9]{2,4}$/.test(code) && CAMEO_ROOT_LABELS[code.slice(0, 2)] !== undefined;
}

/**
 * The Dealmap event kind of a CAMEO event code: the full code's own mapping if it has one, then
 * its base code's (three digits), then its root's (two digits), else "other".
 */
export function cameoKind(code: string): EventKind {
  const kind = CODE_KIND[code] ?? CODE_KIND[code.slice(0, 3)] ?? ROOT_KIND[code.slice(0, 2)] ?? "other";
  return kind;
}

/** The label of a CAMEO code in our words: its own, else its base code's, else its root's. */
export function cameoLabel(code: string): string {
  return (
    CAMEO_LABELS[code] ?? CAMEO_LABELS[code.slice(0, 3)] ?? CAMEO_ROOT_LABELS[code.slice(0, 2)] ?? "event"
  );
}

/** Every CAMEO code named in EVENT_KINDS, with the kinds that name it (for the tests and docs). */
export function eventKindsByCameo(): Map<string, EventKind[]> {
  const out = new Map<string, EventKind[]>();
  for (const [kind, k] of Object.entries(EVENT_KINDS) as [EventKind, { cameo?: string }][]) {
    if (k.cameo) out.set(k.cameo, [...(out.get(k.cameo) ?? []), kind]);
  }
  return out;
}

/** CAMEO actor type codes, with a short label in our words, grouped by the actor kind they give. */
export const CAMEO_ACTOR_TYPES: Readonly<Record<string, { label: string; kind: ActorKind }>> = {
  GOV: { label: "government", kind: "organization" },
  MIL: { label: "military", kind: "organization" },
  COP: { label: "police", kind: "organization" },
  JUD: { label: "judiciary", kind: "organization" },
  LEG: { label: "legislature", kind: "organization" },
  SPY: { label: "intelligence service", kind: "organization" },
  PTY: { label: "political party", kind: "organization" },
  NGO: { label: "non-governmental organization", kind: "organization" },
  IGO: { label: "intergovernmental organization", kind: "organization" },
  NGM: { label: "non-governmental movement", kind: "organization" },
  EDU: { label: "education", kind: "organization" },
  HLH: { label: "health", kind: "organization" },
  HRI: { label: "human-rights group", kind: "organization" },
  LAB: { label: "labour", kind: "organization" },
  ENV: { label: "environmental group", kind: "organization" },
  BUS: { label: "business", kind: "company" },
  MNC: { label: "multinational company", kind: "company" },
  MED: { label: "media", kind: "media" },
  REL: { label: "religious", kind: "group" },
  CVL: { label: "civilians", kind: "group" },
  REF: { label: "refugees", kind: "group" },
  REB: { label: "rebels", kind: "group" },
  OPP: { label: "opposition", kind: "group" },
  INS: { label: "insurgents", kind: "group" },
  SEP: { label: "separatists", kind: "group" },
  UAF: { label: "unidentified armed group", kind: "group" },
  CRM: { label: "criminals", kind: "group" },
  AGR: { label: "agriculture", kind: "group" },
  ELI: { label: "elites", kind: "group" },
  MOD: { label: "moderates", kind: "group" },
  RAD: { label: "radicals", kind: "group" },
  SET: { label: "settlers", kind: "group" },
  SPC: { label: "special interests", kind: "group" },
};

/**
 * The kind of an actor without a country: the first of its type codes that names a company,
 * media outlet or organization decides; an actor with a known-group code (the UN, NATO, a
 * named party or movement) is an organization; anything else is a group.
 */
export function actorKindFromTypes(types: readonly string[], knownGroup: string): ActorKind {
  for (const t of types) {
    const kind = CAMEO_ACTOR_TYPES[t]?.kind;
    if (kind && kind !== "group") return kind;
  }
  return knownGroup !== "" ? "organization" : "group";
}
