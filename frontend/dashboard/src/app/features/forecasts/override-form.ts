import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DateField } from '../../shared/ui/date-field';
import type {
  ForecastOverrideDto,
  OverrideMode,
  ForecastPoint,
} from '@shelfcast/contracts';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remoteFor } from '../../core/http/remote-for';
import { DatePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { overridePreview } from './forecast-view';
import { ForecastsService } from './forecasts.service';

/** A manager's override of one series' forecast: value, period, reason; baseline vs final. */
@Component({
  selector: 'sc-override-form',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    DateField,
    ErrorState,
    TranslatePipe,
    NumberPipe,
    DatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (submit)="$event.preventDefault(); submit()">
      <div class="fields">
        <sc-date-field
          name="start"
          [label]="'overrides.start' | t"
          [min]="firstDate()"
          [max]="lastDate()"
          [value]="start()"
          (valueChange)="start.set($event ?? '')"
        />
        <sc-date-field
          name="end"
          [label]="'overrides.end' | t"
          [min]="start()"
          [max]="lastDate()"
          [value]="end()"
          (valueChange)="end.set($event ?? '')"
        />
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{
            (mode() === 'per_period'
              ? 'overrides.valuePerDay'
              : 'overrides.valueTotal'
            ) | t
          }}</mat-label>
          <input
            matInput
            type="number"
            min="0"
            [value]="value()"
            (input)="onValue($event)"
          />
        </mat-form-field>
      </div>
      <mat-button-toggle-group
        [value]="mode()"
        (change)="mode.set($event.value)"
        [attr.aria-label]="'overrides.mode' | t"
        hideSingleSelectionIndicator
      >
        <mat-button-toggle value="per_period">{{
          'overrides.perDay' | t
        }}</mat-button-toggle>
        <mat-button-toggle value="total">{{
          'overrides.total' | t
        }}</mat-button-toggle>
      </mat-button-toggle-group>
      <mat-form-field subscriptSizing="dynamic" class="reason">
        <mat-label>{{ 'overrides.reason' | t }}</mat-label>
        <input
          matInput
          maxlength="500"
          [value]="reason()"
          (input)="reason.set(read($event))"
        />
      </mat-form-field>

      @if (preview(); as p) {
        <dl class="preview" aria-live="polite">
          <dt>{{ 'overrides.baseline' | t: { days: p.days } }}</dt>
          <dd>{{ p.baseline | scNumber: 0 }}</dd>
          <dt>{{ 'overrides.override' | t }}</dt>
          <dd>{{ p.override | scNumber: 0 }}</dd>
          <dt>{{ 'overrides.final' | t }}</dt>
          <dd>
            <strong>{{ p.final | scNumber: 0 }}</strong>
          </dd>
        </dl>
      }
      <button mat-flat-button type="submit" [disabled]="!canSubmit()">
        {{ (busy() ? 'overrides.saving' : 'overrides.save') | t }}
      </button>
      @if (saved(); as s) {
        <p class="ok" aria-live="polite">
          {{
            'overrides.saved'
              | t
                : {
                    baseline: (s.baselineTotal | scNumber: 0),
                    final: (s.finalTotal | scNumber: 0),
                  }
          }}
        </p>
      }
      @if (error(); as e) {
        <sc-error-state [error]="e" (retry)="submit()" />
      }
    </form>

    @if (history.value(); as list) {
      @if (list.length) {
        <h4>{{ 'overrides.history' | t }}</h4>
        <div class="sc-table-scroll">
          <table class="sc-table">
            <thead>
              <tr>
                <th scope="col">{{ 'overrides.period' | t }}</th>
                <th scope="col" class="num">
                  {{ 'overrides.baselineShort' | t }}
                </th>
                <th scope="col" class="num">{{ 'overrides.final' | t }}</th>
                <th scope="col">{{ 'overrides.reason' | t }}</th>
                <th scope="col">{{ 'overrides.by' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (o of list; track o.id) {
                <tr>
                  <td class="nowrap">
                    {{ o.startDate | scDate }} – {{ o.endDate | scDate }}
                  </td>
                  <td class="num">{{ o.baselineTotal | scNumber: 0 }}</td>
                  <td class="num">{{ o.finalTotal | scNumber: 0 }}</td>
                  <td>{{ o.reason }}</td>
                  <td>{{ o.user ?? '–' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
  styles: `
    form {
      display: grid;
      gap: 12px;
    }
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
    }
    .preview {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 4px 16px;
      margin: 0;
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
    }
    .ok {
      color: var(--mat-sys-primary);
      margin: 0;
    }
    mat-button-toggle-group,
    button[type='submit'] {
      justify-self: start;
    }
    .nowrap {
      white-space: nowrap;
    }
    h4 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 8px;
    }
  `,
})
export class OverrideForm {
  private readonly api = inject(ForecastsService);
  private readonly destroyRef = inject(DestroyRef);

  readonly store = input.required<string>();
  readonly sku = input.required<string>();
  readonly forecast = input.required<readonly ForecastPoint[]>();
  readonly created = output<ForecastOverrideDto>();

  protected readonly firstDate = computed(() => this.forecast()[0]?.date ?? '');
  protected readonly lastDate = computed(
    () => this.forecast()[this.forecast().length - 1]?.date ?? '',
  );
  protected readonly start = linkedSignal(() => this.firstDate());
  protected readonly end = linkedSignal(() => {
    const f = this.forecast();
    return f[Math.min(6, f.length - 1)]?.date ?? '';
  });
  protected readonly mode = signal<OverrideMode>('per_period');
  protected readonly value = signal<number | null>(null);
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly saved = signal<ForecastOverrideDto | null>(null);

  protected readonly history = remoteFor(
    () => ({ store: this.store(), sku: this.sku() }),
    ({ store, sku }) => this.api.overrides(store, sku),
  );

  protected readonly preview = computed(() => {
    const value = this.value();
    return value === null
      ? null
      : overridePreview(
          this.forecast(),
          this.start(),
          this.end(),
          this.mode(),
          value,
        );
  });

  protected readonly canSubmit = computed(
    () =>
      !this.busy() &&
      this.preview() !== null &&
      this.reason().trim().length > 0,
  );

  protected read(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected onValue(event: Event): void {
    const n = (event.target as HTMLInputElement).valueAsNumber;
    this.value.set(Number.isFinite(n) ? n : null);
  }

  protected submit(): void {
    const value = this.value();
    if (!this.canSubmit() || value === null) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const sub = this.api
      .createOverride({
        store: this.store(),
        sku: this.sku(),
        startDate: this.start(),
        endDate: this.end(),
        mode: this.mode(),
        value,
        reason: this.reason().trim(),
      })
      .subscribe({
        next: (created) => {
          this.busy.set(false);
          this.saved.set(created);
          this.reason.set('');
          this.history.reload();
          this.created.emit(created);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(toApiError(error));
        },
      });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }
}
