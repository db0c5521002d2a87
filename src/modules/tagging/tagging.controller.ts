import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/errors/error-response.js';
import { Permission } from '../auth/permissions.js';
import { SuggestionResponse, SuggestTagsDto } from './dto/tagging.dto.js';
import { TaggingService } from './tagging.service.js';

@ApiTags('tagging')
@Controller('tagging')
export class TaggingController {
  constructor(private readonly tagging: TaggingService) {}

  @Post('suggest')
  @HttpCode(200)
  @Permission('tagging.suggest')
  @ApiOperation({
    summary: 'Suggest industry and sub-sectors from a business scope (经营范围), best first, with the matched words; excluded clauses (（不含…）, 不得…) do not count',
  })
  @ApiOkResponse({ type: SuggestionResponse, isArray: true, description: 'best first' })
  @ApiErrors(400)
  suggest(@Body() dto: SuggestTagsDto): Promise<SuggestionResponse[]> {
    return this.tagging.suggest(dto.text, dto.limit);
  }
}
