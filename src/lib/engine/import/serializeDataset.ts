import type { Dataset } from '../types';
import { datasetToFiles } from './applyLayer';

/**
 * A dataset as the files of a dataset folder (README, "Data contract"): one feature per line, so
 * folders diff well in git, like the demo's.
 */
export function serializeDataset(dataset: Dataset): Record<string, string> {
	const files = datasetToFiles(dataset) as unknown as Record<string, unknown>;
	return Object.fromEntries(
		Object.entries(files).map(([name, content]) => {
			if (name === 'dataset.json') return [name, `${JSON.stringify(content, null, '\t')}\n`];
			const features = (content as { features: unknown[] }).features;
			return [name, `{"type":"FeatureCollection","features":[\n${features.map((feature) => JSON.stringify(feature)).join(',\n')}\n]}\n`];
		})
	);
}
