import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { DeliveryResponse } from '../notifications/dto/notification.dto.js';
import { CreateReminderDto, ListRemindersQuery, ReminderResponse, UpdateReminderDto } from './dto/reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post()
  @ApiOperation({ summary: 'Set a reminder about a project, lead or building, due at a time, for you or a colleague' })
  @Permission('reminder.create')
  @ApiCreatedResponse({ type: ReminderResponse })
  @ApiErrors(400, 404)
  create(@Body() dto: CreateReminderDto, @CurrentActor() actor: Actor): Promise<ReminderResponse> {
    return this.reminders.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Reminders, newest first: yours (set by or for you); admins and leaders see all' })
  @Permission('reminder.read')
  @ApiPage(ReminderResponse)
  @ApiErrors(400)
  list(@Query() query: ListRemindersQuery, @CurrentActor() actor: Actor): Promise<Page<ReminderResponse>> {
    return this.reminders.list(query, actor);
  }

  @Get(':id')
  @Permission('reminder.read')
  @ApiOkResponse({ type: ReminderResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ReminderResponse> {
    return this.reminders.get(id, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedule, reword or reassign a SCHEDULED or FAILED reminder; send the version you read' })
  @Permission('reminder.update')
  @ApiOkResponse({ type: ReminderResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateReminderDto, @CurrentActor() actor: Actor): Promise<ReminderResponse> {
    return this.reminders.update(id, dto, actor);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a reminder (it never fires); 409 once it was sent or cancelled' })
  @Permission('reminder.update')
  @ApiOkResponse({ type: ReminderResponse, description: 'the reminder, CANCELLED' })
  @ApiErrors(400, 404, 409)
  cancel(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ReminderResponse> {
    return this.reminders.cancel(id, actor);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Where the reminder went: one row per inbox and per channel, with status and attempts; the last error (HTTP status or robot errcode and a short reason) for admins only' })
  @Permission('reminder.read')
  @ApiPage(DeliveryResponse)
  @ApiErrors(400, 404)
  deliveries(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<Page<DeliveryResponse>> {
    return this.reminders.deliveries(id, actor);
  }
}
