import { DEMO_USERS } from './demo-users';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  const email = 'new.viewer@test.shelfcast';

  it('refuses common passwords, the email and blank ones, saying why', () => {
    expect(passwordProblem('password1234', email)).toMatch(
      /^The password is too easy to guess: .*commonly used password/,
    );
    expect(passwordProblem(email, email)).toBe(
      'The password must not be the email address',
    );
    expect(passwordProblem(' NEW.Viewer@test.shelfcast ', email)).toBe(
      'The password must not be the email address',
    );
    expect(passwordProblem(' '.repeat(12), email)).toBe(
      'The password must not be only spaces',
    );
    expect(passwordProblem('qwertyuiop12', email)).toMatch(/too easy/);
    expect(passwordProblem('aaaaaaaaaaaa', email)).toMatch(/too easy/);
    expect(passwordProblem('new.viewer2024', email)).toMatch(/too easy/);
  });

  it('accepts long unguessable passphrases', () => {
    expect(passwordProblem('correct horse battery', email)).toBeNull();
    expect(passwordProblem('long-password-1', email)).toBeNull();
    expect(passwordProblem('Tr0ub4dour&3xyz', email)).toBeNull();
  });

  it("would accept the demo users' documented passwords (seeded without the check anyway)", () => {
    for (const demo of DEMO_USERS)
      expect(passwordProblem(demo.password, demo.email)).toBeNull();
  });
});
