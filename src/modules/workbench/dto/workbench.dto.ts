import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '../../../common/money/money.dto.js';

/** 工作台: the signed-in officer's own figures and what needs doing, each the count its list shows. */
export class WorkbenchSummaryResponse {
  @ApiProperty({ type: 'integer', example: 2026, description: "the district's current year, which the year's figures count" }) year: number;
  @ApiProperty({ type: 'integer', description: 'my projects (not archived) that signed this year' }) signedProjects: number;
  @ApiProperty({
    type: () => MoneyDto,
    isArray: true,
    description: 'funds in place (资金到位) dated this year of my projects (not archived), summed per currency; a currency without entries is left out',
  })
  fundsInPlace: MoneyDto[];
  @ApiProperty({ type: 'integer', description: 'my projects not OPERATING, LOST or archived' }) openProjects: number;
  @ApiProperty({ type: 'integer', description: 'my open projects whose next follow-up is before the end of today (GET /projects?followUpDue=true)' }) followUpsDue: number;
  @ApiProperty({ type: 'integer', description: 'my open projects idle for staleDays days (GET /projects?idleDays=staleDays)' }) staleProjects: number;
  @ApiProperty({ type: 'integer', description: 'STALE_PROJECT_DAYS: the days without activity after which a project counts as stale' }) staleDays: number;
  @ApiProperty({ type: 'integer', description: 'reminders assigned to me, SCHEDULED and due before the end of tomorrow' }) remindersDue: number;
  @ApiProperty({ type: 'integer', description: 'my unread notifications' }) unreadNotifications: number;
}
