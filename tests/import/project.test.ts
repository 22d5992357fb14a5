import { describe, expect, it } from 'vitest';
import { datasetToFiles } from '../../src/lib/engine/import/applyLayer';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import { parseProject, serializeProject, type Project } from '../../src/lib/engine/project';
import { WorkHistory } from '../../src/lib/state/history.svelte';
import { demoDataset } from './helpers';

const proposal = (id: string, lon: number) => ({
	type: 'Feature' as const,
	geometry: { type: 'Point' as const, coordinates: [lon, 27.89] },
	properties: { id, name: `拟建 <b>${id}</b>`, category: 'kindergarten' as const, capacity: 90, operator: 'public' as const, affordable: true, status: 'planned' as const }
});

const SETTINGS: Project['settings'] = { ruleId: 'HZ-1', radiusM: 300, minutes: 10, speedMPerMin: 70, customCategories: ['care_home'], includePlanned: true };

describe('project file', () => {
	it('is a GeoJSON FeatureCollection of the proposals with settings and a demo reference, read back unchanged', () => {
		const project: Project = { settings: SETTINGS, data: { ref: 'xichang-demo' }, proposals: [proposal('P-1', 102.26), proposal('P-2', 102.27)] };
		const text = serializeProject(project);
		const json = JSON.parse(text);
		expect(json.type).toBe('FeatureCollection');
		expect(json.features).toHaveLength(2);
		const { project: back, dataset } = parseProject(text, 'p.geojson');
		expect(back).toEqual(project);
		expect(dataset).toBeUndefined();
	});

	it('keeps the walking settings, and still opens files saved before they existed', () => {
		const walking = { mode: 'both' as const, accessM: 150, nodeCrossings: true };
		const text = serializeProject({ settings: { ...SETTINGS, walking }, data: { ref: 'xichang-demo' }, proposals: [] });
		expect(parseProject(text, 'p.geojson').project.settings.walking).toEqual(walking);
		expect(parseProject(serializeProject({ settings: SETTINGS, data: { ref: 'xichang-demo' }, proposals: [] }), 'p.geojson').project.settings.walking).toBeUndefined();
		for (const bad of [{ ...walking, mode: 'fly' }, { ...walking, accessM: -1 }, { ...walking, nodeCrossings: 'yes' }]) {
			const broken = serializeProject({ settings: { ...SETTINGS, walking: bad as never }, data: { ref: 'xichang-demo' }, proposals: [] });
			expect(() => parseProject(broken, 'p.geojson')).toThrow(/project settings are incomplete or invalid/);
		}
	});

	it('carries a copy of imported data, validated when opened', () => {
		const demo = demoDataset();
		const copy = datasetToFiles({ ...demo, facilities: demo.facilities.slice(0, 3) });
		const text = serializeProject({ settings: SETTINGS, data: { copy }, proposals: [] });
		const { dataset } = parseProject(text, 'p.geojson');
		expect(dataset?.facilities.map((facility) => facility.properties.id)).toEqual(demo.facilities.slice(0, 3).map((facility) => facility.properties.id));
		expect(dataset?.residential).toHaveLength(demo.residential.length);
	});

	it('rejects files that are not projects, with bad settings, or with bad proposals, naming the file', () => {
		const fail = (text: string) => {
			try {
				parseProject(text, 'p.geojson');
			} catch (error) {
				if (error instanceof InputError) return formatProblem(error.problems[0], 'en');
			}
			throw new Error('expected failure');
		};
		expect(fail('')).toBe('p.geojson: file is empty');
		expect(fail('{"type":"FeatureCollection","features":[]}')).toBe('p.geojson: is not a project file of this tool (no project member)');
		const good = JSON.parse(serializeProject({ settings: SETTINGS, data: { ref: 'xichang-demo' }, proposals: [proposal('P-1', 102.26)] }));
		expect(fail(JSON.stringify({ ...good, project: { ...good.project, settings: { ...SETTINGS, radiusM: -1 } } }))).toBe('p.geojson: project settings are incomplete or invalid');
		expect(fail(JSON.stringify({ ...good, project: { ...good.project, version: 99 } }))).toBe('p.geojson: project file version 99 is not supported');
		const badProposal = { ...good, features: [{ ...good.features[0], properties: { ...good.features[0].properties, category: 'school' } }] };
		expect(fail(JSON.stringify(badProposal))).toMatch(/^p\.geojson, feature 1 \(id "P-1"\): .*school/);
	});
});

describe('undo/redo history', () => {
	const demo = demoDataset();
	const other = { ...demo, facilities: demo.facilities.slice(1) };

	it('undoes and redoes proposal edits and imports in order, and a new edit clears redo', () => {
		const history = new WorkHistory();
		history.reset({ proposals: [], dataset: demo });
		history.record({ proposals: [proposal('P-1', 102.26)], dataset: demo });
		history.record({ proposals: [proposal('P-1', 102.26)], dataset: demo }); // unchanged: no step
		history.record({ proposals: [proposal('P-1', 102.26)], dataset: other }); // an import
		history.record({ proposals: [proposal('P-1', 102.27)], dataset: other }); // a move
		expect(history.undo()?.proposals[0].geometry.coordinates[0]).toBe(102.26);
		expect(history.undo()?.dataset).toBe(demo);
		expect(history.undo()?.proposals).toEqual([]);
		expect(history.undo()).toBeUndefined();
		expect(history.canUndo).toBe(false);
		expect(history.redo()?.proposals).toHaveLength(1);
		expect(history.canRedo).toBe(true);
		history.record({ proposals: [], dataset: demo });
		expect(history.canRedo).toBe(false);
		expect(history.redo()).toBeUndefined();
	});
});
