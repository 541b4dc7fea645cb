import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type CreateUserRequest,
  ROLES,
  type Role,
  type UpdateUserRequest,
  type UserDto,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../../core/http/api-error';
import { remote } from '../../../core/http/remote';
import type { TranslationKey } from '../../../core/i18n/en';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { LoadingSkeleton } from '../../../shared/ui/loading-skeleton';
import { PageHeader } from '../../../shared/ui/page-header';
import { UsersAdminService } from './users-admin.service';

const EMPTY_DRAFT: CreateUserRequest = {
  email: '',
  displayName: '',
  password: '',
  role: 'store_manager',
  storeCodes: [],
};

/** Admin: create users, change role and stores, disable/enable, reset passwords. */
@Component({
  selector: 'sc-users-page',
  imports: [
    PageHeader,
    ErrorState,
    EmptyState,
    LoadingSkeleton,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: '../admin.scss',
})
export class UsersPage {
  private readonly api = inject(UsersAdminService);
  private readonly i18n = inject(I18n);
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly auth = inject(AuthService);

  protected readonly roles = ROLES;
  protected readonly users = remote(() => this.api.list());
  protected readonly stores = remote(() => this.api.stores());
  protected readonly sorted = computed(() =>
    [...(this.users.value() ?? [])].sort((a, b) =>
      a.email.localeCompare(b.email),
    ),
  );

  protected readonly draft = signal<CreateUserRequest>({ ...EMPTY_DRAFT });
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  /** The user whose password is being reset, and the new password typed. */
  protected readonly resetFor = signal<UserDto | null>(null);
  protected readonly newPassword = signal('');

  protected roleKey(role: Role): TranslationKey {
    return `role.${role}`;
  }

  protected isSelf(user: UserDto): boolean {
    return this.auth.user()?.email === user.email;
  }

  protected patchDraft(patch: Partial<CreateUserRequest>): void {
    this.draft.update((d) => ({ ...d, ...patch }));
  }

  protected create(): void {
    const d = this.draft();
    const body: CreateUserRequest = {
      email: d.email.trim(),
      password: d.password,
      role: d.role,
      ...(d.displayName?.trim() ? { displayName: d.displayName.trim() } : {}),
      ...(d.role === 'store_manager' ? { storeCodes: d.storeCodes ?? [] } : {}),
    };
    this.run(this.api.create(body), (u) => {
      this.draft.set({ ...EMPTY_DRAFT });
      return this.i18n.t('admin.users.created', { email: u.email });
    });
  }

  protected setRole(user: UserDto, role: Role): void {
    if (role !== user.role) this.save(user, { role });
  }

  protected setStores(user: UserDto, storeCodes: string[]): void {
    this.save(user, { storeCodes });
  }

  protected toggleActive(user: UserDto): void {
    if (
      user.active &&
      !this.window?.confirm(
        this.i18n.t('admin.users.disableConfirm', { email: user.email }),
      )
    )
      return;
    this.save(user, { active: !user.active });
  }

  protected startReset(user: UserDto): void {
    this.resetFor.set(user);
    this.newPassword.set('');
  }

  protected resetPassword(): void {
    const user = this.resetFor();
    if (!user) return;
    this.run(
      this.api.update(user.id, { password: this.newPassword() }),
      (u) => {
        this.resetFor.set(null);
        this.newPassword.set('');
        return this.i18n.t('admin.users.passwordReset', { email: u.email });
      },
    );
  }

  private save(user: UserDto, patch: UpdateUserRequest): void {
    this.run(this.api.update(user.id, patch), (u) =>
      this.i18n.t('admin.users.saved', { email: u.email }),
    );
  }

  private run(call: Observable<UserDto>, done: (u: UserDto) => string): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    call.subscribe({
      next: (u) => {
        this.notice.set(done(u));
        this.busy.set(false);
        this.users.reload();
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.busy.set(false);
      },
    });
  }
}
