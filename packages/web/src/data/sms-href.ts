import { splitPhoneExtension } from '@rapport/core';

/**
 * RFC 5724: `sms:<number>?body=<text>`; the number is stored in E.164. A text reaches the line, not
 * an extension, so an extension is left out.
 */
export function smsHref(phone: string, text: string): string {
  return `sms:${splitPhoneExtension(phone).line}?body=${encodeURIComponent(text)}`;
}
