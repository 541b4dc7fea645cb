import type { ImportErrorReason, ImportRowError } from '@shelfcast/contracts';

/** Longest value echoed in an error (the 422 body and the stored import history). */
export const MAX_ECHOED_CHARS = 200;
/** Messages quote values through {@link clip}; this only guards against one that does not. */
const MAX_MESSAGE_CHARS = 1000;

/** The text cut to `max` characters with an ellipsis marker, so one bad cell cannot bloat a report. */
export function clip(text: string, max = MAX_ECHOED_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Collects row errors: keeps the first `cap` in full and counts every one by reason. */
export class ImportErrors {
  readonly kept: ImportRowError[] = [];
  readonly byReason: Partial<Record<ImportErrorReason, number>> = {};
  count = 0;

  constructor(private readonly cap = 1000) {}

  add(
    row: number,
    column: string | null,
    value: string | null,
    reason: ImportErrorReason,
    message: string,
  ): void {
    this.count++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    if (this.kept.length < this.cap) {
      this.kept.push({
        row,
        column: column === null ? null : clip(column),
        value: value === null ? null : clip(value),
        reason,
        message: clip(message, MAX_MESSAGE_CHARS),
      });
    }
  }

  get truncated(): boolean {
    return this.count > this.kept.length;
  }
}
