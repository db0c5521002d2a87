import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from './config/env.js';
import { setDistrictTimeZone } from './common/time/district-clock.js';
import { ReferenceSeeder } from './modules/reference/reference-seeder.service.js';
import { UsersService } from './modules/users/users.service.js';

/**
 * What every start does after the migrations have run: load the reference data (idempotent upserts)
 * and make sure a first admin exists.
 */
@Injectable()
export class AppBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly seeder: ReferenceSeeder,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    setDistrictTimeZone(this.config.get('TZ_DISTRICT', { infer: true }));
    if (this.config.get('SEED_REFERENCE_DATA', { infer: true }) === 'true') await this.seeder.seed();
    await this.users.ensureFirstAdmin(this.config.get('ADMIN_PASSWORD', { infer: true }));
  }
}
