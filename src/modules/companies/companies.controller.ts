import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { CompaniesService } from './companies.service.js';
import { CompanyResponse, CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @Permission('company.create')
  @ApiOperation({ summary: 'Record a company; a USCC is checked (GB 32100-2015) and must be unique' })
  create(@Body() dto: CreateCompanyDto, @CurrentActor() actor: Actor): Promise<CompanyResponse> {
    return this.companies.create(dto, actor);
  }

  @Get()
  @Permission('company.read')
  @ApiOperation({ summary: 'List companies, newest first, keyset-paginated' })
  list(@Query() query: ListCompaniesQuery): Promise<Page<CompanyResponse>> {
    return this.companies.list(query);
  }

  @Get(':id')
  @Permission('company.read')
  get(@Param('id', IdPipe) id: string): Promise<CompanyResponse> {
    return this.companies.get(id);
  }

  @Patch(':id')
  @Permission('company.update')
  @ApiOperation({ summary: 'Change a company; send the version you read (409 when stale)' })
  update(
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateCompanyDto,
    @CurrentActor() actor: Actor,
  ): Promise<CompanyResponse> {
    return this.companies.update(id, dto, actor);
  }
}
