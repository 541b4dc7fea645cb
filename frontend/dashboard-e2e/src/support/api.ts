/** Direct API calls for test set-up and cross-checks (what the page shows vs what the API says). */
import type { ApiServer, DemoUser } from './server';

export class ApiClient {
  private token: string | null = null;

  constructor(private readonly server: ApiServer) {}

  /** Logs in as the first demo admin once auth exists; before that, calls go without a token. */
  private async authorization(): Promise<Record<string, string>> {
    const admin = this.server.demoUsers().find((u) => u.role === 'admin');
    if (!admin) {
      return {};
    }
    this.token ??= (await login(this.server.baseUrl, admin)).accessToken;
    return { authorization: `Bearer ${this.token}` };
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.server.baseUrl}/api${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(await this.authorization()),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(
        `POST /api${path}: ${response.status} ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.server.baseUrl}/api${path}`, {
      headers: { accept: 'application/json', ...(await this.authorization()) },
    });
    if (!response.ok) {
      throw new Error(`GET /api${path}: ${response.status}`);
    }
    return (await response.json()) as T;
  }
}

export interface LoginResult {
  accessToken: string;
}

export async function login(
  baseUrl: string,
  user: Pick<DemoUser, 'email' | 'password'>,
): Promise<LoginResult> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!response.ok) {
    throw new Error(`Login as ${user.email}: ${response.status}`);
  }
  return (await response.json()) as LoginResult;
}
