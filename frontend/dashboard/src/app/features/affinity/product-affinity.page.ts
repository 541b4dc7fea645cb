import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ContentFeatureName } from '@shelfcast/contracts';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { DateTimePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { AffinityService } from './affinity.service';
import { RecomputeButton } from './recompute-button';

const MATCH_KEYS: Record<ContentFeatureName, TranslationKey> = {
  category: 'affinity.match.category',
  brand: 'affinity.match.brand',
  price: 'affinity.match.price',
  pack: 'affinity.match.pack',
  text: 'affinity.match.text',
};

/** A product's "bought together" and "similar products" lists, each with its numbers. */
@Component({
  selector: 'sc-product-affinity-page',
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
  templateUrl: './product-affinity.page.html',
  styleUrl: './affinity.scss',
})
export class ProductAffinityPage {
  /** Route parameter `:sku`. */
  readonly sku = input.required<string>();

  private readonly api = inject(AffinityService);
  protected readonly data = remoteFor(this.sku, (sku: string) =>
    this.api.product(sku),
  );
  private readonly i18n = inject(I18n);
  protected readonly subtitle = computed(() => {
    const p = this.data.value()?.product;
    return p
      ? this.i18n.t('affinity.product.subtitle', {
          sku: p.sku,
          name: p.name,
          category: p.categoryPath,
        })
      : this.sku();
  });

  protected matchKey(m: ContentFeatureName): TranslationKey {
    return MATCH_KEYS[m];
  }
}
