import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateRuleSet } from '../../lib/engine/compliance/evaluate';
import { serializeReportCsv, serializeReportJson } from '../../lib/engine/compliance/report';
import { validateDataset, validateProposals } from '../../lib/engine/validate';
import { UsageError } from '../errors';
import { loadRuleSets, readDatasetFolder, readJson } from '../files';

export const REPORT_USAGE = `npm run cli -- report --data <dataset dir> --plan <plan id> [--year 2025] [--proposals <file>]
                       [--include-planned] --out <file.json|file.csv> [--lang zh|en]`;

/** `report`: every rule of one plan evaluated on a dataset, written as JSON or CSV (UTF-8 with BOM). */
export function reportCommand(args: string[]): number {
	const { values } = parseArgs({
		args,
		options: {
			data: { type: 'string' },
			plan: { type: 'string' },
			year: { type: 'string' },
			proposals: { type: 'string' },
			'include-planned': { type: 'boolean', default: false },
			out: { type: 'string' },
			lang: { type: 'string' }
		}
	});
	if (!values.data) throw new UsageError('--data <dataset dir> is required');
	if (!values.plan) throw new UsageError('--plan <plan id> is required');
	if (!values.out) throw new UsageError('--out <file.json|file.csv> is required');
	const format = values.out.toLowerCase().endsWith('.csv') ? 'csv' : values.out.toLowerCase().endsWith('.json') ? 'json' : undefined;
	if (!format) throw new UsageError(`--out must end in .json or .csv, got ${values.out}`);
	const year = values.year === undefined ? undefined : Number(values.year);
	if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new UsageError(`--year must be a year such as 2025, got ${values.year}`);
	const lang = values.lang === 'en' ? 'en' : 'zh';

	const sets = loadRuleSets();
	const set = sets.find((candidate) => candidate.id === values.plan);
	if (!set) throw new UsageError(`unknown plan ${values.plan}; known: ${sets.map((candidate) => candidate.id).join(', ')}`);
	const dataset = validateDataset(readDatasetFolder(values.data));
	const proposals = values.proposals ? validateProposals(readJson(values.proposals), values.proposals) : [];
	const report = evaluateRuleSet(set, dataset, { year, includePlanned: values['include-planned'] ?? false, proposals });
	writeFileSync(values.out, format === 'csv' ? serializeReportCsv(report, lang) : serializeReportJson(report));

	const count = (status: string) => report.rules.filter((rule) => rule.status === status).length;
	console.log(
		`${set.id}${year ? ` (${year})` : ''}${proposals.length ? `, ${proposals.length} proposals` : ''}: ${report.rules.length} rules — ${count('pass')} pass, ${count('fail')} fail, ${count('not_checkable')} not checkable; ` +
			`${set.notCheckable.length} catalogued rules not checkable from the data → ${values.out}`
	);
	return 0;
}
