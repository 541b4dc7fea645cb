import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18n } from './i18n';

/** Numbers in the active locale: `{{ rows | scNumber }}`. */
@Pipe({ name: 'scNumber', pure: false })
export class NumberPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(
    value: number | null | undefined,
    maximumFractionDigits?: number,
  ): string {
    return this.i18n.formatNumber(
      value,
      maximumFractionDigits === undefined
        ? undefined
        : { maximumFractionDigits },
    );
  }
}

/** ISO business dates (`yyyy-mm-dd`) in the active locale. */
@Pipe({ name: 'scDate', pure: false })
export class DatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: string | null | undefined): string {
    return this.i18n.formatDate(value);
  }
}

/** ISO timestamps, with time, in the active locale. */
@Pipe({ name: 'scDateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: string | null | undefined): string {
    return this.i18n.formatDateTime(value);
  }
}

/** Durations in milliseconds. */
@Pipe({ name: 'scDuration', pure: false })
export class DurationPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: number | null | undefined): string {
    return this.i18n.formatDuration(value);
  }
}

/** Relative times ("3 days ago"). */
@Pipe({ name: 'scRelative', pure: false })
export class RelativeTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(value: string | null | undefined): string {
    return this.i18n.formatRelative(value);
  }
}

export const FORMAT_PIPES = [
  NumberPipe,
  DatePipe,
  DateTimePipe,
  DurationPipe,
  RelativeTimePipe,
] as const;
