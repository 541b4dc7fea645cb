import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { provideCharts } from '@shelfcast/charts';
import { appRoutes } from './app.routes';
import { refreshInterceptor } from './core/auth/refresh.interceptor';
import { authInterceptor } from './core/http/auth.interceptor';
import { Money } from './core/i18n/money';
import { TranslatedTitleStrategy } from './core/i18n/title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // XHR backend (not fetch): upload progress events need it.
    provideHttpClient(withInterceptors([refreshInterceptor, authInterceptor])),
    provideCharts(),
    // Not awaited: amounts show in USD for the instant before the configured currency arrives.
    provideAppInitializer(() => inject(Money).load()),
  ],
};
