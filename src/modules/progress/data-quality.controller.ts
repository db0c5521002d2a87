import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { IsOptional, IsUUID } from 'class-validator';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery, QueryBoolean } from '../../common/validation/decorators.js';
import { Permission } from '../auth/permissions.js';
import { DataQualityService } from './data-quality.service.js';
import { DataQualitySummary, UnmarkedJingjiItem } from './dto/data-quality.response.js';

export class UnmarkedJingjiQuery extends PageQuery {
  @QueryBoolean()
  signed?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

@ApiTags('data-quality')
@Controller('data-quality')
export class DataQualityController {
  constructor(private readonly quality: DataQualityService) {}

  @Get('summary')
  @Permission('progress.read')
  @ApiOperation({ summary: 'Counts of the data-quality checks, for the dashboard (疑似京冀项目未标注: count and signedCount)' })
  @ApiOkResponse({ type: DataQualitySummary })
  summary(): Promise<DataQualitySummary> {
    return this.quality.summary();
  }

  @Get('unmarked-jingji')
  @Permission('progress.read')
  @ApiOperation({
    summary: '疑似京冀项目未标注: live projects whose company or lead comes from Beijing or Hebei but that have no relocation record',
    description: 'Newest first, keyset-paginated; signed=true keeps those that have signed (the ones the Beijing–Hebei figures would count).',
  })
  @ApiPage(UnmarkedJingjiItem)
  @ApiErrors(400)
  unmarkedJingji(@Query() query: UnmarkedJingjiQuery): Promise<Page<UnmarkedJingjiItem>> {
    return this.quality.unmarkedJingji(query);
  }
}
