import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsChinesePhone, IsIntVersion, IsText, Nullable, PageQuery } from '../../../common/validation/decorators.js';
import { apiEnum } from '../../reference/enums.js';
import { ROLES, type Role, type User } from '../user.entity.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'wang.li', description: '3–64 of a-z 0-9 . _ -; stored in lower case' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3–64 characters of a-z, 0-9, . _ -' })
  username: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: '王丽' })
  @IsText(100)
  displayName: string;

  @ApiPropertyOptional({ type: String, example: '138 1234 5678', nullable: true, description: 'mobile number (normalised to 13812345678): group robots @mention the user by it' })
  @IsOptional()
  @Nullable()
  @IsChinesePhone()
  mobile?: string | null;

  @ApiProperty(apiEnum('Role'))
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String], description: 'buildings a BUILDING_MANAGER manages' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  buildingIds?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsText(100)
  displayName?: string;

  @ApiPropertyOptional({ type: String, example: '138 1234 5678', nullable: true, description: 'mobile number (normalised to 13812345678): group robots @mention the user by it' })
  @IsOptional()
  @Nullable()
  @IsChinesePhone()
  mobile?: string | null;

  @ApiPropertyOptional(apiEnum('Role'))
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  buildingIds?: string[];

  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('Role'))
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

/** A user as the API shows it; the password hash never leaves the server. */
export class UserResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty(apiEnum('Role')) role: Role;
  @ApiProperty({ type: Boolean }) active: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'mobile number; group robots @mention the user by it' }) mobile: string | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'buildings a BUILDING_MANAGER manages' }) buildingIds: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** Who is who, for pages that show owners' and actors' names: no username, never a hash. */
export class DirectoryEntry {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, example: '王丽' }) displayName: string;
  @ApiProperty(apiEnum('Role')) role: Role;
  @ApiProperty({ type: Boolean, description: 'false for a user who can no longer sign in (their records keep their name)' }) active: boolean;
}

/** A signed-in session: the bearer token and who it carries. */
export class LoginResult {
  @ApiProperty({ type: String, description: 'send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: () => UserResponse }) user: UserResponse;
}

export function toUserResponse(u: User, buildingIds: string[]): UserResponse {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    active: u.active,
    mobile: u.mobile ?? null,
    buildingIds,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}
