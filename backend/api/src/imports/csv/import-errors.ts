import type { ImportErrorReason, ImportRowError } from '@shelfcast/contracts';

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
      // Long values are cut so that one bad cell cannot bloat the report.
      const shown =
        value !== null && value.length > 200
          ? `${value.slice(0, 200)}…`
          : value;
      this.kept.push({ row, column, value: shown, reason, message });
    }
  }

  get truncated(): boolean {
    return this.count > this.kept.length;
  }
}
