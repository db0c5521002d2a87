import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permissions.js';
import { ALL_ENUMS } from './enums.js';
import { EnumLabelView, enumsSchema, IndustryView, ZoneView } from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';

@ApiTags('reference')
@Controller()
@Permission('reference.read')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('industries')
  @ApiOperation({ summary: 'The six industries (六大产业) with their sub-sectors and keywords' })
  @ApiOkResponse({ type: IndustryView, isArray: true })
  industries(): Promise<IndustryView[]> {
    return this.reference.listIndustries();
  }

  @Get('zones')
  @ApiOperation({ summary: 'The five zones and three belts (五区三带) with their focus industries' })
  @ApiOkResponse({ type: ZoneView, isArray: true })
  zones(): Promise<ZoneView[]> {
    return this.reference.listZones();
  }

  @Get('enums')
  @ApiOperation({ summary: 'Every enum of the API with its Chinese and English labels' })
  @ApiExtraModels(EnumLabelView)
  @ApiOkResponse({ schema: enumsSchema(), description: 'each enum by name, each value with its labels' })
  enums(): typeof ALL_ENUMS {
    return ALL_ENUMS;
  }
}
