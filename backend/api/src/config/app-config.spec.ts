import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite database on port 3000', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({
      type: 'sqlite',
      path: './data/shelfcast.db',
    });
    expect(config.port).toBe(3000);
    expect(config.seedDemo).toBe('never');
  });

  it('reads PostgreSQL URLs and numeric ports', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/x',
      PORT: '8080',
    });
    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/x',
    });
    expect(config.port).toBe(8080);
  });

  it('names every invalid variable in one error', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'yes' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
    expect(() => loadConfig({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO/);
  });

  it('splits CORS origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'http://a, http://b' }).corsOrigins,
    ).toEqual(['http://a', 'http://b']);
  });
});

describe('loadConfig: auth and hardening', () => {
  it('has safe defaults and no admin unless both variables are set', () => {
    const config = loadConfig({});
    expect(config.auth).toMatchObject({
      jwtSecret: null,
      accessTokenTtlSeconds: 900,
      initialAdmin: null,
    });
    expect(config.throttle.loginLimit).toBe(5);
    expect(config.bodyLimit).toBe('1mb');
  });

  it('takes the first admin from ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(
      loadConfig({
        ADMIN_EMAIL: 'Boss@Example.com',
        ADMIN_PASSWORD: 'a-long-enough-password',
      }).auth.initialAdmin,
    ).toEqual({
      email: 'boss@example.com',
      password: 'a-long-enough-password',
    });
    expect(() => loadConfig({ ADMIN_EMAIL: 'boss@example.com' })).toThrow(
      /ADMIN_PASSWORD/,
    );
    expect(() =>
      loadConfig({ ADMIN_EMAIL: 'x@y.z', ADMIN_PASSWORD: 'short' }),
    ).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('loadConfig: reports', () => {
  it('leaves the reports directory to DATA_DIR/reports unless REPORTS_DIR is set', () => {
    expect(loadConfig({}).reportsDir).toBeNull();
    expect(loadConfig({ REPORTS_DIR: '/srv/reports' }).reportsDir).toBe(
      '/srv/reports',
    );
    expect(() => loadConfig({ REPORTS_DIR: '' })).toThrow(/REPORTS_DIR/);
  });
});

describe('loadConfig: security', () => {
  it('has safe login back-off defaults and validates the settings', () => {
    expect(loadConfig({}).security).toEqual({
      forceHttps: false,
      lockout: {
        threshold: 10,
        windowSeconds: 900,
        baseSeconds: 60,
        maxSeconds: 3600,
      },
    });
    expect(
      loadConfig({ LOGIN_LOCKOUT_THRESHOLD: '3', SECURITY_FORCE_HTTPS: 'on' })
        .security,
    ).toMatchObject({ forceHttps: true, lockout: { threshold: 3 } });
    expect(() =>
      loadConfig({ LOGIN_LOCKOUT_BASE: '600', LOGIN_LOCKOUT_MAX: '60' }),
    ).toThrow(/LOGIN_LOCKOUT_MAX/);
    expect(() => loadConfig({ LOGIN_LOCKOUT_THRESHOLD: '0' })).toThrow(
      /LOGIN_LOCKOUT_THRESHOLD/,
    );
  });

  it('reconciles levels with the benchmark default and validates the method', () => {
    expect(loadConfig({}).training.hierarchy).toEqual({
      method: 'topDown',
      base: 'engine',
      onPromotion: true,
    });
    expect(
      loadConfig({ NODE_ENV: 'test' }).training.hierarchy.onPromotion,
    ).toBe(false);
    expect(
      loadConfig({ HIERARCHY_METHOD: 'mint', HIERARCHY_BASE: 'bottom' })
        .training.hierarchy,
    ).toEqual({ method: 'mint', base: 'bottom', onPromotion: true });
    expect(() => loadConfig({ HIERARCHY_METHOD: 'median' })).toThrow(
      /HIERARCHY_METHOD/,
    );
    expect(() => loadConfig({ HIERARCHY_BASE: 'neural' })).toThrow(
      /HIERARCHY_BASE/,
    );
  });

  it('logs only errors under NODE_ENV=test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('error');
    expect(loadConfig({}).logLevel).toBe('log');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe(
      'debug',
    );
  });
});
