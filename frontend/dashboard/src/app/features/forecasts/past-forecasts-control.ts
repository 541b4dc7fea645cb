import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { PastForecasts } from './past-forecasts';

/** The "Past forecasts" switch and the origins to lay over the chart. */
@Component({
  selector: 'sc-past-forecasts-control',
  imports: [
    MatSlideToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="past" data-testid="past-forecasts">
      <mat-slide-toggle
        data-testid="past-forecasts-toggle"
        [checked]="past().enabled()"
        (change)="past().toggle($event.checked)"
        >{{ 'forecasts.past.toggle' | t }}</mat-slide-toggle
      >
      @if (past().enabled()) {
        @if (past().none()) {
          <span class="note" data-testid="past-forecasts-none">{{
            'forecasts.past.none' | t
          }}</span>
        } @else if (past().origins().length) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'forecasts.past.origins' | t }}</mat-label>
            <mat-select
              multiple
              data-testid="past-forecasts-origins"
              [value]="past().chosen()"
              (valueChange)="past().choose($event)"
            >
              @for (o of past().origins(); track o) {
                <mat-option [value]="o">{{ i18n.formatDate(o) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <span class="note">{{ 'forecasts.past.note' | t }}</span>
        }
      }
    </div>
  `,
  styles: `
    .past {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      margin: 8px 0;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
  `,
})
export class PastForecastsControl {
  protected readonly i18n = inject(I18n);
  readonly past = input.required<PastForecasts>();
}
