import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/pagination/cursor.js';
import { Permission } from '../auth/permissions.js';
import { AuditService } from './audit.service.js';
import { AuditResponse, ListAuditQuery } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Permission('audit.read')
  @ApiOperation({ summary: 'Who changed what, before and after, when; newest first (ADMIN, LEADER)' })
  list(@Query() query: ListAuditQuery): Promise<Page<AuditResponse>> {
    return this.audit.list(query);
  }
}
