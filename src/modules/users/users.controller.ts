import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { CreateUserDto, DirectoryEntry, ListUsersQuery, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Permission('user.manage')
  @ApiOperation({ summary: 'Create a user with a role (ADMIN only)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.create(dto, actor);
  }

  @Get()
  @Permission('user.read')
  @ApiPage(UserResponse)
  @ApiErrors(400)
  list(@Query() query: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(query);
  }

  // Declared before ':id' so the path is not taken for an id.
  @Get('directory')
  @Permission('self.read')
  @ApiOperation({ summary: 'Every user’s id, display name, role and active flag, for showing owners’ names (any signed-in user)' })
  @ApiOkResponse({ type: DirectoryEntry, isArray: true })
  directory(): Promise<DirectoryEntry[]> {
    return this.users.directory();
  }

  @Get(':id')
  @Permission('user.read')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Permission('user.manage')
  @ApiOperation({ summary: 'Change role, name, password, active flag or building assignments (ADMIN only)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.update(id, dto, actor);
  }
}
