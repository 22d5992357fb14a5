import { describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/lib/engine/import/applyLayer';
import { suggestAreaMapping } from '../../src/lib/engine/import/areaFieldMapping';
import { assignCommunities } from '../../src/lib/engine/import/assignCommunities';
import { layerFromTable } from '../../src/lib/engine/import/layerFromTable';
import { readImportFile } from '../../src/lib/engine/import/readImportFile';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import { demoDataset, utf8 } from './helpers';

const square = [[102.255, 27.9], [102.256, 27.9], [102.256, 27.901], [102.255, 27.901], [102.255, 27.9]];

describe('residential areas with Chinese columns', () => {
	const demo = demoDataset();
	const community = demo.units.find((unit) => unit.properties.level === 'community')!;
	const file = (population: unknown) =>
		utf8(
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: { 编号: 'X1', 小区名称: '新村', 常住人口: population, '60岁以上': 120, '3岁以下': '30', 户数: '400', 新建: undefined, 建设状态: '既有', 所属社区: community.properties.name },
						geometry: { type: 'Polygon', coordinates: [square] }
					}
				]
			})
		);

	it('suggests the mapping, reads counts as numbers, 既有 as existing, and the community by its name', async () => {
		const { table } = await readImportFile(file('1,200'), 'areas.geojson', 'residential');
		const mapping = suggestAreaMapping('residential', table.headers);
		expect(mapping).toEqual({ id: '编号', name: '小区名称', population: '常住人口', elderly: '60岁以上', infants: '3岁以下', households: '户数', built: '建设状态', community: '所属社区' });
		const { features } = layerFromTable(table, 'residential', { kind: 'wgs84' }, mapping);
		const { features: assigned, assigned: count } = assignCommunities(features, demo.units);
		expect(count).toBe(1);
		const next = applyLayer(demo, 'residential', assigned, 'areas.geojson');
		expect(next.residential[0].properties).toMatchObject({ id: 'X1', name: '新村', population: 1200, elderly: 120, infants: 30, households: 400, built: 'existing', community: community.properties.id });
	});

	it('a population that is not a number is named by the contract’s validation', async () => {
		const { table } = await readImportFile(file('很多'), 'areas.geojson', 'residential');
		const { features } = layerFromTable(table, 'residential', { kind: 'wgs84' }, suggestAreaMapping('residential', table.headers));
		try {
			applyLayer(demo, 'residential', assignCommunities(features, demo.units).features, 'areas.geojson');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(InputError);
			expect((error as InputError).problems.map((problem) => formatProblem(problem, 'en'))).toEqual([expect.stringMatching(/^areas\.geojson, feature 1 \(id "X1"\): .*population/)]);
		}
	});
});
