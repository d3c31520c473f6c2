import type { FunctionComponent } from 'preact';

/** What every screen receives from the router. */
export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Screen = FunctionComponent<ScreenProps>;

/** A screen's module: loaded on first visit (code-split), its component the default export. */
export type ScreenModule = { default: Screen };
