import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ApiError } from '../../core/http/api-error';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from './icon';

/** The one way a failed load is shown: what went wrong, in the user's words, and a retry. */
@Component({
  selector: 'sc-error-state',
  imports: [Icon, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="error" role="alert">
      <sc-icon name="error" class="error__icon" />
      <div class="error__body">
        <p class="error__title">{{ 'error.title' | t }}</p>
        <p class="error__message">{{ message() }}</p>
        @if (error().detail; as detail) {
          <p class="error__detail">{{ detail }}</p>
        }
      </div>
      <button mat-stroked-button type="button" (click)="retry.emit()">
        {{ 'common.retry' | t }}
      </button>
    </div>
  `,
  styles: `
    .error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      padding: 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .error__body {
      flex: 1 1 240px;
    }
    .error__title {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .error__message,
    .error__detail {
      font: var(--mat-sys-body-medium);
      margin: 4px 0 0;
    }
    .error__detail {
      font-family: monospace;
      opacity: 0.85;
    }
  `,
})
export class ErrorState {
  private readonly i18n = inject(I18n);

  readonly error = input.required<ApiError>();
  readonly retry = output();

  protected readonly message = computed(() => {
    const error = this.error();
    switch (error.kind) {
      case 'network':
        return this.i18n.t('error.network');
      case 'not-found':
        return this.i18n.t('error.notFound');
      case 'unauthorized':
        return this.i18n.t('error.unauthorized');
      case 'forbidden':
        return this.i18n.t('error.forbidden');
      case 'server':
        return this.i18n.t('error.server', { status: error.status });
      default:
        return this.i18n.t('error.client', { status: error.status });
    }
  });
}
