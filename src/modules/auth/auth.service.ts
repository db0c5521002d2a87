import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import type { Env } from '../../config/env.js';
import { AppSecret } from '../users/app-secret.entity.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { User } from '../users/user.entity.js';
import { LoginResult, toUserResponse } from '../users/dto/user.dto.js';
import { LoginAttempts } from './login-attempts.js';

interface TokenClaims {
  sub: string;
  username: string;
  role: string;
  /** The user's token version at sign-in; tokens from before this field count as 0. */
  tv?: number;
}

/** Sign-in with username and password, and the bearer tokens that carry the user afterwards. */
@Injectable()
export class AuthService implements OnModuleInit {
  /**
   * The HS256 key as a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it
   * as a PEM public key on every verify — about 0.6 ms of CPU per request, 13 % of a list call.
   */
  private key: KeyObject = createSecretKey(randomBytes(32));
  private readonly perAccountAndIp: LoginAttempts;
  private readonly perAccount: LoginAttempts;
  private readonly perIp: LoginAttempts;
  /** Verified against when the username is unknown, so both paths cost one scrypt. */
  private dummyHash: Promise<string> = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AppSecret) private readonly secrets: Repository<AppSecret>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Env, true>,
  ) {
    const max = config.get('LOGIN_MAX_FAILURES', { infer: true });
    this.perAccountAndIp = new LoginAttempts(max);
    this.perAccount = new LoginAttempts(max * 4);
    this.perIp = new LoginAttempts(config.get('LOGIN_RATE_LIMIT', { infer: true }));
  }

  /** The signing key: JWT_SECRET, or one generated once and kept in the database for every instance. */
  async onModuleInit(): Promise<void> {
    const configured = this.config.get('JWT_SECRET', { infer: true });
    if (configured) {
      this.key = createSecretKey(Buffer.from(configured, 'utf8'));
      return;
    }
    const existing = await this.secrets.findOneBy({ name: 'jwt' });
    if (existing) {
      this.key = createSecretKey(Buffer.from(existing.value, 'utf8'));
      return;
    }
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ name: 'jwt', value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    this.key = createSecretKey(Buffer.from((await this.secrets.findOneByOrFail({ name: 'jwt' })).value, 'utf8'));
  }

  /** jsonwebtoken takes a KeyObject; @nestjs/jwt's option type names only string | Buffer. */
  private signingKey(): Buffer {
    return this.key as unknown as Buffer;
  }

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    const keys = { pair: `${name}|${ip}`, account: name };
    const wait = Math.max(
      this.perIp.retryAfterMs(ip),
      this.perAccountAndIp.retryAfterMs(keys.pair),
      this.perAccount.retryAfterMs(keys.account),
    );
    if (wait > 0) {
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s`, undefined, {
        retryAfterSeconds: wait / 1000,
      });
    }
    this.perIp.fail(ip);
    const user = await this.users.findOne({
      where: { username: name },
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        active: true,
        passwordHash: true,
        tokenVersion: true,
        createdAt: true,
        updatedAt: true,
        version: true,
      },
    });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok || !user.active) {
      this.perAccountAndIp.fail(keys.pair);
      this.perAccount.fail(keys.account);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Wrong username or password');
    }
    this.perAccountAndIp.clear(keys.pair);
    const expiresIn = this.config.get('JWT_TTL_SECONDS', { infer: true });
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { secret: this.signingKey(), expiresIn, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn, user: toUserResponse(user, []) };
  }

  /**
   * The acting user behind a token: signature, expiry, and a user that still exists, is active and
   * has not had its password, role or active flag changed since the token was issued (token version).
   * One primary-key read per request.
   */
  async actorFromToken(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.signingKey(), algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token is invalid or has expired; log in again');
    }
    const user = await this.users.findOne({ where: { id: claims.sub }, select: { id: true, username: true, role: true, active: true, tokenVersion: true } });
    if (!user || !user.active) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The account no longer exists or is disabled');
    if ((claims.tv ?? 0) !== user.tokenVersion) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token was revoked (password, role or account status changed); log in again');
    }
    // The role is read from the database, so a changed role applies at once.
    return { id: user.id, username: user.username, role: user.role };
  }
}
