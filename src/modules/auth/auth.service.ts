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
import { DeviceCookies } from './device-cookies.js';
import { LoginThrottle } from './login-throttle.js';

interface TokenClaims {
  sub: string;
  username: string;
  role: string;
  /** The user's token version at sign-in; tokens from before this field count as 0. */
  tv?: number;
}

/** A successful login: the response body, and the device cookie to set. */
export interface LoginOutcome {
  result: LoginResult;
  deviceCookie: { value: string; maxAgeMs: number };
}

/** Sign-in with username and password, and the bearer tokens that carry the user afterwards. */
@Injectable()
export class AuthService implements OnModuleInit {
  /**
   * The HS256 key as a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it
   * as a PEM public key on every verify — about 0.6 ms of CPU per request, 13 % of a list call.
   */
  private key: KeyObject = createSecretKey(randomBytes(32));
  /** Verified against when the username is unknown, so both paths cost one scrypt. */
  private dummyHash: Promise<string> = hashPassword(randomBytes(16).toString('hex'));

  private devices = new DeviceCookies(this.key);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AppSecret) private readonly secrets: Repository<AppSecret>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Env, true>,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The signing key: JWT_SECRET, or one generated once and kept in the database for every instance. */
  async onModuleInit(): Promise<void> {
    this.key = createSecretKey(Buffer.from(await this.secretValue(), 'utf8'));
    this.devices = new DeviceCookies(this.key);
  }

  private async secretValue(): Promise<string> {
    const configured = this.config.get('JWT_SECRET', { infer: true });
    if (configured) return configured;
    const existing = await this.secrets.findOneBy({ name: 'jwt' });
    if (existing) return existing.value;
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ name: 'jwt', value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    return (await this.secrets.findOneByOrFail({ name: 'jwt' })).value;
  }

  /** jsonwebtoken takes a KeyObject; @nestjs/jwt's option type names only string | Buffer. */
  private signingKey(): Buffer {
    return this.key as unknown as Buffer;
  }

  /**
   * Checks the password under the login throttle (see LoginThrottle); on success also returns a
   * device cookie for the client to keep (renewed when it sent a valid one).
   */
  async login(username: string, password: string, from: { ip: string; deviceCookie?: string }): Promise<LoginOutcome> {
    const name = username.trim().toLowerCase();
    const deviceId = this.devices.verify(from.deviceCookie, name);
    const client = { ip: from.ip, deviceId };
    const wait = await this.throttle.admit(name, client);
    if (wait > 0) {
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s`, undefined, {
        retryAfterSeconds: wait / 1000,
      });
    }
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
      await this.throttle.failed(name, client);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Wrong username or password');
    }
    await this.throttle.succeeded(name, client);
    const expiresIn = this.config.get('JWT_TTL_SECONDS', { infer: true });
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { secret: this.signingKey(), expiresIn, algorithm: 'HS256' });
    const deviceTtlMs = this.config.get('LOGIN_TRUST_DAYS', { infer: true }) * 86_400_000;
    return {
      result: { accessToken, tokenType: 'Bearer', expiresIn, user: toUserResponse(user, []) },
      deviceCookie: { value: this.devices.issue(name, deviceTtlMs, deviceId ?? undefined), maxAgeMs: deviceTtlMs },
    };
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
