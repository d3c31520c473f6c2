import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number as typed, in E.164 when it is a valid number, then `;ext=` and the extension when
 * one was typed ("ext. 45", "x45", a tel: URI's ";ext=45"); undefined when it is not a valid number.
 */
export function toE164(text: string, region: string): string | undefined {
  const defaultCountry = isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const number = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {});
  if (!number?.isValid()) return undefined;
  return number.ext ? `${number.number};ext=${number.ext}` : number.number;
}

/**
 * A stored number shown the way the account's region writes it: national at home, international
 * abroad, an extension as "ext. 45".
 */
export function formatPhone(e164: string, region: string): string {
  const number = parsePhoneNumberFromString(e164);
  if (!number) return e164;
  return number.country === region ? number.formatNational() : number.formatInternational();
}

export function isRegion(region: string): boolean {
  return isSupportedCountry(region);
}
