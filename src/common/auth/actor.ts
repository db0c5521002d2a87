import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from './roles.js';

/** Who is acting: the signed-in user, as the auth guard puts it on the request. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
}

/** The acting user of this request, or null before authentication is in place. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => {
  const req = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  return req.user ?? null;
});
