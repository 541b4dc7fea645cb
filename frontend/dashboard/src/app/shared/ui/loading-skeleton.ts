import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';

/** Grey placeholder shapes while data loads (announced once to screen readers). */
@Component({
  selector: 'sc-loading-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', '[attr.aria-label]': 'label()', 'aria-busy': 'true' },
  template: `
    @switch (variant()) {
      @case ('cards') {
        <div class="cards">
          @for (i of items(); track i) {
            <div class="block card"></div>
          }
        </div>
      }
      @case ('chart') {
        <div class="block chart"></div>
      }
      @default {
        @for (i of items(); track i) {
          <div
            class="block line"
            [style.width.%]="i % 3 === 2 ? 60 : 100"
          ></div>
        }
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .block {
      background: var(--mat-sys-surface-container-highest);
      border-radius: var(--mat-sys-corner-small);
      animation: pulse 1.4s ease-in-out infinite;
    }
    .line {
      height: 14px;
      margin: 10px 0;
    }
    .chart {
      height: 240px;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 16px;
    }
    .card {
      height: 104px;
      border-radius: var(--mat-sys-corner-medium);
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .block {
        animation: none;
      }
    }
  `,
})
export class LoadingSkeleton {
  readonly variant = input<'lines' | 'cards' | 'chart'>('lines');
  readonly count = input(3);
  readonly label = input('Loading');
  protected readonly items = computed(() =>
    Array.from({ length: this.count() }, (_, i) => i),
  );
}
