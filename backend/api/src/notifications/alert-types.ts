/**
 * The alert vocabulary shared by every feature that raises alerts. Features emit
 * {@link ALERT_RAISED} with an {@link AlertInput} instead of importing the notifications module, so
 * alerts never create an import cycle.
 */
export const ALERT_TYPES = [
  'run_failed',
  'run_rejected',
  'data_stale',
  'drift_flagged',
  'stockout_risk',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export type AlertSeverity = 'info' | 'warning' | 'critical';

export const ALERT_RAISED = 'alerts.raised';

export interface AlertInput {
  type: AlertType;
  /** Raising the same key twice (two instances, a repeated check) records and delivers it once. */
  dedupeKey: string;
  /** The store it concerns (store managers of other stores never receive it); null: chain-level. */
  storeId: number | null;
  severity: AlertSeverity;
  title: string;
  body: string;
  /** Dashboard path of the subject. */
  link: string | null;
  data?: Record<string, unknown>;
}
