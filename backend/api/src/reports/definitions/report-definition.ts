import type {
  ReportFilterKey,
  ReportFormat,
  ReportId,
} from '@shelfcast/contracts';
import type { StoreSummary } from '../writers/pdf-summary';
import type { ReportSection } from '../../common/tabular/report-types';
import type { ReportContext } from './report-context';

/** One report: what it accepts, its sections (sheets), and for PDF the store pages. */
export interface ReportDefinition {
  id: ReportId;
  title: string;
  description: string;
  formats: readonly ReportFormat[];
  filters: readonly ReportFilterKey[];
  dateMeaning: string | null;
  statuses: readonly string[];
  sections: readonly { id: string; title: string }[];
  /** The sections with their row sources (nothing is read before the writer iterates). */
  build(ctx: ReportContext): Promise<ReportSection[]>;
  /** PDF: one summary per store. */
  storeSummaries?(ctx: ReportContext): AsyncIterable<StoreSummary>;
}
