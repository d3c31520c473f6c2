/**
 * An urlencoded form body as fields: `share=phone&share=handles` → { share: ['phone', 'handles'] }.
 * The object has no prototype, so a field named `__proto__` or `constructor` is just a field.
 */
export function parseForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const previous = form[key];
    form[key] = previous === undefined ? value : [previous, value].flat();
  }
  return form;
}
