import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  Injectable,
  inject,
  input,
  output,
} from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_NATIVE_DATE_FORMATS,
  NativeDateAdapter,
} from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../../core/i18n/i18n';

/** The native adapter, reading a typed `yyyy-mm-dd` as that local day (not UTC midnight). */
@Injectable()
export class IsoDayAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    const m =
      typeof value === 'string'
        ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
        : null;
    return m
      ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
      : super.parse(value, parseFormat);
  }
}

/** A local `Date` as the ISO business day `yyyy-mm-dd`. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A date filter with a Material datepicker: shown and typed in the active language's format
 * (the adapter's locale follows `I18n.language`), read and written as an ISO day `yyyy-mm-dd`.
 */
@Component({
  selector: 'sc-date-field',
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule],
  providers: [
    { provide: DateAdapter, useClass: IsoDayAdapter },
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [name]="name()"
        [matDatepicker]="picker"
        [value]="date()"
        [min]="day(min())"
        [max]="day(max())"
        (dateChange)="changed($event.value)"
      />
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-datepicker #picker />
    </mat-form-field>
  `,
  // The field takes part in its parent's layout as if it were written there.
  styles: ':host { display: contents; }',
})
export class DateField {
  readonly label = input.required<string>();
  readonly name = input('');
  /** The ISO day shown, or null / '' for none. */
  readonly value = input<string | null | undefined>(null);
  /** The earliest and latest ISO day the picker offers (none when null / ''). */
  readonly min = input<string | null | undefined>(null);
  readonly max = input<string | null | undefined>(null);
  readonly valueChange = output<string | null>();

  protected readonly adapter = inject<DateAdapter<Date>>(DateAdapter);
  protected readonly date = computed(() => this.day(this.value()));

  constructor() {
    const i18n = inject(I18n);
    effect(() => this.adapter.setLocale(i18n.language()));
  }

  protected day(iso: string | null | undefined): Date | null {
    return iso ? this.adapter.parse(iso, null) : null;
  }

  protected changed(date: Date | null): void {
    this.valueChange.emit(date ? isoDay(date) : null);
  }
}
