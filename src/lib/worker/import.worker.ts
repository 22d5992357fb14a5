/// <reference lib="webworker" />
import { readImportFile } from '../engine/import/readImportFile';
import { InputError } from '../engine/messages';
import type { ImportReadRequest, ImportReadResponse } from './importProtocol';

/** Parses planners' files off the main thread, so a large file never freezes the map. */
const post = (message: ImportReadResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ImportReadRequest>) => {
	const { id, bytes, file, layer } = event.data;
	try {
		const { table, declaredCrs } = await readImportFile(bytes, file, layer);
		post({ id, type: 'table', table, declaredCrs });
	} catch (error) {
		const problems =
			error instanceof InputError
				? error.problems
				: [{ file, message: { zh: `无法读取（${error instanceof Error ? error.message : String(error)}）`, en: `cannot be read (${error instanceof Error ? error.message : String(error)})` } }];
		post({ id, type: 'problems', problems });
	}
};
