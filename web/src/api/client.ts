import createClient from 'openapi-fetch';
import { ApiError, networkError, toApiError } from './errors';
import type { paths } from './schema';

/**
 * The session hooks the client needs, set by the session store at start (the client stays free of
 * Pinia so that it can be imported anywhere).
 */
interface SessionHooks {
  token(): string | null;
  /** Shows the sign-in dialog over the current page; resolves once signed in again, rejects if the user gives up. */
  reauthenticate(): Promise<void>;
}

let hooks: SessionHooks = { token: () => null, reauthenticate: () => Promise.reject(new ApiError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录。')) };

export function connectSession(h: SessionHooks): void {
  hooks = h;
}

async function send(request: Request): Promise<Response> {
  const token = hooks.token();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(request);
  } catch {
    throw networkError();
  }
}

const isLogin = (request: Request): boolean => new URL(request.url).pathname === '/api/v1/auth/login';

/**
 * fetch for the API: adds the bearer token; when the token has expired mid-work, asks the user to sign
 * in again over the page they are on (their half-filled form stays) and repeats the call; turns every
 * non-2xx answer into an ApiError in Chinese.
 */
export async function apiFetch(request: Request): Promise<Response> {
  const again = request.clone();
  let response = await send(request);
  if (response.status === 401 && !isLogin(request)) {
    await hooks.reauthenticate();
    response = await send(again);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(response.status, body);
  }
  return response;
}

/** The typed client: paths, parameters and bodies come from the service's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: apiFetch });

/** The body of a successful call (apiFetch throws for every failure, so it is there). */
export function ok<T>(result: { data?: T }): T {
  return result.data as T;
}

/** Downloads a file the API streams (Excel, CSV), with the query of the list it exports. */
export async function download(path: string, query: Record<string, unknown>, fallbackName: string): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const qs = params.toString();
  const response = await apiFetch(new Request(`${path}${qs ? `?${qs}` : ''}`));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Sends a file as multipart (imports). */
export async function upload<T>(path: string, file: File, query: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const qs = new URLSearchParams(query).toString();
  const response = await apiFetch(new Request(`${path}${qs ? `?${qs}` : ''}`, { method: 'POST', body: form }));
  return (await response.json()) as T;
}
