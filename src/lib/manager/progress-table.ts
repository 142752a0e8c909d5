/**
 * The staff progress export of an enterprise manager: the table (written as CSV or XLSX by the same writer
 * as the statistics exports, src/lib/stats/export.ts) and its file name. Pure.
 */
import { t } from '../../i18n/index.ts';
import { beijingDateKey } from '../beijing-time.ts';
import { formatDateTime } from '../format.ts';
import type { DataTable, Preamble } from '../stats/export.ts';
import type { StaffProgressResponse } from '../../server/manager/progress.ts';

export function staffProgressTable(data: StaffProgressResponse): DataTable {
  return {
    id: 'staff-progress',
    title: t('manager.progress.title', { enterprise: data.enterprise.name }),
    columns: [
      { label: t('manager.progress.name'), kind: 'text' },
      { label: t('manager.progress.assigned'), kind: 'int' },
      { label: t('manager.progress.started'), kind: 'int' },
      { label: t('manager.progress.completed'), kind: 'int' },
      { label: t('manager.progress.lessons'), kind: 'int' },
      { label: t('manager.progress.lastActivity'), kind: 'text' },
      { label: t('manager.progress.assignments'), kind: 'int' },
      { label: t('manager.progress.overdue'), kind: 'int' },
    ],
    rows: data.rows.map((r) => [
      r.name,
      r.coursesAssigned,
      r.coursesStarted,
      r.coursesCompleted,
      r.lessonsDone,
      r.lastActivity ? formatDateTime(r.lastActivity) : '—',
      r.assignments,
      r.overdueAssignments,
    ]),
    note: t('manager.progress.note'),
  };
}

export function staffProgressPreamble(data: StaffProgressResponse): Preamble {
  return [
    [t('manager.progress.enterprise'), data.enterprise.name],
    [t('stats.export.exportedAt'), formatDateTime(data.generatedAt)],
    [t('manager.progress.staffCount'), String(data.rows.length)],
  ];
}

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** 员工学习进度-某某公司-2026-12-01.csv (Beijing date of the export). */
export function staffProgressFileName(enterprise: string, ext: 'csv' | 'xlsx', now: Date | number = Date.now()): string {
  const name = enterprise.replace(UNSAFE, '-').trim() || t('manager.progress.enterpriseFallback');
  return `${t('manager.progress.filePrefix')}-${name}-${beijingDateKey(now)}.${ext}`;
}
