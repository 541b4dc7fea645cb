import type { ReportDefinitionDto, ReportId } from '@shelfcast/contracts';
import { ACCURACY_REPORT } from './accuracy.report';
import { FORECASTS_REPORT } from './forecasts.report';
import { RECOMMENDATIONS_REPORT } from './recommendations.report';
import type { ReportDefinition } from './report-definition';
import { STOCK_RISK_REPORT } from './stock-risk.report';
import { STORE_SUMMARY_REPORT } from './store-summary.report';
import { TRAINING_RUNS_REPORT } from './training-runs.report';

/** Every report, one definition each. */
export const REPORTS: readonly ReportDefinition[] = [
  FORECASTS_REPORT,
  ACCURACY_REPORT,
  RECOMMENDATIONS_REPORT,
  STOCK_RISK_REPORT,
  TRAINING_RUNS_REPORT,
  STORE_SUMMARY_REPORT,
];

const BY_ID = new Map<string, ReportDefinition>(REPORTS.map((r) => [r.id, r]));

export function reportById(id: string): ReportDefinition | undefined {
  return BY_ID.get(id);
}

export function toDefinitionDto(r: ReportDefinition): ReportDefinitionDto {
  return {
    id: r.id as ReportId,
    title: r.title,
    description: r.description,
    formats: [...r.formats],
    filters: [...r.filters],
    dateMeaning: r.dateMeaning,
    statuses: [...r.statuses],
    sections: r.sections.map((s) => ({ ...s })),
  };
}
