import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import type { NotificationItem } from '@shelfcast/contracts';
import { AuthTokenStore } from '../../core/http/auth-token.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shared/ui/icon';
import { NotificationsService } from './notifications.service';

/** How often the unread count is refreshed while the app is open. */
export const BELL_REFRESH_MS = 60_000;

/** The toolbar bell: unread count, the latest notifications, mark read. */
@Component({
  selector: 'sc-notification-bell',
  imports: [MatButtonModule, MatMenuModule, Icon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      class="bell"
      data-testid="notification-bell"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'notifications.bell' | t: { count: unread() }"
      (menuOpened)="load()"
    >
      <sc-icon name="notifications" />
      @if (unread() > 0) {
        <span class="bell__badge" data-testid="notification-count">{{
          unread() > 99 ? '99+' : unread()
        }}</span>
      }
    </button>
    <mat-menu #menu="matMenu" class="bell__menu" xPosition="before">
      <div class="bell__head">
        <strong>{{ 'notifications.title' | t }}</strong>
        @if (unread() > 0) {
          <!-- Marking all read keeps the menu open: the list updates in place. -->
          <button
            mat-button
            type="button"
            (click)="$event.stopPropagation(); readAll()"
          >
            {{ 'notifications.markAllRead' | t }}
          </button>
        }
      </div>
      @for (n of items(); track n.id) {
        <button
          mat-menu-item
          type="button"
          class="bell__item"
          [class.bell__item--unread]="!n.readAt"
          [attr.data-severity]="n.severity"
          (click)="open(n)"
        >
          <span class="bell__title">{{ n.title }}</span>
          <span class="bell__time">{{
            n.createdAt.slice(0, 16).replace('T', ' ')
          }}</span>
        </button>
      } @empty {
        <p class="bell__empty">{{ 'notifications.empty' | t }}</p>
      }
    </mat-menu>
  `,
  styles: `
    :host {
      position: relative;
      display: inline-block;
    }
    .bell__badge {
      position: absolute;
      top: 2px;
      right: 2px;
      min-width: 18px;
      height: 18px;
      padding: 0 4px;
      border-radius: 9px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font-size: 11px;
      line-height: 18px;
      text-align: center;
      pointer-events: none;
    }
    .bell__head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 16px;
    }
    .bell__item {
      height: auto;
      min-height: 48px;
    }
    .bell__item--unread .bell__title {
      font-weight: 600;
    }
    .bell__title {
      display: block;
      white-space: normal;
      max-width: 320px;
    }
    .bell__time {
      display: block;
      font-size: 12px;
      opacity: 0.7;
    }
    .bell__empty {
      padding: 8px 16px;
      margin: 0;
    }
  `,
})
export class NotificationBell {
  private readonly service = inject(NotificationsService);
  private readonly router = inject(Router);
  protected readonly unread = signal(0);
  protected readonly items = signal<NotificationItem[]>([]);

  private readonly tokens = inject(AuthTokenStore);

  constructor() {
    // Only with an access token: after a reload the page guard refreshes it first, and a call
    // before that would be answered 401.
    effect(() => {
      if (this.tokens.isAuthenticated()) untracked(() => this.refresh());
    });
    const timer = setInterval(() => {
      if (this.tokens.isAuthenticated()) this.refresh();
    }, BELL_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** Re-reads the unread count (errors leave the last count: the bell is not worth an alert). */
  refresh(): void {
    this.service.unreadCount().subscribe({
      next: (n) => this.unread.set(n),
      error: () => undefined,
    });
  }

  protected load(): void {
    this.service.list().subscribe({
      next: (list) => this.items.set(list),
      error: () => undefined,
    });
    this.refresh();
  }

  protected open(n: NotificationItem): void {
    if (!n.readAt)
      this.service.markRead(n.id).subscribe({
        next: () => {
          this.items.update((list) =>
            list.map((x) =>
              x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x,
            ),
          );
          this.unread.update((c) => Math.max(0, c - 1));
        },
        error: () => undefined,
      });
    if (n.link) void this.router.navigateByUrl(n.link);
  }

  protected readAll(): void {
    this.service.markAllRead().subscribe({
      next: () => {
        const now = new Date().toISOString();
        this.items.update((list) =>
          list.map((x) => (x.readAt ? x : { ...x, readAt: now })),
        );
        this.unread.set(0);
      },
      error: () => undefined,
    });
  }
}
