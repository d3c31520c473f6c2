/** Pages kept at most (a card page is about 3 KB); past that the oldest goes. */
const MAX_PAGES = 1_000;

interface KeptPage {
  /** The link's expiry, in ms since the epoch. */
  expiresAt: number;
  page: Buffer;
}

/**
 * Card pages of live exchange links, by token hash, kept while the store's data version stays put
 * (no write by this process, no commit by any other) and the link has not expired. Any write at all
 * forgets every page: writes are rare beside views, and a page is never answered from data that may
 * have changed. A store without a cheap version (PostgreSQL, where another process may revoke a link
 * at any moment) keeps nothing. A kept page holds its token, as every answer does: in this process's
 * memory only, never in the database or a log (docs/decisions/0009-public-page-speed.md).
 */
export function createExchangePageCache(maxPages = MAX_PAGES) {
  const pages = new Map<string, KeptPage>();
  let pagesVersion: number | undefined;

  return {
    /** The page kept for this token hash, if its data is unchanged at `version` and the link is live at `now` (ms). */
    find(tokenHash: string, version: number | undefined, now: number): Buffer | undefined {
      if (version === undefined) return undefined;
      if (version !== pagesVersion) {
        pages.clear();
        pagesVersion = version;
        return undefined;
      }
      const kept = pages.get(tokenHash);
      if (kept === undefined) return undefined;
      if (kept.expiresAt > now) return kept.page;
      pages.delete(tokenHash);
      return undefined;
    },

    /**
     * Keeps a page made from data read at `version` (read before the data, so a write in between
     * leaves it behind): kept only while that is still the version the pages belong to.
     */
    keep(tokenHash: string, version: number | undefined, expiresAt: number, page: Buffer): void {
      if (version === undefined || version !== pagesVersion) return;
      if (pages.size >= maxPages && !pages.has(tokenHash)) {
        const oldest = pages.keys().next();
        if (!oldest.done) pages.delete(oldest.value);
      }
      pages.set(tokenHash, { expiresAt, page });
    },
  };
}

export type ExchangePageCache = ReturnType<typeof createExchangePageCache>;
