import { readSheet } from 'read-excel-file/universal';
import { InputError } from '../messages';
import type { ImportTable } from './table';

/**
 * The first sheet of an Excel workbook (.xlsx) as a table, read by read-excel-file; the first row
 * names the columns. Numbers stay numbers, everything else becomes text.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<ImportTable> {
	if (bytes.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	let rows: unknown[][];
	try {
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		rows = (await readSheet(buffer)) as unknown[][];
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file, message: { zh: `无法读取 Excel 文件（${detail}）`, en: `cannot be read as an Excel workbook (${detail})` } }]);
	}
	const filled = rows.filter((row) => row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
	if (filled.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	const headers = filled[0].map((cell, index) => (cell === null || cell === undefined || String(cell).trim() === '' ? `column ${index + 1}` : String(cell).trim()));
	const duplicate = headers.find((header, index) => headers.indexOf(header) !== index);
	if (duplicate !== undefined)
		throw new InputError([{ file, message: { zh: `表头有重复的列名“${duplicate}”`, en: `has the column “${duplicate}” twice in its header` } }]);
	if (filled.length === 1) throw new InputError([{ file, message: { zh: '只有表头，没有数据行', en: 'has a header but no data rows' } }]);
	const records = rows
		.slice(rows.indexOf(filled[0]) + 1)
		.map((row) => ({ values: Object.fromEntries(headers.map((header, index) => [header, cellValue(row[index])])) }));
	return { file, recordKind: 'row', firstRecordNumber: rows.indexOf(filled[0]) + 2, headers, records, notices: [] };
}

const cellValue = (cell: unknown) => (cell === null || cell === undefined ? '' : typeof cell === 'number' ? cell : cell instanceof Date ? cell.toISOString() : String(cell).trim());
