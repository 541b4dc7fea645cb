import {
  ChangeDetectionStrategy,
  Component,
  inject,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '../../core/auth/auth.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { AffinityService } from './affinity.service';

/** "Recompute now", for the roles that may train (the API refuses the others). */
@Component({
  selector: 'sc-affinity-recompute',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (auth.can('train')) {
      <button
        mat-stroked-button
        type="button"
        [disabled]="busy()"
        (click)="recompute()"
      >
        {{ 'affinity.recompute' | t }}
      </button>
    }
  `,
})
export class RecomputeButton {
  readonly done = output<void>();
  protected readonly auth = inject(AuthService);
  private readonly api = inject(AffinityService);
  protected readonly busy = signal(false);

  protected recompute(): void {
    this.busy.set(true);
    this.api.recompute().subscribe({
      next: () => {
        this.busy.set(false);
        this.done.emit();
      },
      error: () => this.busy.set(false),
    });
  }
}
