import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { CompaniesService } from './companies.service.js';
import { CompanyResponse, CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOperation({ summary: 'Record a company; a USCC is checked (GB 32100-2015) and must be unique' })
  create(@Body() dto: CreateCompanyDto, @CurrentActor() actor: Actor | null): Promise<CompanyResponse> {
    return this.companies.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List companies, newest first, keyset-paginated' })
  list(@Query() query: ListCompaniesQuery): Promise<Page<CompanyResponse>> {
    return this.companies.list(query);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string): Promise<CompanyResponse> {
    return this.companies.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a company; send the version you read (409 when stale)' })
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateCompanyDto): Promise<CompanyResponse> {
    return this.companies.update(id, dto);
  }
}
