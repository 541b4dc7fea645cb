import { LoginLockout } from './login-lockout';

describe('LoginLockout', () => {
  let now = 0;
  const lockout = () =>
    new LoginLockout(
      { threshold: 3, windowSeconds: 600, baseSeconds: 60, maxSeconds: 200 },
      () => now,
    );

  beforeEach(() => (now = 1_000_000));

  it('locks an account after the threshold of failures, whatever the case of the email', () => {
    const l = lockout();
    expect(l.fail('a@x.y')).toBeNull();
    expect(l.fail('A@X.Y')).toBeNull();
    expect(l.retryAfter('a@x.y')).toBe(0);
    expect(l.fail(' a@x.y ')).toEqual({ seconds: 60, failures: 3 });
    expect(l.retryAfter('a@x.y')).toBe(60);
    expect(l.retryAfter('b@x.y')).toBe(0);
    now += 59_500;
    expect(l.retryAfter('a@x.y')).toBe(1);
    now += 500;
    expect(l.retryAfter('a@x.y')).toBe(0);
  });

  it('doubles each further lockout within the window, up to the maximum', () => {
    const l = lockout();
    const lockAgain = () => {
      l.fail('a@x.y');
      l.fail('a@x.y');
      const started = l.fail('a@x.y');
      now += (started?.seconds ?? 0) * 1000;
      return started?.seconds;
    };
    expect([lockAgain(), lockAgain(), lockAgain(), lockAgain()]).toEqual([
      60, 120, 200, 200,
    ]);
  });

  it('forgets failures after the window and on a successful login', () => {
    const l = lockout();
    l.fail('a@x.y');
    l.fail('a@x.y');
    now += 601_000;
    expect(l.fail('a@x.y')).toBeNull();
    l.fail('a@x.y');
    l.succeed('a@x.y');
    expect(l.fail('a@x.y')).toBeNull();
  });
});
