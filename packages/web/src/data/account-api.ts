import { api } from '../api.ts';

/** An API token as listed: its secret is shown once, when made, and never again. */
export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listTokens(): Promise<ApiToken[]> {
  return (await api<{ tokens: ApiToken[] }>('GET', '/api/tokens')).tokens;
}

/** Makes a named token; answers its secret, to show once. */
export async function createToken(name: string): Promise<{ id: string; name: string; token: string }> {
  return api('POST', '/api/tokens', { name });
}

export async function revokeToken(id: string): Promise<void> {
  await api('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
}

/** Changes the password; every other session and every API token ends. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api('POST', '/api/account/password', { currentPassword, newPassword });
}
