export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  database: {
    type: 'sqlite' | 'postgres';
    ok: boolean;
    latencyMs: number;
    error?: string;
  };
}

/** Deployment settings any client may read before sign-in (GET /api/settings/public). */
export interface PublicSettings {
  /** ISO 4217 code every amount is in, e.g. `USD`. */
  currency: string;
}
