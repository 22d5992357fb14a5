import type { Feature } from 'geojson';
import type { Dataset, DatasetFiles } from '../types';
import { validateDataset } from '../validate';
import type { ImportLayer } from './layerFromTable';

const FILE_OF: Record<ImportLayer, keyof DatasetFiles> = {
	facilities: 'facilities.geojson',
	residential: 'residential.geojson',
	units: 'units.geojson',
	paths: 'paths.geojson'
};

/** The dataset as the data contract's files, e.g. to save it as a folder or validate a changed copy. */
export function datasetToFiles(dataset: Dataset): DatasetFiles {
	const collection = (features: Feature[]) => ({ type: 'FeatureCollection', features });
	return {
		'dataset.json': dataset.meta,
		'residential.geojson': collection(dataset.residential),
		'facilities.geojson': collection(dataset.facilities),
		'units.geojson': collection(dataset.units),
		'paths.geojson': collection(dataset.paths),
		...(dataset.water.length ? { 'water.geojson': collection(dataset.water) } : {})
	};
}

/**
 * The dataset with one layer replaced, validated as a whole (all or nothing): an InputError leaves
 * the caller's dataset untouched. Messages name the imported file rather than the contract's file.
 */
export function applyLayer(dataset: Dataset, layer: ImportLayer, features: Feature[], sourceFile: string, meta?: Partial<Dataset['meta']>): Dataset {
	const files = datasetToFiles(dataset);
	files[FILE_OF[layer]] = { type: 'FeatureCollection', features: JSON.parse(JSON.stringify(features)) };
	if (meta) files['dataset.json'] = { ...dataset.meta, ...meta };
	try {
		return validateDataset(files);
	} catch (error) {
		if (error && typeof error === 'object' && 'problems' in error && Array.isArray(error.problems))
			for (const problem of error.problems) if (problem.file === FILE_OF[layer]) problem.file = sourceFile;
		throw error;
	}
}
