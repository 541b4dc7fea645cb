import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { ImportErrorReason, ImportReport } from '@shelfcast/contracts';
import { DurationPipe, NumberPipe } from '../../core/i18n/format.pipes';
import { reasonKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shared/ui/icon';

/** The outcome of one import: a success line, or the rejection with totals per reason and rows. */
@Component({
  selector: 'sc-import-result',
  imports: [Icon, TranslatePipe, NumberPipe, DurationPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-result.html',
  styleUrl: './import-result.scss',
})
export class ImportResult {
  readonly report = input.required<ImportReport>();

  protected readonly reasonKey = reasonKey;

  protected readonly reasons = computed(() =>
    (
      Object.entries(this.report().errorsByReason) as [
        ImportErrorReason,
        number,
      ][]
    )
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ reason, count })),
  );
}
