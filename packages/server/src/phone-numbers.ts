import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A phone number as typed, in E.164 when it is a valid number; undefined otherwise. */
export function toE164(text: string, region: string): string | undefined {
  const defaultCountry = isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const number = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {});
  return number?.isValid() ? number.number : undefined;
}

/** An E.164 number shown the way the account's region writes it: national at home, international abroad. */
export function formatPhone(e164: string, region: string): string {
  const number = parsePhoneNumberFromString(e164);
  if (!number) return e164;
  return number.country === region ? number.formatNational() : number.formatInternational();
}

export function isRegion(region: string): boolean {
  return isSupportedCountry(region);
}
