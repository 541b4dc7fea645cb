import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import type { RealizedAccuracyRow } from '@shelfcast/contracts';
import { remote } from '../../core/http/remote';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import type { TranslationKey } from '../../core/i18n/en';
import {
  enumParam,
  injectQueryParams,
  stringParam,
} from '../../core/url-state/query-params';
import {
  AccuracyService,
  HORIZON_BUCKETS,
  bucketLabel,
  REALIZED_LEVELS,
  type RealizedLevel,
} from './accuracy.service';

const pct = (v: number | null) =>
  v === null ? '–' : `${(v * 100).toFixed(1)} %`;

/** Realized accuracy of issued forecasts per week beside the backtest, and drift flags. */
@Component({
  selector: 'sc-accuracy-page',
  imports: [MatButtonToggleModule, RouterLink, TranslatePipe, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accuracy.page.html',
  styleUrl: './accuracy.page.scss',
})
export class AccuracyPage {
  private readonly service = inject(AccuracyService);
  protected readonly levels = REALIZED_LEVELS;
  protected readonly buckets = HORIZON_BUCKETS;
  protected readonly bucketLabel = bucketLabel;
  protected readonly query = injectQueryParams({
    level: enumParam(REALIZED_LEVELS, 'chain'),
    bucket: enumParam(HORIZON_BUCKETS, 'all'),
    scope: stringParam(),
  });
  protected readonly pct = pct;

  protected readonly rows = remote(() => {
    const q = this.query.state();
    return this.service.realized(q.level, q.bucket, q.scope);
  });
  protected readonly flags = remote(() => this.service.drift());

  /** Newest week first, for the table. */
  protected readonly weeks = computed<RealizedAccuracyRow[]>(() =>
    [...(this.rows.value() ?? [])].sort((a, b) =>
      a.week === b.week
        ? a.label.localeCompare(b.label)
        : b.week.localeCompare(a.week),
    ),
  );

  constructor() {
    // The query params are the page state: reload when they change.
    // untracked: the reload reads and writes the remote's own signals.
    effect(() => {
      this.query.state();
      untracked(() => this.rows.reload());
    });
  }

  protected levelKey(level: string): TranslationKey {
    return `accuracy.level.${level as RealizedLevel}`;
  }

  protected setLevel(level: RealizedLevel): void {
    void this.query.patch({ level, scope: '' });
  }

  protected setBucket(bucket: (typeof HORIZON_BUCKETS)[number]): void {
    void this.query.patch({ bucket });
  }

  protected worse(r: RealizedAccuracyRow): boolean {
    return (
      r.wape !== null && r.backtestWape !== null && r.wape > r.backtestWape
    );
  }
}
