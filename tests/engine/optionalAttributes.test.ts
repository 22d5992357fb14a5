import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import type { DatasetFiles } from '../../src/lib/engine/types';
import { validateDataset } from '../../src/lib/engine/validate';
import { shortfallWords, formatMeasure } from '../../src/lib/compliance/wording';
import { dataset, facility, residential, square } from './fixtures';

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

function files(facilityProperties: Record<string, unknown>, residentialProperties: Record<string, unknown> = {}): DatasetFiles {
	const data = dataset([residential('r1', square(0, 0, 100), 100)], [facility('f1', [0, 0])]);
	const area = { ...data.residential[0], properties: { ...data.residential[0].properties, ...residentialProperties } };
	const place = { ...data.facilities[0], properties: { ...data.facilities[0].properties, ...facilityProperties } };
	return {
		'dataset.json': data.meta,
		'residential.geojson': collection([area]),
		'facilities.geojson': collection([place]),
		'units.geojson': collection(data.units),
		'paths.geojson': collection([])
	};
}

describe('optional attributes for the rule sets (clinic, demonstration, resettlement)', () => {
	it('keeps absent apart from false, and true/false as given', () => {
		const absent = validateDataset(files({}));
		expect('clinic' in absent.facilities[0].properties).toBe(false);
		expect('resettlement' in absent.residential[0].properties).toBe(false);
		const given = validateDataset(files({ clinic: false, demonstration: true }, { resettlement: true }));
		expect(given.facilities[0].properties).toMatchObject({ clinic: false, demonstration: true });
		expect(given.residential[0].properties.resettlement).toBe(true);
	});

	it('rejects values that are not true or false, naming the file, feature and property', () => {
		for (const [input, file, key] of [
			[files({ demonstration: 1 }), 'facilities.geojson', 'demonstration'],
			[files({}, { resettlement: 'yes' }), 'residential.geojson', 'resettlement']
		] as const) {
			try {
				validateDataset(input);
				throw new Error('expected a rejection');
			} catch (error) {
				expect(error).toBeInstanceOf(InputError);
				const message = formatProblem((error as InputError).problems[0], 'zh');
				expect(message).toContain(file);
				expect(message).toContain('第 1 个要素');
				expect(message).toContain(`属性 ${key} 应为 true 或 false`);
			}
		}
	});
});

describe('report wording', () => {
	it('says the shortfall in plain words, and nothing when there is none or it is unknown', () => {
		expect(shortfallWords({ shortfall: 34, shortfallUnit: 'places' })).toEqual({ zh: '还需新增托位 34 个', en: '34 more places needed' });
		expect(shortfallWords({ shortfall: 1900.64, shortfallUnit: 'm2' })?.zh).toBe('还需补足养老服务用房 1900.6 平方米');
		expect(shortfallWords({ shortfall: 0, shortfallUnit: 'beds' })).toBeUndefined();
		expect(shortfallWords({ shortfall: null, shortfallUnit: 'beds' })).toBeUndefined();
	});

	it('formats values with their unit of measure', () => {
		expect(formatMeasure(3.5789, 'per_1000_population').zh).toBe('3.58 个/千人');
		expect(formatMeasure(0.34375, 'share_of_units').en).toBe('34.4%');
		expect(formatMeasure(null, 'share_of_units').zh).toBe('—');
	});
});
