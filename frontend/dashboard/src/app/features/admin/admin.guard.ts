import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';

/** Admin pages: other roles go to the overview (the API refuses them anyway). Runs after authGuard. */
export const adminGuard: CanActivateFn = () =>
  inject(AuthService).can('manageUsers') ||
  inject(Router).createUrlTree(['/overview']);
