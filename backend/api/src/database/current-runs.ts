import type { DataSource } from 'typeorm';
import { sqlQuery } from './raw-sql';

interface RunIdRow {
  run_id: string | null;
}

/** The run whose forecasts are served (the serving pointer), or null before the first promotion. */
export async function servingRun(ds: DataSource): Promise<string | null> {
  const [r] = await sqlQuery<RunIdRow>(
    ds,
    'SELECT run_id FROM serving WHERE id = 1',
  );
  return r?.run_id ?? null;
}

/** The run behind the most recently generated recommendation lines, or null when there are none. */
export async function latestRecommendationRun(
  ds: DataSource,
): Promise<string | null> {
  const [r] = await sqlQuery<RunIdRow>(
    ds,
    'SELECT run_id FROM recommendations ORDER BY generated_at DESC, id DESC LIMIT 1',
  );
  return r?.run_id ?? null;
}
