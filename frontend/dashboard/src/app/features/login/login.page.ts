import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { TranslationKey } from '../../core/i18n/en';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';

/** Only same-app paths are followed after login (no open redirect). */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && url !== '/login'
    ? url
    : '/overview';
}

@Component({
  selector: 'sc-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="login" aria-labelledby="login-title">
      <h1 id="login-title">{{ 'login.title' | t }}</h1>
      <p class="login__subtitle">{{ 'login.subtitle' | t }}</p>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'login.email' | t }}</mat-label>
          <input
            matInput
            type="email"
            formControlName="email"
            autocomplete="username"
            required
          />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'login.password' | t }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
          />
        </mat-form-field>
        @if (error(); as key) {
          <p class="login__error" role="alert">{{ key | t }}</p>
        }
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy() || form.invalid"
        >
          {{ 'login.submit' | t }}
        </button>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
      </form>
    </section>
  `,
  styles: `
    .login {
      max-width: 360px;
      margin: 48px auto;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0;
    }
    .login__subtitle {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 16px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .login__error {
      color: var(--mat-sys-error);
    }
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Bound from the query string by the router. */
  readonly returnUrl = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(email, password).subscribe({
      next: () => {
        this.busy.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const status = toApiError(error).status;
        this.error.set(
          status === 401
            ? 'login.failed'
            : status === 429
              ? 'login.throttled'
              : status === 0
                ? 'error.network'
                : 'login.unavailable',
        );
      },
    });
  }
}
