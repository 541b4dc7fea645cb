import { loadAlertsConfig } from './alerts-config';

describe('alerts config', () => {
  it('defaults to no e-mail, 5 webhook attempts, 400 days of frozen forecasts and k = 3', () => {
    const { errors, value } = loadAlertsConfig({});
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      smtp: null,
      webhookMaxAttempts: 5,
      webhookSweepMs: 10_000,
      realizedRetainDays: 400,
      driftPeriods: 3,
      driftWapeMargin: 0.25,
    });
  });

  it('reads the SMTP server, port 465 by default when secure', () => {
    const { errors, value } = loadAlertsConfig({
      SMTP_HOST: 'mail.example.com',
      SMTP_SECURE: 'true',
      SMTP_FROM: 'alerts@example.com',
    });
    expect(errors).toEqual([]);
    expect(value.smtp).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      user: null,
      password: null,
      from: 'alerts@example.com',
    });
  });

  it('names every bad variable', () => {
    const { errors } = loadAlertsConfig({
      SMTP_HOST: 'mail.example.com',
      SMTP_USER: 'me',
      WEBHOOK_MAX_ATTEMPTS: '0',
      WEBHOOK_SWEEP_MS: '1',
      ALERTS_CRON: 'not a cron',
    });
    expect(errors.join('\n')).toMatch(/SMTP_FROM: required when SMTP_HOST/);
    expect(errors.join('\n')).toMatch(/SMTP_USER and SMTP_PASSWORD/);
    expect(errors.join('\n')).toMatch(/WEBHOOK_MAX_ATTEMPTS/);
    expect(errors.join('\n')).toMatch(/WEBHOOK_SWEEP_MS/);
    expect(errors.join('\n')).toMatch(/ALERTS_CRON/);
  });
});
