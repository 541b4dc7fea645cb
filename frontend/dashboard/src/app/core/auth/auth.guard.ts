import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { AuthTokenStore } from '../http/auth-token.store';
import { AuthService } from './auth.service';

/**
 * Pages need a session: with an access token go ahead, with only the refresh cookie (after a reload)
 * refresh first, otherwise go to /login and come back afterwards.
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  const auth = inject(AuthService);
  const toLogin = router.createUrlTree(['/login'], {
    queryParams: { returnUrl: state.url },
  });
  if (inject(AuthTokenStore).isAuthenticated()) {
    return true;
  }
  if (!auth.isSignedIn()) {
    return toLogin;
  }
  return auth.refresh().pipe(
    map(() => true),
    catchError(() => of(toLogin)),
  );
};
