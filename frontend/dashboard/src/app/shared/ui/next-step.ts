import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injectable,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { DataFreshness, RunSummary } from '@shelfcast/contracts';
import { catchError, forkJoin, map, of, type Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import type { TranslationKey } from '../../core/i18n/en';
import { I18n } from '../../core/i18n/i18n';
import { EmptyState } from './empty-state';
import type { IconName } from './icon';

/** Where the deployment stands on the way to its first forecasts. */
export interface SetupFacts {
  hasSales: boolean;
  hasModel: boolean;
}

export interface NextStep {
  /** The button (null when the role cannot take the step: `hint` says who can). */
  action: { label: TranslationKey; link: string } | null;
  hint: TranslationKey | null;
}

/**
 * The real next step for this role: import sales before anything else, then train the first
 * model; once both exist the page's own step (`fallback`) applies. Roles that cannot take the
 * step get a hint naming who can instead of a button that would fail.
 */
export function nextStep(
  facts: SetupFacts,
  can: { import: boolean; train: boolean },
  fallback: { label: TranslationKey; link: string } | null,
): NextStep {
  if (!facts.hasSales) {
    return can.import
      ? {
          action: { label: 'next.importSales', link: '/data' },
          hint: null,
        }
      : { action: null, hint: 'next.askImport' };
  }
  if (!facts.hasModel) {
    return can.train
      ? {
          action: { label: 'next.trainFirst', link: '/models' },
          hint: null,
        }
      : { action: null, hint: 'next.askTrain' };
  }
  return { action: fallback, hint: null };
}

/** Reads the setup facts (sales held, a model promoted); any role may read both. */
@Injectable({ providedIn: 'root' })
export class SetupFactsService {
  private readonly http = inject(HttpClient);

  /** `withModel` false: the model is not asked about (reported as present). */
  facts(withModel = true): Observable<SetupFacts | null> {
    return forkJoin({
      freshness: this.http.get<DataFreshness[]>('/api/data/freshness'),
      runs: withModel
        ? this.http.get<RunSummary[]>('/api/training/runs', {
            params: { limit: 50 },
          })
        : of<RunSummary[]>([{ status: 'promoted' } as RunSummary]),
    }).pipe(
      map(({ freshness, runs }) => ({
        hasSales: freshness.some((f) => f.kind === 'sales' && f.rows > 0),
        hasModel: runs.some((r) => r.status === 'promoted'),
      })),
      // Without the facts the page's own action still shows.
      catchError(() => of(null)),
    );
  }
}

/**
 * An empty state whose button is the real next step for the signed-in role (see
 * {@link nextStep}); texts are translated keys of the page.
 */
@Component({
  selector: 'sc-next-step-empty',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sc-empty-state
      [icon]="icon()"
      [title]="title()"
      [message]="message()"
      [actionLabel]="step().action ? i18n.t(step().action!.label) : null"
      [actionLink]="step().action?.link ?? null"
    />
    @if (step().hint; as hint) {
      <p class="hint" data-testid="next-step-hint">{{ i18n.t(hint) }}</p>
    }
  `,
  styles: `
    .hint {
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      margin: -32px 0 24px;
    }
  `,
})
export class NextStepEmpty implements OnInit {
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);

  readonly icon = input<IconName>('info');
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  /** The page's own next step once sales and a model exist. */
  readonly fallbackLabel = input<TranslationKey | null>(null);
  readonly fallbackLink = input<string | null>(null);

  /** false: the page's content needs sales only (affinity), not a trained model. */
  readonly needsModel = input(true);
  /** Facts the page already holds (then nothing is fetched). */
  readonly known = input<SetupFacts | null>(null);

  private readonly service = inject(SetupFactsService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fetched = signal<SetupFacts | null>(null);
  private readonly facts = computed(() => this.known() ?? this.fetched());

  ngOnInit(): void {
    if (this.known()) return;
    const sub = this.service
      .facts(this.needsModel())
      .subscribe((f) => this.fetched.set(f));
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected readonly step = computed<NextStep>(() => {
    this.auth.role();
    const label = this.fallbackLabel();
    const link = this.fallbackLink();
    const fallback = label && link ? { label, link } : null;
    const facts = this.facts();
    if (!facts) return { action: fallback, hint: null };
    return nextStep(
      facts,
      { import: this.auth.can('import'), train: this.auth.can('train') },
      fallback,
    );
  });
}
