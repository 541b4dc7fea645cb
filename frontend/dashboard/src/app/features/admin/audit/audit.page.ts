import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { AuditEntryDto } from '@shelfcast/contracts';
import type { Subscription } from 'rxjs';
import { type ApiError, toApiError } from '../../../core/http/api-error';
import { remote } from '../../../core/http/remote';
import { DateTimePipe, NumberPipe } from '../../../core/i18n/format.pipes';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DateField } from '../../../shared/ui/date-field';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { LoadingSkeleton } from '../../../shared/ui/loading-skeleton';
import { PageHeader } from '../../../shared/ui/page-header';
import { saveFile } from '../../reports/reports.service';
import { AuditAdminService, type AuditFilters } from './audit-admin.service';

const PAGE = 100;

/** Admin: the audit log filtered by user, action and days, paged, and exported as CSV. */
@Component({
  selector: 'sc-audit-page',
  imports: [
    DateField,
    PageHeader,
    ErrorState,
    EmptyState,
    LoadingSkeleton,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit.page.html',
  styleUrl: '../admin.scss',
})
export class AuditPage {
  private readonly api = inject(AuditAdminService);
  private loading: Subscription | null = null;

  protected readonly users = remote(() => this.api.users());
  protected readonly actions = remote(() => this.api.actions());

  protected readonly filters = signal<AuditFilters>({});
  protected readonly entries = signal<AuditEntryDto[]>([]);
  protected readonly total = signal(0);
  protected readonly status = signal<'loading' | 'ok' | 'error'>('loading');
  protected readonly error = signal<ApiError | null>(null);
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<ApiError | null>(null);
  protected readonly hasMore = computed(
    () => this.entries().length < this.total(),
  );
  protected readonly filtered = computed(() =>
    Object.values(this.filters()).some(
      (v) => v !== null && v !== undefined && v !== '',
    ),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load(false);
  }

  protected setFilter(patch: AuditFilters): void {
    this.filters.update((f) => ({ ...f, ...patch }));
    this.load(false);
  }

  protected clear(): void {
    this.filters.set({});
    this.load(false);
  }

  /** First page (false) or the next one (true). */
  protected load(more: boolean): void {
    this.loading?.unsubscribe();
    this.status.set('loading');
    this.error.set(null);
    const offset = more ? this.entries().length : 0;
    this.loading = this.api.page(this.filters(), offset, PAGE).subscribe({
      next: (page) => {
        this.entries.set(
          more ? [...this.entries(), ...page.items] : page.items,
        );
        this.total.set(page.total);
        this.status.set('ok');
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.status.set('error');
      },
    });
  }

  protected exportCsv(): void {
    this.exporting.set(true);
    this.exportError.set(null);
    this.api.exportCsv(this.filters()).subscribe({
      next: (file) => {
        saveFile(file);
        this.exporting.set(false);
      },
      error: (e: unknown) => {
        this.exportError.set(toApiError(e));
        this.exporting.set(false);
      },
    });
  }

  /** What changed, in one line: the reason, then the new state (JSON, shortened). */
  protected details(e: AuditEntryDto): string {
    const parts: string[] = [];
    if (e.reason) parts.push(e.reason);
    if (e.after !== null && e.after !== undefined) {
      const json = JSON.stringify(e.after);
      parts.push(json.length > 160 ? `${json.slice(0, 159)}…` : json);
    }
    return parts.join(' · ');
  }
}
