import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { AuthService } from './auth.service.js';
import { Action, PERMISSION_KEY, PUBLIC_KEY, roleMay } from './permissions.js';

/**
 * The global guard: every route needs a valid bearer token unless it is @Public(), and a declared
 * @Permission() that the user's role holds. A guarded route without a declared permission is refused,
 * so a new route cannot be open by accident.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Actor }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (POST /api/v1/auth/login)');
    const actor = await this.auth.actorFromToken(match[1]);
    req.user = actor;
    const action = this.reflector.getAllAndOverride<Action | undefined>(PERMISSION_KEY, targets);
    if (!action) throw new DomainError(ErrorCode.FORBIDDEN, 'This route has no declared permission');
    if (!roleMay(actor.role, action)) throw new DomainError(ErrorCode.FORBIDDEN, `Role ${actor.role} may not ${action}`);
    return true;
  }
}
