import type { TableColumn } from '../data-exchange/sheet/table-writer.js';
import { PROBLEM_CATEGORIES, type PROBLEM_STATUSES } from '../reference/enums.js';
import type { ProblemResponse } from './dto/problem.dto.js';

/** The columns of the problems export (问题清单, Chinese headers), as leaders read it at the weekly meeting. */
export function problemExportColumns(statuses: typeof PROBLEM_STATUSES): TableColumn<ProblemResponse>[] {
  return [
    { header: '责任单位', value: (p) => p.departmentName, width: 18 },
    { header: '项目名称', value: (p) => p.projectName, width: 28 },
    { header: '问题', value: (p) => p.title, width: 32 },
    { header: '问题类别', value: (p) => PROBLEM_CATEGORIES[p.category].nameZh },
    { header: '问题描述', value: (p) => p.description, width: 40 },
    { header: '责任人', value: (p) => p.assigneeName },
    { header: '办理期限', value: (p) => p.dueDate, type: 'date' },
    { header: '状态', value: (p) => statuses[p.status].nameZh },
    { header: '逾期天数', value: (p) => p.daysOverdue, type: 'number' },
    { header: '督办', value: (p) => p.supervised },
    { header: '领导批示', value: (p) => p.instruction, width: 40 },
    { header: '提出日期', value: (p) => p.reportedOn, type: 'date' },
    { header: '办结日期', value: (p) => p.closedOn, type: 'date' },
    { header: '办理结果', value: (p) => p.resolution, width: 40 },
    { header: 'ID', value: (p) => p.id, width: 38 },
  ];
}
