import Papa from 'papaparse';
import { InputError } from '../messages';
import { decodeText } from './decodeText';
import type { ImportTable } from './table';

/** Reads a CSV file (bytes in any of the encodings `decodeText` accepts) into a table; the first line names the columns. */
export function parseCsv(bytes: Uint8Array, file: string): ImportTable {
	const decoded = decodeText(bytes, file);
	const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: 'greedy' });
	const rows = parsed.data;
	if (rows.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	const headers = rows[0].map((header, index) => header.trim() || `column ${index + 1}`);
	const duplicate = headers.find((header, index) => headers.indexOf(header) !== index);
	if (duplicate !== undefined)
		throw new InputError([{ file, message: { zh: `表头有重复的列名“${duplicate}”`, en: `has the column “${duplicate}” twice in its header` } }]);
	if (rows.length === 1) throw new InputError([{ file, message: { zh: '只有表头，没有数据行', en: 'has a header but no data rows' } }]);
	const records = rows.slice(1).map((row) => ({ values: Object.fromEntries(headers.map((header, index) => [header, row[index]?.trim() ?? ''])) }));
	return { file, recordKind: 'row', firstRecordNumber: 2, headers, records, notices: decoded.notice ? [decoded.notice] : [] };
}
