// Bearer secrets (session cookies, invitation and reset links, API keys):
// 256 random bits shown once, only their SHA-256 stored.
import { toBase64Url } from "./password.ts";

export function newToken(prefix: string): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return toBase64Url(new Uint8Array(digest));
}

export function newId(): string {
  return crypto.randomUUID();
}
