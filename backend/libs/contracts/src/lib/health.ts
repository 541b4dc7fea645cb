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
