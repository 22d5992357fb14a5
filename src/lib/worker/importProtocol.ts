import type { CrsChoice } from '../engine/import/crs';
import type { ImportLayer } from '../engine/import/layerFromTable';
import type { ImportTable } from '../engine/import/table';
import type { InputProblem } from '../engine/messages';

export interface ImportReadRequest {
	id: number;
	bytes: Uint8Array;
	file: string;
	layer: ImportLayer;
}

export type ImportReadResponse =
	| { id: number; type: 'table'; table: ImportTable; declaredCrs?: CrsChoice }
	| { id: number; type: 'problems'; problems: InputProblem[] };
