/**
 * The regions whose phone numbers the server can read (libphonenumber's list, as the server's
 * `phoneRegion` check takes them). Kept here as one string so the welcome screen needs no
 * phone library: the names come from the browser (Intl.DisplayNames), in the person's language.
 */
const CODES =
  'AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW ' +
  'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ ' +
  'IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG ' +
  'MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH ' +
  'PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ' +
  'ZW';

export const PHONE_REGION_CODES: readonly string[] = CODES.split(' ');

const FALLBACK_REGION = 'US';

export interface PhoneRegion {
  code: string;
  name: string;
}

/** Every region with its name in the browser's language, sorted by name. */
export function listPhoneRegions(language = navigator.language): PhoneRegion[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
  } catch {
    names = undefined; // an odd language tag: the codes alone still work
  }
  return PHONE_REGION_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, language),
  );
}

/** The region a browser's language points to ("de-AT" → AT, "de" → DE), or US when it says none. */
export function guessPhoneRegion(language = navigator.language): string {
  try {
    const region = new Intl.Locale(language).maximize().region;
    if (region && PHONE_REGION_CODES.includes(region)) return region;
  } catch {
    // an invalid tag: fall through to the default
  }
  return FALLBACK_REGION;
}

/** The device's IANA time zone, e.g. Europe/Berlin (UTC when the browser does not say). */
export function detectTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA time zone the browser knows, for suggestions; empty where it cannot list them. */
export function listTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
