import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { debounceTime } from 'rxjs';
import { remoteFor } from '../../core/http/remote-for';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { NextStepEmpty } from '../../shared/ui/next-step';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { AffinityService } from './affinity.service';

/**
 * Entry to the affinity pages from the navigation: every store links to its assortment gaps, and
 * a product search links to each product's "bought together" and "similar products".
 */
@Component({
  selector: 'sc-affinity-page',
  imports: [
    PageHeader,
    ErrorState,
    EmptyState,
    NextStepEmpty,
    LoadingSkeleton,
    TranslatePipe,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './affinity.page.html',
  styleUrl: './affinity.scss',
})
export class AffinityPage {
  private readonly api = inject(AffinityService);

  /** Typed text in the product search box. */
  protected readonly search = signal('');
  private readonly debouncedSearch = toSignal(
    toObservable(this.search).pipe(debounceTime(250)),
    { initialValue: '' },
  );

  protected readonly stores = remoteFor(
    () => ({}),
    () => this.api.stores(),
  );
  protected readonly products = remoteFor(
    () => this.debouncedSearch().trim(),
    (search: string) => this.api.products(search),
  );
}
