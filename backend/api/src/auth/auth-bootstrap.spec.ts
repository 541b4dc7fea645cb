import { loadConfig } from '../config/app-config';
import { UsersException } from '../users/users.exception';
import type { UsersService } from '../users/users.service';
import { AuthBootstrap } from './auth-bootstrap';

describe('AuthBootstrap', () => {
  it('names ADMIN_PASSWORD when the first admin password fails the policy', async () => {
    const config = loadConfig({
      ADMIN_EMAIL: 'first@test.shelfcast',
      ADMIN_PASSWORD: 'password1234',
    });
    const users = {
      count: () => Promise.resolve(0),
      findByEmail: () => Promise.resolve(null),
      create: () =>
        Promise.reject(
          new UsersException('invalid', 'The password is too easy to guess', {
            field: 'password',
          }),
        ),
    } as unknown as UsersService;
    await expect(
      new AuthBootstrap(config, users).onApplicationBootstrap(),
    ).rejects.toThrow('ADMIN_PASSWORD: The password is too easy to guess');
  });
});
