import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { remoteFor } from '../../core/http/remote-for';
import { DateTimePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { AffinityService } from './affinity.service';
import { RecomputeButton } from './recompute-button';

/** A store's assortment gaps (store-user CF over sales) and its customer-segment picks. */
@Component({
  selector: 'sc-store-gaps-page',
  imports: [
    PageHeader,
    ErrorState,
    EmptyState,
    LoadingSkeleton,
    TranslatePipe,
    NumberPipe,
    DateTimePipe,
    RouterLink,
    RecomputeButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './store-gaps.page.html',
  styleUrl: './affinity.scss',
})
export class StoreGapsPage {
  /** Route parameter `:code`. */
  readonly code = input.required<string>();

  private readonly api = inject(AffinityService);
  private readonly i18n = inject(I18n);
  protected readonly data = remoteFor(this.code, (code: string) =>
    this.api.storeGaps(code),
  );
  protected readonly subtitle = computed(() => {
    const s = this.data.value()?.store;
    return s
      ? this.i18n.t('affinity.gaps.subtitle', { code: s.code, name: s.name })
      : this.code();
  });
}
