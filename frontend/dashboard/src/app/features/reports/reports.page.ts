import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  ReportDefinitionDto,
  ReportFileDto,
  ReportFilters,
  ReportFormat,
  ReportScheduleDto,
} from '@shelfcast/contracts';
import { of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remote } from '../../core/http/remote';
import type { TranslationKey } from '../../core/i18n/en';
import { DateTimePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import {
  type DownloadedFile,
  ReportsService,
  filtersFor,
  saveFile,
} from './reports.service';
import { CategorySelect } from '../../shared/ui/category-select';
import { DateField } from '../../shared/ui/date-field';

const FILTER_LABELS: Record<string, TranslationKey> = {
  from: 'reports.filter.from',
  to: 'reports.filter.to',
  stores: 'reports.filter.stores',
  region: 'reports.filter.region',
  category: 'reports.filter.category',
  abc: 'reports.filter.abc',
  status: 'reports.filter.status',
};

/** Reports: pick a report, filter, download CSV/XLSX/PDF; schedule reports and fetch their files. */
@Component({
  selector: 'sc-reports-page',
  imports: [
    CategorySelect,
    DateField,
    PageHeader,
    ErrorState,
    LoadingSkeleton,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reports.page.html',
  styleUrl: './reports.page.scss',
})
export class ReportsPage {
  private readonly api = inject(ReportsService);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly definitions = remote(() => this.api.definitions());
  protected readonly stores = remote(() => this.api.stores());
  protected readonly categories = remote(() => this.api.categories());
  protected readonly regions = computed(() =>
    [
      ...new Set(
        (this.stores.value() ?? []).flatMap((s) =>
          s.region === null ? [] : [s.region],
        ),
      ),
    ].sort(),
  );

  /** Planners and admins schedule; scheduled files hold every store, so managers do not see them. */
  protected readonly canSchedule = computed(() => {
    this.auth.role();
    return this.auth.can('export');
  });
  protected readonly seesSchedules = computed(() => {
    const role = this.auth.role();
    return role !== null && role !== 'store_manager';
  });

  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed<ReportDefinitionDto | null>(() => {
    const all = this.definitions.value() ?? [];
    return all.find((d) => d.id === this.selectedId()) ?? all[0] ?? null;
  });
  protected readonly filters = signal<ReportFilters>({});
  protected readonly bom = signal(false);
  protected readonly downloading = signal<ReportFormat | null>(null);
  protected readonly downloadError = signal<ApiError | null>(null);

  /** Only the filters the selected report takes, as sent to the API. */
  protected readonly applied = computed(() => {
    const d = this.selected();
    return d ? filtersFor(d, this.filters()) : {};
  });

  protected readonly schedules = remote(() =>
    this.seesSchedules() ? this.api.schedules() : of([]),
  );
  protected readonly files = remote(() =>
    this.seesSchedules() ? this.api.files() : of([]),
  );
  protected readonly cron = signal('0 6 * * *');
  protected readonly scheduleFormat = signal<ReportFormat>('csv');
  protected readonly scheduleError = signal<ApiError | null>(null);

  protected takes(key: string): boolean {
    return this.selected()?.filters.includes(key as never) ?? false;
  }

  protected filterLabel(key: string): TranslationKey {
    return FILTER_LABELS[key] ?? 'reports.filter.status';
  }

  protected reportTitle(id: string): TranslationKey {
    return `reports.report.${id}` as TranslationKey;
  }

  /** The report's description in the active language (the server's English for an unknown id). */
  protected description(d: ReportDefinitionDto): string {
    return this.i18n.tOr(`reports.description.${d.id}`, d.description);
  }

  /** What the date filters mean for the report, in the active language. */
  protected dateMeaning(d: ReportDefinitionDto): string {
    return this.i18n.tOr(`reports.dateMeaning.${d.id}`, d.dateMeaning ?? '');
  }

  protected select(id: string): void {
    this.selectedId.set(id);
    this.downloadError.set(null);
    const formats = this.selected()?.formats ?? [];
    if (!formats.includes(this.scheduleFormat()))
      this.scheduleFormat.set(formats[0] ?? 'csv');
  }

  protected setFilter<K extends keyof ReportFilters>(
    key: K,
    value: ReportFilters[K] | '' | null,
  ): void {
    this.filters.update((f) => {
      const next = { ...f };
      if (value === '' || value === null || value === undefined)
        delete next[key];
      else next[key] = value as ReportFilters[K];
      return next;
    });
  }

  protected read(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected download(format: ReportFormat): void {
    const d = this.selected();
    if (!d) return;
    this.downloading.set(format);
    this.downloadError.set(null);
    const sub = this.api
      .download(d.id, format, this.applied(), {
        bom: this.bom(),
        locale: this.i18n.language(),
      })
      .subscribe({
        next: (file) => this.save(file),
        error: (error: unknown) => {
          this.downloadError.set(toApiError(error));
          this.downloading.set(null);
        },
        complete: () => this.downloading.set(null),
      });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected downloadFile(file: ReportFileDto): void {
    const sub = this.api.downloadFile(file).subscribe({
      next: (f) => this.save(f),
      error: (error: unknown) => this.downloadError.set(toApiError(error)),
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected createSchedule(): void {
    const d = this.selected();
    if (!d) return;
    this.scheduleError.set(null);
    this.api
      .createSchedule({
        reportId: d.id,
        format: this.scheduleFormat(),
        cron: this.cron().trim(),
        filters: this.applied(),
        bom: this.scheduleFormat() === 'csv' && this.bom(),
      })
      .subscribe({
        next: () => this.schedules.reload(),
        error: (error: unknown) => this.scheduleError.set(toApiError(error)),
      });
  }

  protected deleteSchedule(s: ReportScheduleDto): void {
    this.api.deleteSchedule(s.id).subscribe({
      next: () => {
        this.schedules.reload();
        this.files.reload();
      },
      error: (error: unknown) => this.scheduleError.set(toApiError(error)),
    });
  }

  protected filtersText(f: ReportFilters): string {
    const parts = Object.entries(f).map(
      ([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`,
    );
    return parts.join('; ');
  }

  protected filesOf(s: ReportScheduleDto): ReportFileDto[] {
    return (this.files.value() ?? []).filter((f) => f.scheduleId === s.id);
  }

  /** Overridable in tests (no real browser download). */
  protected save(file: DownloadedFile): void {
    saveFile(file);
  }
}
