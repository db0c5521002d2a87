import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
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
  @ApiPage(AuditResponse)
  @ApiErrors(400)
  list(@Query() query: ListAuditQuery): Promise<Page<AuditResponse>> {
    return this.audit.list(query);
  }
}
