import type { LocalizedText } from '../types';
import type { ComplianceReport } from './evaluate';
import type { ComplianceRow, RuleResult } from './types';

/**
 * The one serializer of compliance reports, shared by the app's export and `npm run cli -- report`,
 * so both write the same bytes for the same report.
 */

/** Figures are rounded for people to read: shares and ratios to 4 decimals, shortfalls to 0.1. */
const round = (value: number | null, decimals: number) => (value === null ? null : Number(value.toFixed(decimals)));

function rowJson(row: ComplianceRow) {
	return { unitId: row.unitId, name: row.name, level: row.level, value: round(row.value, 4), target: round(row.target, 4), status: row.status, shortfall: round(row.shortfall, 1), ...(row.reason ? { reason: row.reason } : {}) };
}

function ruleJson(rule: RuleResult) {
	return {
		id: rule.id,
		catalogueId: rule.catalogueId,
		kind: rule.kind,
		group: rule.group,
		title: rule.title,
		status: rule.status,
		value: round(rule.value, 4),
		target: round(rule.target, 4),
		unit: rule.unit,
		rowUnit: rule.rowUnit,
		shortfall: round(rule.shortfall, 1),
		shortfallUnit: rule.shortfallUnit,
		...(rule.reason ? { reason: rule.reason } : {}),
		notes: rule.notes,
		facilityIds: rule.facilityIds,
		rows: rule.rows.map(rowJson)
	};
}

export function serializeReportJson(report: ComplianceReport): string {
	return `${JSON.stringify({ ...report, rules: report.rules.map(ruleJson) }, null, 2)}\n`;
}

export const CSV_HEADER = ['plan', 'year', 'rule', 'catalogue_id', 'kind', 'group', 'title', 'unit_id', 'unit_name', 'level', 'status', 'value', 'target', 'unit', 'shortfall', 'shortfall_unit', 'reason'] as const;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV, UTF-8 with a byte-order mark so Excel opens the Chinese text correctly: one line per rule for
 * the whole area (empty unit columns), then one per unit or residential area of the rule.
 */
export function serializeReportCsv(report: ComplianceReport, lang: keyof LocalizedText = 'zh'): string {
	const lines = [CSV_HEADER.join(',')];
	const say = (text: LocalizedText | undefined) => text?.[lang] ?? '';
	for (const rule of report.rules) {
		const lead = [report.plan, report.year ?? '', rule.id, rule.catalogueId, rule.kind, rule.group, say(rule.title)];
		lines.push([...lead, '', '', '', rule.status, round(rule.value, 4), round(rule.target, 4), rule.unit, round(rule.shortfall, 1), rule.shortfallUnit, [say(rule.reason), ...rule.notes.map(say)].filter(Boolean).join('; ')].map(csvField).join(','));
		for (const row of rule.rows)
			lines.push([...lead, row.unitId, row.name, row.level, row.status, round(row.value, 4), round(row.target, 4), rule.rowUnit, round(row.shortfall, 1), rule.shortfallUnit, say(row.reason)].map(csvField).join(','));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
