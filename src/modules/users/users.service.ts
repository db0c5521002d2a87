import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId } from '../../common/identity/ids.js';
import { generatePassword, hashPassword } from './password.js';
import { User } from './user.entity.js';

/** People who sign in, and the first administrator a fresh installation needs. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * On a database without users, creates `admin` with ADMIN_PASSWORD, or with a generated password
   * printed once to the log. Never touches an existing admin.
   */
  async ensureFirstAdmin(configured?: string): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const password = configured ?? generatePassword();
    try {
      await this.users.insert({
        id: newId(),
        username: 'admin',
        displayName: '系统管理员',
        role: 'ADMIN',
        passwordHash: await hashPassword(password),
        active: true,
      });
    } catch (e) {
      // Another instance created it first (unique username).
      if ((await this.users.countBy({ username: 'admin' })) > 0) return;
      throw e;
    }
    if (configured) {
      this.logger.log('Created the first admin user "admin" with the password from ADMIN_PASSWORD');
    } else {
      this.logger.warn(
        `Created the first admin user "admin" with the generated password: ${password}  (shown once; set ADMIN_PASSWORD to choose it)`,
      );
    }
  }

  async exists(id: string): Promise<boolean> {
    return (await this.users.countBy({ id })) > 0;
  }
}
