import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { LoginDto, UserResponse } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { AuthService, LoginResult } from './auth.service.js';
import { Permission, Public } from './permissions.js';

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
  @ApiTooManyRequestsResponse({ description: 'too many failed logins for this account and IP, or too many requests' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Get('me')
  @Permission('self.read')
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.get(actor.id);
  }
}
