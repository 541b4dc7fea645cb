import type { Role } from '@shelfcast/contracts';

/** A response of the API under test: status, headers and the parsed body (JSON, else text). */
export interface TestResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Who makes a request: a test user's role, null for an anonymous request, or the exact headers to
 * send (a token or cookie the test obtained itself, e.g. from a login).
 */
export type Caller = Role | null | { headers: Record<string, string> };

/** JSON requests against the test app, each signed as a role's test user (default admin). */
export interface JsonCalls {
  get<T = unknown>(path: string, as?: Caller): Promise<TestResponse<T>>;
  post<T = unknown>(
    path: string,
    body?: unknown,
    as?: Caller,
  ): Promise<TestResponse<T>>;
  patch<T = unknown>(
    path: string,
    body?: unknown,
    as?: Caller,
  ): Promise<TestResponse<T>>;
  del<T = unknown>(path: string, as?: Caller): Promise<TestResponse<T>>;
}

export function jsonCalls(
  url: string,
  authHeaders: (role: Role) => Promise<Record<string, string>>,
): JsonCalls {
  const send = async <T>(
    method: string,
    path: string,
    body: unknown,
    as: Caller,
  ): Promise<TestResponse<T>> => {
    const headers: Record<string, string> =
      as === null
        ? {}
        : typeof as === 'string'
          ? await authHeaders(as)
          : { ...as.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json');
    return {
      status: res.status,
      headers: res.headers,
      body: (json && text ? JSON.parse(text) : text) as T,
    };
  };
  return {
    get: (path, as = 'admin') => send('GET', path, undefined, as),
    post: (path, body = {}, as = 'admin') => send('POST', path, body, as),
    patch: (path, body = {}, as = 'admin') => send('PATCH', path, body, as),
    del: (path, as = 'admin') => send('DELETE', path, undefined, as),
  };
}
