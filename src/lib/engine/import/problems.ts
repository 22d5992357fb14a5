import type { InputProblem } from '../messages';
import type { LocalizedText } from '../types';
import type { ImportTable } from './table';

/**
 * A problem in one record, located as the planner sees the file: CSV rows by their line number
 * (header = line 1), features by their 1-based number (formatProblem adds the 1).
 */
export function recordProblem(table: ImportTable, index: number, message: LocalizedText, id?: string): InputProblem {
	if (table.recordKind === 'feature') return { file: table.file, featureIndex: index, featureId: id, message };
	const line = index + table.firstRecordNumber;
	return { file: table.file, message: { zh: `第 ${line} 行：${message.zh}`, en: `row ${line}: ${message.en}` } };
}
