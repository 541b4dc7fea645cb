import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { isApiUrl } from '../http/auth.interceptor';
import { AuthService } from './auth.service';

/** Auth endpoints answer 401 for bad credentials: never retried. */
function isAuthEndpoint(url: string): boolean {
  return url.startsWith('/api/auth/');
}

/**
 * On a 401 from the API: refresh the access token once and repeat the request with it; when the
 * refresh fails too, the session is over and the user goes to /login. Runs before authInterceptor,
 * which attaches the (new) token.
 */
export const refreshInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        !(error instanceof HttpErrorResponse) ||
        error.status !== 401 ||
        !isApiUrl(request.url) ||
        isAuthEndpoint(request.url) ||
        !auth.isSignedIn()
      ) {
        return throwError(() => error);
      }
      return auth.refresh().pipe(
        catchError(() => {
          router
            .navigate(['/login'], { queryParams: { returnUrl: router.url } })
            .catch(() => false);
          return throwError(() => error);
        }),
        switchMap((token) =>
          next(
            request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }),
          ),
        ),
      );
    }),
  );
};
