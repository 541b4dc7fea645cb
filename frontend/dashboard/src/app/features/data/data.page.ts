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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CSV_FORMATS,
  IMPORT_KINDS,
  type ImportKind,
  type ImportProgress,
  type ImportReport,
  type ImportStatus,
} from '@shelfcast/contracts';
import type { Subscription } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remote } from '../../core/http/remote';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { columnDescription } from '../../core/i18n/column-descriptions';
import { I18n } from '../../core/i18n/i18n';
import { kindKey, statusKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  enumParam,
  injectQueryParams,
  optionalEnumParam,
} from '../../core/url-state/query-params';
import { randomUuid } from '../../core/util/uuid';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { FileDrop } from './file-drop';
import { FreshnessCards } from './freshness-cards';
import { ImportHistory } from './import-history';
import { ImportResult } from './import-result';
import { ImportsService } from './imports.service';

export const IMPORT_STATUSES: readonly ImportStatus[] = [
  'running',
  'succeeded',
  'rejected',
  'failed',
  'aborted',
];

export type UploadState =
  | { phase: 'idle' }
  | {
      phase: 'uploading';
      fileName: string;
      sent: number | null;
      progress: ImportProgress | null;
    }
  | { phase: 'done'; report: ImportReport }
  | { phase: 'error'; fileName: string; error: ApiError };

/** Progress bar value (0..100) and mode from what is known so far. */
export function progressOf(state: UploadState): {
  mode: 'determinate' | 'indeterminate';
  value: number;
} {
  if (state.phase !== 'uploading') {
    return { mode: 'determinate', value: state.phase === 'done' ? 100 : 0 };
  }
  if (
    state.progress?.fraction !== null &&
    state.progress?.fraction !== undefined
  ) {
    return {
      mode: 'determinate',
      value: Math.round(state.progress.fraction * 100),
    };
  }
  if (!state.progress && state.sent !== null && state.sent < 1) {
    return { mode: 'determinate', value: Math.round(state.sent * 100) };
  }
  return { mode: 'indeterminate', value: 0 };
}

@Component({
  selector: 'sc-data-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    PageHeader,
    ErrorState,
    LoadingSkeleton,
    FileDrop,
    FreshnessCards,
    ImportHistory,
    ImportResult,
    TranslatePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './data.page.html',
  styleUrl: './data.page.scss',
})
export class DataPage {
  private readonly api = inject(ImportsService);
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  /** Only planners and admins may import; the API refuses others with 403 anyway. */
  protected readonly canImport = computed(() => this.auth.can('import'));

  protected readonly kinds = IMPORT_KINDS;
  protected readonly statuses = IMPORT_STATUSES;
  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;

  /** Page state in the URL: ?kind= (import kind), ?hkind= and ?hstatus= (history filters). */
  protected readonly query = injectQueryParams({
    kind: enumParam(IMPORT_KINDS, 'sales'),
    hkind: optionalEnumParam(IMPORT_KINDS),
    hstatus: optionalEnumParam(IMPORT_STATUSES),
  });
  protected readonly kind = computed(() => this.query.state().kind);
  /** Expected columns of the chosen kind, described in the current language. */
  protected readonly columns = computed(() => {
    const kind = this.kind();
    const language = this.i18n.language();
    return CSV_FORMATS[kind].map((c) => ({
      ...c,
      description: columnDescription(language, kind, c),
    }));
  });

  protected readonly file = signal<File | null>(null);
  protected readonly upload = signal<UploadState>({ phase: 'idle' });
  protected readonly busy = computed(() => this.upload().phase === 'uploading');
  protected readonly progress = computed(() => progressOf(this.upload()));

  protected readonly history = remote(() => this.api.history(50));
  protected readonly freshness = remote(() => this.api.freshness());

  protected readonly filteredHistory = computed(() => {
    const { hkind, hstatus } = this.query.state();
    return (this.history.value() ?? []).filter(
      (r) => (!hkind || r.kind === hkind) && (!hstatus || r.status === hstatus),
    );
  });

  private uploadSubscription: Subscription | null = null;
  private progressSubscription: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopUpload());
  }

  protected setKind(kind: ImportKind): void {
    void this.query.patch({ kind });
  }

  protected setHistoryKind(hkind: ImportKind | null): void {
    void this.query.patch({ hkind });
  }

  protected setHistoryStatus(hstatus: ImportStatus | null): void {
    void this.query.patch({ hstatus });
  }

  protected selectFile(file: File): void {
    this.file.set(file);
    if (!this.busy()) {
      this.upload.set({ phase: 'idle' });
    }
  }

  protected startUpload(): void {
    const file = this.file();
    if (!file || this.busy()) {
      return;
    }
    const kind = this.kind();
    const ref = randomUuid();
    this.stopUpload();
    this.upload.set({
      phase: 'uploading',
      fileName: file.name,
      sent: 0,
      progress: null,
    });

    // Listen before posting, so the first progress events are not missed.
    this.progressSubscription = this.api
      .progress(ref)
      .subscribe((progress) =>
        this.upload.update((state) =>
          state.phase === 'uploading' ? { ...state, progress } : state,
        ),
      );
    this.uploadSubscription = this.api.upload(kind, file, ref).subscribe({
      next: (event) => {
        if (event.type === 'sending') {
          this.upload.update((state) =>
            state.phase === 'uploading'
              ? { ...state, sent: event.fraction }
              : state,
          );
        } else {
          this.upload.set({ phase: 'done', report: event.report });
          this.file.set(null);
          this.stopProgress();
          this.history.reload();
          this.freshness.reload();
        }
      },
      error: (error: unknown) => {
        this.upload.set({
          phase: 'error',
          fileName: file.name,
          error: toApiError(error),
        });
        this.stopProgress();
      },
    });
  }

  private stopProgress(): void {
    this.progressSubscription?.unsubscribe();
    this.progressSubscription = null;
  }

  private stopUpload(): void {
    this.stopProgress();
    this.uploadSubscription?.unsubscribe();
    this.uploadSubscription = null;
  }
}
