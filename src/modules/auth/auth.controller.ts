import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiError, ApiErrors } from '../../common/errors/error-response.js';
import { LoginDto, LoginResult, UserResponse } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { DEVICE_COOKIE } from './device-cookies.js';
import { grantsOf, Permission, PERMISSIONS, Public } from './permissions.js';
import { ROLES, type Role } from '../users/user.entity.js';

/** What the signed-in user's role may do: each action it holds, for ALL records or only its OWN. */
export class GrantsResponse {
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty({
    type: 'object',
    description: 'action → ALL (any record) or OWN (only records the user owns); actions the role lacks are absent',
    additionalProperties: { type: 'string', enum: ['ALL', 'OWN'] },
    example: { 'project.read': 'ALL', 'project.update': 'OWN' },
  })
  actions: Record<string, 'ALL' | 'OWN'>;

  @ApiProperty({ type: [String], description: 'every action the service knows' })
  known: string[];
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a bearer access token' })
  @ApiError(
    429,
    'too many failed logins from this address or device, too many attempts from this address, or (for a client that never signed in to the account) too many failures for the account; Retry-After says when to try again',
  )
  @ApiOkResponse({ type: LoginResult, description: 'the token and the user; also sets the HttpOnly device cookie that keeps this browser trusted for the account (docs/users-and-security.md, "Login throttling")' })
  @ApiErrors(400, 401)
  async login(@Body() dto: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const deviceCookie = req.headers.cookie ? parseCookies(req.headers.cookie)[DEVICE_COOKIE] : undefined;
    const { result, deviceCookie: issued } = await this.auth.login(dto.username, dto.password, { ip, deviceCookie });
    res.cookie(DEVICE_COOKIE, issued.value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/v1/auth', maxAge: issued.maxAgeMs });
    return result;
  }

  @Get('me')
  @Permission('self.read')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.get(actor.id);
  }

  @Get('permissions')
  @Permission('self.read')
  @ApiOperation({ summary: "What the signed-in user's role may do (for pages to hide what it cannot; the API still checks)" })
  @ApiOkResponse({ type: GrantsResponse })
  permissions(@CurrentActor() actor: Actor): GrantsResponse {
    return { role: actor.role, actions: grantsOf(actor.role), known: Object.keys(PERMISSIONS) };
  }
}
