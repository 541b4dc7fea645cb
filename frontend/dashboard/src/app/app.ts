import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule, type MatSidenav } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import type { Role } from '@shelfcast/contracts';
import { map } from 'rxjs';
import { AuthService, type Permission } from './core/auth/auth.service';
import type { TranslationKey } from './core/i18n/en';
import {
  I18n,
  LANGUAGES,
  LANGUAGE_NAMES,
  type Language,
} from './core/i18n/i18n';
import { TranslatePipe } from './core/i18n/translate.pipe';
import { Theme } from './core/theme/theme';
import { NotificationBell } from './features/notifications/notification-bell';
import { CommandPalette } from './features/search/command-palette';
import { Icon, type IconName } from './shared/ui/icon';

interface NavItem {
  path: string;
  label: TranslationKey;
  icon: IconName;
  /** Shown only to roles with this permission. */
  permission?: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/overview', label: 'nav.overview', icon: 'overview' },
  { path: '/forecasts', label: 'nav.forecasts', icon: 'forecasts' },
  { path: '/inventory', label: 'nav.inventory', icon: 'inventory' },
  { path: '/affinity', label: 'nav.affinity', icon: 'affinity' },
  { path: '/accuracy', label: 'nav.accuracy', icon: 'accuracy' },
  { path: '/policy-proof', label: 'nav.policyProof', icon: 'proof' },
  { path: '/models', label: 'nav.models', icon: 'models' },
  { path: '/data', label: 'nav.data', icon: 'data' },
  { path: '/reports', label: 'nav.reports', icon: 'reports' },
  {
    path: '/admin/users',
    label: 'nav.adminUsers',
    icon: 'users',
    permission: 'manageUsers',
  },
  {
    path: '/admin/audit',
    label: 'nav.adminAudit',
    icon: 'audit',
    permission: 'manageUsers',
  },
];

/** Below this width the navigation becomes an overlay drawer (tablets in portrait, phones). */
export const COMPACT_LAYOUT_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'sc-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatMenuModule,
    MatTooltipModule,
    Icon,
    NotificationBell,
    CommandPalette,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly i18n = inject(I18n);
  protected readonly theme = inject(Theme);
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly navItems = computed(() => {
    this.auth.role();
    return NAV_ITEMS.filter(
      (i) => !i.permission || this.auth.can(i.permission),
    );
  });
  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;

  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_LAYOUT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  protected readonly themeToggleLabel = computed(() =>
    this.i18n.t(
      this.theme.mode() === 'dark' ? 'app.themeToLight' : 'app.themeToDark',
    ),
  );

  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected roleKey(role: Role): TranslationKey {
    return `role.${role}`;
  }

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigate(['/login']));
  }

  protected setLanguage(language: Language): void {
    this.i18n.setLanguage(language);
  }

  protected onNavigate(): void {
    if (this.compact()) {
      void this.sidenav().close();
    }
  }

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }
}
