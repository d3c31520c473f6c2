/**
 * Drafts kept for this browser tab while you write, so leaving Compose (to check their page, or when
 * the phone locks) does not lose the words. Session storage: gone when the tab closes.
 */
const PREFIX = 'rapport.compose.draft.';

export function composeDraftKey(personId: string | undefined, reminderId: string | undefined): string {
  return `${PREFIX}${personId ?? '-'}.${reminderId ?? '-'}`;
}

export function readDraft(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, text: string): void {
  try {
    sessionStorage.setItem(key, text);
  } catch {
    // Storage full or disabled: the draft lives on in the text box, only not across visits.
  }
}

export function forgetDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept, so nothing to forget.
  }
}
