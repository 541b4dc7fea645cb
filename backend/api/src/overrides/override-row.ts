import type { OverrideMode } from '@shelfcast/contracts';
import { isoDay, type SqlDate, type SqlNumeric } from '../database/raw-sql';
import type { OverrideSpec } from './override-math';

/** The columns of `forecast_overrides` the forecast math reads. */
export interface OverrideRow {
  id: SqlNumeric;
  start_date: SqlDate;
  end_date: SqlDate;
  mode: OverrideMode;
  value: SqlNumeric;
}

export function overrideSpec(r: OverrideRow): OverrideSpec {
  return {
    id: Number(r.id),
    startDate: isoDay(r.start_date),
    endDate: isoDay(r.end_date),
    mode: r.mode === 'total' ? 'total' : 'per_period',
    value: Number(r.value),
  };
}
