/**
 * A stored phone number split into the line and its extension. Numbers are stored in E.164, then
 * `;ext=` and the extension when there is one, as a tel: URI writes it (RFC 3966): calls dial the
 * whole, while a text message or WhatsApp can only reach the line.
 * @example
 * splitPhoneExtension('+12015550123;ext=45') // { line: '+12015550123', extension: '45' }
 * splitPhoneExtension('+4917012345678') // { line: '+4917012345678', extension: undefined }
 */
export function splitPhoneExtension(phone: string): { line: string; extension: string | undefined } {
  const at = phone.indexOf(';ext=');
  if (at < 0) return { line: phone, extension: undefined };
  return { line: phone.slice(0, at), extension: phone.slice(at + ';ext='.length) };
}
