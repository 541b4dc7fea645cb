/** A value on a calendar day. Dates are ISO `yyyy-mm-dd`; `null` leaves a gap. */
export interface DatedValue {
  date: string;
  value: number | null;
}

/** One day of a probabilistic forecast: median and the 10th / 90th percentiles. */
export interface ForecastPoint {
  date: string;
  p10: number | null;
  p50: number;
  p90: number | null;
}

export const CHART_MARKER_KINDS = [
  'promotion',
  'holiday',
  'event',
  'closure',
  'stockout',
] as const;
export type ChartMarkerKind = (typeof CHART_MARKER_KINDS)[number];

/** A highlighted period (start..end inclusive) or day (no end) on a time chart. */
export interface ChartMarker {
  kind: ChartMarkerKind;
  start: string;
  end?: string | null;
  label: string;
}

/** An external signal (price index, weather...) drawn on a second y axis. */
export interface ChartSignal {
  name: string;
  points: readonly DatedValue[];
}

export type ChartMode = 'light' | 'dark';
